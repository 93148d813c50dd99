/**
 * Export endpoints: current observations as SDMX-CSV 1.0 for statistical offices
 * (`GET /export/sdmx.csv?indicator=&region=&year=&asOf=`; each filter optional, comma-separated lists), current
 * observations with their breakdowns as CSV in the import's columns (`GET /export/observations.csv?indicator=&asOf=`),
 * and every observation as Apache Parquet for analysts, admins only (`GET /export/observations.parquet?asOf=&revisions=`).
 */
import { Database, NotFound, ObservationStore, Registry, unknownName } from "@tijian/core"
import { Effect, Schema } from "effect"
import { sdmxCsv } from "@tijian/report"
import { defineEndpoint } from "../endpoint/Endpoint.js"
import { AsOfParam, BooleanParam, ListParam, OneOfParam, optional, YearListParam } from "../endpoint/parameters.js"
import { PARQUET_TYPE } from "../export/observationsParquet.js"
import { prepareParquetExport } from "../export/parquetExport.js"
import { pushedStream } from "../export/pushedStream.js"
import { withBreakdownsInOrder } from "../export/breakdownOrder.js"
import { observationPages } from "../export/observationPages.js"
import { observationsCsv } from "../export/observationsCsv.js"
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

/** The store's query for the filters of `CurrentValuesQuery` (an absent filter matches everything). */
export const currentQueryOf = (q: typeof CurrentValuesQuery.Type): ObservationStore.CurrentQuery => ({
  ...(q.indicator ? { indicators: q.indicator } : {}),
  ...(q.region ? { regions: q.region } : {}),
  ...(q.year ? { years: q.year } : {}),
  ...(q.asOf ? { asOf: q.asOf } : {}),
})

export const exportSdmx = defineEndpoint({
  method: "get",
  path: "/export/sdmx.csv",
  operationId: "exportSdmx",
  tag: "Exports",
  access: "read",
  summary: "Current values as SDMX-CSV",
  description:
    "The current value of every matching cell as SDMX-CSV 1.0, one row per value: `DATAFLOW, REF_AREA, INDICATOR, TIME_PERIOD, OBS_VALUE, UNIT_MEASURE, OBS_STATUS` (indicator ids upper-cased with `.` as `_`; `OBS_STATUS` A for final, P for provisional). Each filter takes one value or a comma-separated list.\n\nBreakdowns (values by an indicator's dimensions) are rows too, each after its total in the declaration order of the codes. When an exported indicator declares dimensions, each dimension is one more SDMX dimension: a column headed by its id upper-cased (`MODE`) between `INDICATOR` and `TIME_PERIOD`, holding the code upper-cased (`METRO`), `_T` (SDMX's generic code for Total) in a total's row, and `_Z` (Not applicable) in the rows of indicators that do not declare it. Without dimensioned indicators the columns are the seven above.",
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
        yield* knownNames(registry, { indicators, regions })
        const store = yield* ObservationStore.ObservationStore
        // without asOf, as of the latest committed change: a stable snapshot, as reports read
        const asOf = yield* ObservationStore.asOfOrLatest(store, asOfGiven)
        const query = { asOf, ...(indicators ? { indicators } : {}), ...(regions ? { regions } : {}), ...(years ? { years } : {}) }
        const totals = yield* store.current(query)
        const breakdowns = yield* store.breakdowns(query)
        return sdmxCsv(withBreakdownsInOrder(totals, breakdowns, registry.indicator), registry.indicator)
      }),
    )
    c.header("Content-Disposition", 'attachment; filename="tijian-sdmx.csv"')
    return c.body(text, 200, { "Content-Type": SDMX_CSV_TYPE })
  },
})

/**
 * Fails with a 404 for the first indicator id or region code of a read's filters that nothing is known by (core's
 * `unknownName`, with "did you mean"), so a typo is not answered with an empty list.
 */
export const knownNames = (registry: Registry.RegistryService, filter: Parameters<typeof unknownName>[1]) => {
  const unknown = unknownName(registry, filter)
  return unknown === undefined ? Effect.void : Effect.fail(new NotFound({ reason: unknown.field, message: unknown.message }))
}

const BOM = "\ufeff"
const encoder = new TextEncoder()

export const exportObservationsCsv = defineEndpoint({
  method: "get",
  path: "/export/observations.csv",
  operationId: "exportObservationsCsv",
  tag: "Exports",
  access: "read",
  summary: "Current values and their breakdowns as CSV (the import's columns)",
  description:
    "The current value of every cell (of `indicator`, one or a comma-separated list; default all) as of `asOf` (default: the latest change), as CSV (UTF-8 with a byte order mark, CRLF) in the columns `POST /observations/import` reads, so that the file sent back changes nothing: `indicator, region, year`, then one column per dimension the exported indicators declare (headed by the dimension id, e.g. `mode`; empty for a total; no such columns when none of them declares dimensions), then `value, source, note, source_zh, source_en, note_zh, note_en, status, revision`. Breakdowns are rows too: each cell's total first, then its breakdowns in the declaration order of the codes. Streamed, a page of rows at a time.",
  query: Schema.Struct({ indicator: optional(ListParam("Indicator id(s).", "mob.green-share")), asOf: optional(AsOfParam) }),
  responses: {
    200: {
      description: "The values (as an attachment, `tijian-observations.csv`).",
      headers: { "X-Tijian-As-Of": { description: "The time the data are as of.", schema: { type: "string" }, example: "2025-03-01T00:00:00.003Z" } },
      content: {
        "text/csv": {
          schema: { type: "string" },
          example:
            "indicator,region,year,mode,value,source,note,source_zh,source_en,note_zh,note_en,status,revision\r\n" +
            "mob.green-share,320500,2022,,0.7,Suzhou travel survey 2022,,,,,,final,1\r\n" +
            "mob.green-share,320500,2022,metro,0.3,Suzhou travel survey 2022,,,,,,final,1\r\n",
        },
      },
    },
    400: badYear,
    404: notFound("indicator", 'no indicator has id "beauty.nope"; see GET /api/v1/indicators'),
  },
  handle: async ({ c, deps, query: { indicator: ids, asOf: asOfGiven } }) => {
    const exp = await runOrThrow(
      deps.runtime,
      Effect.gen(function* () {
        const registry = yield* Registry.Registry
        yield* knownNames(registry, { indicators: ids })
        const { db } = yield* Database.Database
        const asOf = yield* ObservationStore.asOfOrLatest(yield* ObservationStore.ObservationStore, asOfGiven)
        // a retired id is known (its stored values are exported) but declares no columns
        const indicators = ids ? ids.flatMap((id) => registry.indicator(id) ?? []) : registry.indicators
        const pages = () => observationPages(db, { asOf, breakdowns: true, ...(ids ? { indicators: ids } : {}) })
        return { asOf, text: () => observationsCsv(pages(), indicators, registry.indicator) }
      }),
    )
    const body = pushedStream(async (sink) => {
      await sink.write(encoder.encode(BOM))
      for await (const text of exp.text()) await sink.write(encoder.encode(text))
    })
    return c.body(body, 200, {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": 'attachment; filename="tijian-observations.csv"',
      "X-Tijian-As-Of": exp.asOf,
    })
  },
})

export const exportObservationsParquet = defineEndpoint({
  method: "get",
  path: "/export/observations.parquet",
  operationId: "exportObservationsParquet",
  tag: "Exports",
  access: "admin",
  summary: "Observations as Parquet (admins)",
  description:
    "Every observation as an Apache Parquet file for DuckDB, pandas or Arrow, streamed a row group (at most 100,000 rows) at a time: the current value of each cell (default) or every revision (`revisions=all`), as of `asOf` (default: the latest change); totals only, or with `breakdowns=true` each cell's breakdowns too. Columns: `indicator`, `region` (string), `year` (int32), `breakdown` (string: null for a total, `mode=metro` for a breakdown), `value` (double), `revision` (int32), `agency`, `submitted_at` (timestamp, UTC), `source`, `note`, `source_zh`, `source_en`, `note_zh`, `note_en`, `status`; the key-value metadata holds `tijian.as_of`, `tijian.revisions`, `tijian.breakdowns` (`totals-only` or `included`) and `tijian.version`. E.g. `duckdb -c \"SELECT region, sum(value) FROM 'observations.parquet' GROUP BY 1\"`.",
  query: Schema.Struct({
    asOf: optional(AsOfParam),
    revisions: optional(OneOfParam("revisions", ["current", "all"], "`current` (default): the current value of each cell; `all`: every revision.")),
    breakdowns: optional(BooleanParam("breakdowns", "`true`: the breakdown rows too (`breakdown` not null); default `false`, totals only, so a sum counts no value twice.")),
  }),
  responses: {
    200: {
      description: "The Parquet file (as an attachment, `tijian-observations.parquet`).",
      headers: {
        "X-Tijian-As-Of": { description: "The time the data are as of (also `tijian.as_of` in the file).", schema: { type: "string" }, example: "2025-03-01T00:00:00.003Z" },
      },
      content: { [PARQUET_TYPE]: { schema: { type: "string", format: "binary" } } },
    },
    400: badYear,
  },
  handle: async ({ c, deps, query }) => {
    const exp = await runOrThrow(deps.runtime, prepareParquetExport({ asOf: query.asOf, allRevisions: query.revisions === "all", breakdowns: query.breakdowns === true }))
    return c.body(pushedStream((sink) => exp.writeTo(sink)), 200, {
      "Content-Type": PARQUET_TYPE,
      "Content-Disposition": 'attachment; filename="tijian-observations.parquet"',
      "X-Tijian-As-Of": exp.asOf,
    })
  },
})
