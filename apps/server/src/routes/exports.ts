/**
 * Export routes: current observations as SDMX-CSV 1.0 for statistical offices
 * (`GET /export/sdmx.csv?indicator=&region=&year=&asOf=`; each filter optional, comma-separated lists).
 */
import { NotFound, ObservationStore, Registry } from "@tijian/core"
import { Effect } from "effect"
import { Hono } from "hono"
import type { AppEnv, Deps } from "../http.js"
import { parseAsOf, parseYear } from "../parse.js"
import { sdmxCsv } from "@tijian/report"
import { runOrThrow } from "../runtime.js"

/** The media type of SDMX-CSV 1.0 data (SDMX RESTful API). */
export const SDMX_CSV_TYPE = "application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8"

const list = (value: string | undefined): ReadonlyArray<string> | undefined =>
  value === undefined ? undefined : value.split(",").map((s) => s.trim()).filter((s) => s !== "")

/** The export routes. */
export const exportsRoutes = (deps: Deps) => {
  const api = new Hono<AppEnv>()

  api.get("/export/sdmx.csv", async (c) => {
    const indicators = list(c.req.query("indicator"))
    const regions = list(c.req.query("region"))
    const years = list(c.req.query("year"))?.map((y) => parseYear(y))
    const asOfParam = c.req.query("asOf")
    const asOfGiven = asOfParam === undefined ? undefined : parseAsOf(asOfParam)
    const text = await runOrThrow(
      deps.runtime,
      Effect.gen(function* () {
        const registry = yield* Registry.Registry
        const unknownIndicator = indicators?.find((id) => !registry.indicator(id))
        if (unknownIndicator !== undefined) {
          return yield* new NotFound({ reason: "indicator", message: `no indicator has id "${unknownIndicator}"; see GET /api/v1/indicators` })
        }
        const unknownRegion = regions?.find((code) => !registry.regions.has(code))
        if (unknownRegion !== undefined) {
          return yield* new NotFound({ reason: "region", message: `no region or group has code "${unknownRegion}"; see GET /api/v1/regions` })
        }
        const store = yield* ObservationStore.ObservationStore
        // without asOf, as of the latest committed change: a stable snapshot, as reports read
        const asOf = yield* ObservationStore.asOfOrLatest(store, asOfGiven)
        const observations = yield* store.current({
          asOf,
          ...(indicators ? { indicators } : {}),
          ...(regions ? { regions } : {}),
          ...(years ? { years } : {}),
        })
        return sdmxCsv(observations, registry.indicator)
      }),
    )
    c.header("Content-Disposition", 'attachment; filename="tijian-sdmx.csv"')
    return c.body(text, 200, { "Content-Type": SDMX_CSV_TYPE })
  })

  return api
}
