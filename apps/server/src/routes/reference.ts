/**
 * Reference endpoints: indicators, regions and groups, targets. Reads.
 */
import { type Indicator, NotFound, type Region, type RegionGroup, Registry, type Target } from "@tijian/core"
import { Schema } from "effect"
import { defineEndpoint } from "../endpoint/Endpoint.js"
import { IndicatorParam, optional, RegionLevelParam, RegionParam } from "../endpoint/parameters.js"
import type { Deps } from "../http.js"
import { notFound, unknownScope } from "../openapi/examples.js"
import * as R from "../openapi/regionSchemas.js"
import * as S from "../openapi/schemas.js"
import { ok } from "../openapi/table.js"
import { runOrThrow } from "../runtime.js"

/** An indicator as listed: its definition without the computation. */
export const indicatorSummary = (i: Indicator) => ({
  id: i.id,
  plugin: i.plugin,
  kind: i.kind,
  name: i.name,
  unit: i.unit,
  direction: i.direction,
  range: i.range ?? null,
  decimals: i.decimals,
})

/** A region as JSON. */
export const regionJson = (r: Region) => ({
  code: r.code,
  type: "region" as const,
  level: r.level,
  parent: r.parent ?? null,
  name: { zh: r.nameZh, en: r.nameEn },
  ...(r.nameEnGenerated ? { nameEnGenerated: true as const } : {}),
  ...(r.countyLevel ? { countyLevel: true as const } : {}),
})

const groupJson = (g: RegionGroup) => ({
  code: g.code,
  type: "group" as const,
  name: { zh: g.nameZh, en: g.nameEn },
  members: g.members,
})

export const targetJson = (t: Target) => ({
  id: t.id,
  plugin: t.plugin,
  indicator: t.indicator,
  scope: t.scope,
  kind: t.kind,
  value: t.value ?? null,
  lo: t.lo ?? null,
  hi: t.hi ?? null,
  dueYear: t.dueYear,
  baselineYear: t.baselineYear ?? null,
  binding: t.binding === true,
  standard: t.standard ?? null,
  expects: t.kind === "forecast" ? t.expects : null,
  madeIn: t.kind === "forecast" ? (t.madeIn ?? null) : null,
  source: t.source,
  ...(t.dimensions === undefined ? {} : { dimensions: t.dimensions }),
})

const registryOf = (deps: Deps) => runOrThrow(deps.runtime, Registry.Registry)

const noIndicator = (id: string) => new NotFound({ reason: "indicator", message: `no indicator has id "${id}"; see GET /api/v1/indicators` })

export const listIndicators = defineEndpoint({
  method: "get",
  path: "/indicators",
  operationId: "listIndicators",
  tag: "Reference",
  access: "read",
  summary: "List indicators",
  description: "Every indicator of every registered plugin, with its unit, range, direction and kind (observed, derived, reported).",
  responses: { 200: ok("The indicators.", S.IndicatorList) },
  handle: async ({ deps, reply }) => reply(200, { indicators: (await registryOf(deps)).indicators.map(indicatorSummary) }),
})

export const getIndicator = defineEndpoint({
  method: "get",
  path: "/indicators/{id}",
  operationId: "getIndicator",
  tag: "Reference",
  access: "read",
  summary: "One indicator, with its targets",
  description: "The indicator's definition with its description, grade bands, inputs, aggregation rule and every target set for it.",
  params: Schema.Struct({ id: IndicatorParam.annotations({ examples: ["beauty.composite"] }) }),
  responses: {
    200: ok("The indicator.", S.IndicatorDetail),
    404: notFound("indicator", 'no indicator has id "beauty.nope"; see GET /api/v1/indicators'),
  },
  handle: async ({ deps, params: { id }, reply }) => {
    const reg = await registryOf(deps)
    const i = reg.indicator(id)
    if (!i) throw noIndicator(id)
    return reply(200, {
      ...indicatorSummary(i),
      description: i.description ?? null,
      format: i.format ?? "number",
      grades: i.grades ?? [],
      inputs: i.inputs ?? [],
      reports: i.reports ?? null,
      aggregate: i.aggregate ?? null,
      ...(i.dimensions ? { dimensions: i.dimensions } : {}),
      targets: reg.targets.filter((t) => t.indicator === id).map(targetJson),
    })
  },
})

export const listRegions = defineEndpoint({
  method: "get",
  path: "/regions",
  operationId: "listRegions",
  tag: "Reference",
  access: "read",
  summary: "List regions and groups",
  description:
    "Every region (by GB/T 2260 code, with its level and parent) and every group (e.g. the 27 central cities, DEMO-ZONE). `?level=` lists the regions of one level and no groups; `level=county` includes the prefecture-level cities without counties (`countyLevel`), so under `TIJIAN_REGIONS=national` it lists all 2,978 county-level units of mainland China.",
  query: Schema.Struct({
    level: optional(RegionLevelParam("Only regions of this level: region, province, city (prefecture) or county. Groups are left out.")),
  }),
  responses: { 200: ok("The regions and groups.", R.RegionList) },
  handle: async ({ deps, query: { level }, reply }) => {
    const { regions } = await registryOf(deps)
    if (level !== undefined) return reply(200, { regions: regions.atLevel(level).map(regionJson), groups: [] })
    return reply(200, { regions: regions.regions.map(regionJson), groups: regions.groups.map(groupJson) })
  },
})

export const getRegion = defineEndpoint({
  method: "get",
  path: "/regions/{code}",
  operationId: "getRegion",
  tag: "Reference",
  access: "read",
  summary: "One region or group",
  description:
    "A region with the codes of the regions directly below it and its code history (`predecessors`: Wujiang District 320509 was the county-level city 320584 until 2012; `validFrom`, `validTo`: the years the code stands for, null where the change list does not say), a group with its member regions, or a retired code (`type: retired`) with its successors. Regions are identified by code, never by name: 320500 is Suzhou (Jiangsu), 341300 is Suzhou (Anhui).",
  params: Schema.Struct({ code: RegionParam }),
  responses: { 200: ok("The region or group.", R.RegionDetail), 404: unknownScope },
  handle: async ({ deps, params: { code }, reply }) => {
    const { regions } = await registryOf(deps)
    const scope = regions.scope(code)
    const retired = scope ? undefined : regions.lineage.retired(code)
    const validity = regions.lineage.validity(code)
    if (retired) {
      return reply(200, { code, type: "retired" as const, name: retired.name, validFrom: validity.from, validTo: retired.retiredIn - 1, retiredIn: retired.retiredIn, successors: retired.successors })
    }
    if (!scope) {
      throw new NotFound({
        reason: "region",
        message: `no region or group has code "${code}"; regions are identified by code (e.g. 320500), see GET /api/v1/regions`,
      })
    }
    if (scope._tag === "group") return reply(200, { ...groupJson(scope.group), members: scope.members.map(regionJson) })
    return reply(200, {
      ...regionJson(scope.region),
      validFrom: validity.from,
      validTo: validity.to,
      children: regions.children(code).map((r) => r.code),
      predecessors: regions.lineage.predecessorsOf(code),
    })
  },
})

export const listTargets = defineEndpoint({
  method: "get",
  path: "/targets",
  operationId: "listTargets",
  tag: "Reference",
  access: "read",
  summary: "List targets",
  description: 'Targets, optionally of one indicator and/or one region or group (targets scoped "*" apply everywhere and are included).',
  query: Schema.Struct({
    indicator: optional(IndicatorParam.annotations({ description: "Only targets of this indicator.", examples: ["beauty.composite"] })),
    region: optional(RegionParam.annotations({ description: 'Only targets of this region or group (and those scoped "*").' })),
  }),
  responses: {
    200: ok("The targets.", S.TargetList),
    404: notFound("indicator or region", 'no indicator has id "beauty.nope"; see GET /api/v1/indicators'),
  },
  handle: async ({ deps, query: { indicator, region }, reply }) => {
    const reg = await registryOf(deps)
    if (indicator !== undefined && !reg.indicator(indicator)) throw noIndicator(indicator)
    if (region !== undefined && !reg.regions.has(region)) {
      throw new NotFound({ reason: "region", message: `no region or group has code "${region}"; see GET /api/v1/regions` })
    }
    const targets = reg.targets.filter(
      (t) => (indicator === undefined || t.indicator === indicator) && (region === undefined || t.scope === region || t.scope === "*"),
    )
    return reply(200, { targets: targets.map(targetJson) })
  },
})
