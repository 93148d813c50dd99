/**
 * Reference routes: indicators, regions and groups, targets. Public reads.
 */
import { type Indicator, NotFound, type Region, type RegionGroup, Registry, type Target } from "@tijian/core"
import { Hono } from "hono"
import type { AppEnv, Deps } from "../http.js"
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
})

const groupJson = (g: RegionGroup) => ({
  code: g.code,
  type: "group" as const,
  name: { zh: g.nameZh, en: g.nameEn },
  members: g.members,
})

const targetJson = (t: Target) => ({
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
})

/** The reference routes. */
export const referenceRoutes = (deps: Deps) => {
  const registry = () => runOrThrow(deps.runtime, Registry.Registry)
  const api = new Hono<AppEnv>()

  api.get("/indicators", async (c) => {
    const { indicators } = await registry()
    return c.json({ indicators: indicators.map(indicatorSummary) })
  })

  api.get("/indicators/:id", async (c) => {
    const id = c.req.param("id")
    const reg = await registry()
    const i = reg.indicator(id)
    if (!i) throw new NotFound({ reason: "indicator", message: `no indicator has id "${id}"; see GET /api/v1/indicators` })
    return c.json({
      ...indicatorSummary(i),
      description: i.description ?? null,
      format: i.format ?? "number",
      grades: i.grades ?? [],
      inputs: i.inputs ?? [],
      reports: i.reports ?? null,
      aggregate: i.aggregate ?? null,
      targets: reg.targets.filter((t) => t.indicator === id).map(targetJson),
    })
  })

  api.get("/regions", async (c) => {
    const { regions } = await registry()
    return c.json({ regions: regions.regions.map(regionJson), groups: regions.groups.map(groupJson) })
  })

  api.get("/regions/:code", async (c) => {
    const code = c.req.param("code")
    const { regions } = await registry()
    const scope = regions.scope(code)
    if (!scope) {
      throw new NotFound({
        reason: "region",
        message: `no region or group has code "${code}"; regions are identified by code (e.g. 320500), see GET /api/v1/regions`,
      })
    }
    if (scope._tag === "group") return c.json({ ...groupJson(scope.group), members: scope.members.map(regionJson) })
    return c.json({ ...regionJson(scope.region), children: regions.children(code).map((r) => r.code) })
  })

  api.get("/targets", async (c) => {
    const indicator = c.req.query("indicator")
    const region = c.req.query("region")
    const reg = await registry()
    if (indicator !== undefined && !reg.indicator(indicator)) {
      throw new NotFound({ reason: "indicator", message: `no indicator has id "${indicator}"; see GET /api/v1/indicators` })
    }
    if (region !== undefined && !reg.regions.has(region)) {
      throw new NotFound({ reason: "region", message: `no region or group has code "${region}"; see GET /api/v1/regions` })
    }
    const targets = reg.targets.filter(
      (t) => (indicator === undefined || t.indicator === indicator) && (region === undefined || t.scope === region || t.scope === "*"),
    )
    return c.json({ targets: targets.map(targetJson) })
  })

  return api
}
