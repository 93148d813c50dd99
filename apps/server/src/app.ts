/**
 * The HTTP API, under `/api/v1`: health, indicators, regions and reports. Handlers run core effects on the
 * runtime; every failure goes through `toHttpError`, so each error has one status and one JSON shape.
 */
import { canonicalTime, Engine, type Indicator, NotFound, type Region, type RegionGroup, Registry, YEAR_RANGE } from "@tijian/core"
import { Effect } from "effect"
import { Hono } from "hono"
import { BadRequest, toHttpError, UnknownRoute } from "./errors.js"
import { type AppRuntime, runOrThrow as run } from "./runtime.js"

/** Options of the app. */
export interface AppOptions {
  /** The current time, read when a report is asked for without `asOf`. Default: the system clock. */
  readonly now?: () => Date
  /** Where unexpected (500) errors are logged. Default: `console.error`. */
  readonly logError?: (error: unknown) => void
}

/** An indicator as listed: its definition without the computation. */
const indicatorSummary = (i: Indicator) => ({
  id: i.id,
  plugin: i.plugin,
  kind: i.kind,
  name: i.name,
  unit: i.unit,
  direction: i.direction,
  range: i.range ?? null,
  decimals: i.decimals,
})

const regionJson = (r: Region) => ({
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

/** Reads `asOf` as an ISO time with a zone and returns core's canonical UTC form. */
const parseAsOf = (text: string): string => {
  const time = canonicalTime(text)
  if (time === undefined) {
    throw new BadRequest({
      message: `asOf must be an ISO-8601 date or date-time with a time zone (e.g. 2025-01-01 or 2025-01-01T08:00:00Z), not "${text}"`,
    })
  }
  return time
}

const parseYear = (text: string): number => {
  const year = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isInteger(year) || year < YEAR_RANGE.min || year > YEAR_RANGE.max) {
    throw new BadRequest({
      message: `year must be a whole year between ${YEAR_RANGE.min} and ${YEAR_RANGE.max}, not "${text}"`,
    })
  }
  return year
}

/**
 * Makes the app over a runtime.
 *
 * @example
 * const app = makeApp(makeRuntime({ filename: ":memory:", plugins: builtinPlugins }))
 * const res = await app.request("/api/v1/health") // 200 {"status":"ok"}
 */
export const makeApp = (runtime: AppRuntime, options: AppOptions = {}): Hono => {
  const now = options.now ?? (() => new Date())
  const logError = options.logError ?? ((error: unknown) => console.error(error))
  const registry = () => run(runtime, Registry.Registry)

  const api = new Hono()

  api.get("/health", (c) => c.json({ status: "ok" }))

  api.get("/indicators", async (c) => {
    const { indicators } = await registry()
    return c.json({ indicators: indicators.map(indicatorSummary) })
  })

  api.get("/indicators/:id", async (c) => {
    const id = c.req.param("id")
    const reg = await registry()
    const i = reg.indicator(id)
    if (!i) {
      throw new NotFound({ reason: "indicator", message: `no indicator has id "${id}"; see GET /api/v1/indicators` })
    }
    return c.json({
      ...indicatorSummary(i),
      description: i.description ?? null,
      format: i.format ?? "number",
      grades: i.grades ?? [],
      inputs: i.inputs ?? [],
      reports: i.reports ?? null,
      aggregate: i.aggregate ?? null,
      targets: reg.targets.filter((t) => t.indicator === id),
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

  api.get("/reports/:scope/:year", async (c) => {
    const year = parseYear(c.req.param("year"))
    const asOfParam = c.req.query("asOf")
    const asOf = asOfParam === undefined ? now().toISOString() : parseAsOf(asOfParam)
    const scope = c.req.param("scope")
    const report = await run(
      runtime,
      Effect.flatMap(Engine.Engine, (engine) => engine.evaluate({ scope, year, asOf })),
    )
    return c.json(report)
  })

  const app = new Hono()
  app.route("/api/v1", api)
  app.notFound((c) => {
    const { status, body } = toHttpError(new UnknownRoute({ method: c.req.method, path: c.req.path }))
    return c.json(body, status)
  })
  app.onError((error, c) => {
    const { status, body } = toHttpError(error)
    if (status >= 500) logError(error)
    return c.json(body, status)
  })
  return app
}
