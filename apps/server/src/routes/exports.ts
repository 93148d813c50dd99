/**
 * Export endpoints: current observations as SDMX-CSV 1.0 for statistical offices
 * (`GET /export/sdmx.csv?indicator=&region=&year=&asOf=`; each filter optional, comma-separated lists).
 */
import { NotFound, ObservationStore, Registry } from "@tijian/core"
import { Effect, Schema } from "effect"
import { sdmxCsv } from "@tijian/report"
import { defineEndpoint } from "../endpoint/Endpoint.js"
import { AsOfParam, ListParam, optional, YearListParam } from "../endpoint/parameters.js"
import { notFound } from "../openapi/examples.js"
import { badYear } from "../openapi/table.js"
import { runOrThrow } from "../runtime.js"

/** The media type of SDMX-CSV 1.0 data (SDMX RESTful API). */
export const SDMX_CSV_TYPE = "application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8"

/** The filters of current values (`GET /observations`, the SDMX export): each one value or a list. */
export const CurrentValuesQuery = Schema.Struct({
  indicator: optional(ListParam("Indicator id(s).", "beauty.growth")),
  region: optional(ListParam("Region or group code(s).", "320500")),
  year: optional(YearListParam("Year(s).", "2022,2023")),
  asOf: optional(AsOfParam),
})

export const exportSdmx = defineEndpoint({
  method: "get",
  path: "/export/sdmx.csv",
  operationId: "exportSdmx",
  tag: "Exports",
  access: "read",
  summary: "Current values as SDMX-CSV",
  description:
    "The current value of every matching cell as SDMX-CSV 1.0, one row per value: `DATAFLOW, REF_AREA, INDICATOR, TIME_PERIOD, OBS_VALUE, UNIT_MEASURE, OBS_STATUS` (indicator ids upper-cased with `.` as `_`; `OBS_STATUS` A for final, P for provisional). Each filter takes one value or a comma-separated list.",
  query: CurrentValuesQuery,
  responses: {
    200: {
      description: "The values (as an attachment, `tijian-sdmx.csv`).",
      content: {
        [SDMX_CSV_TYPE]: {
          schema: { type: "string" },
          example:
            "DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS\nTIJIAN:DF_PLAN_MONITORING(1.0),320500,BEAUTY_GROWTH,2023,82.28,INDEX_0_100,A\n",
        },
      },
    },
    400: badYear,
    404: notFound("indicator or region", 'no indicator has id "beauty.nope"; see GET /api/v1/indicators'),
  },
  handle: async ({ c, deps, query: { indicator: indicators, region: regions, year: years, asOf: asOfGiven } }) => {
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
  },
})
