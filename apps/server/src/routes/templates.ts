/**
 * Template endpoint: `GET /templates/{region}/{year}.xlsx` gives an agency the Excel workbook to fill in for one
 * region and year (see `import/template.ts`); the filled workbook goes back to `POST /observations/import`.
 */
import { NotFound, ObservationStore, Registry, YEAR_RANGE } from "@tijian/core"
import { Effect, Schema } from "effect"
import type { Principal } from "../auth/Principal.js"
import { outOfScope } from "../auth/scope.js"
import { BadRequest, Forbidden } from "../errors.js"
import { defineEndpoint } from "../endpoint/Endpoint.js"
import { badYearMessage, RegionParam, yearOf, YearTextParam } from "../endpoint/parameters.js"
import { requirePrincipal } from "../http.js"
import { unknownScope } from "../openapi/examples.js"
import { binary, error } from "../openapi/table.js"
import { XLSX_TYPE } from "../import/sheet.js"
import { templateFileName, templateWorkbook } from "../import/template.js"
import { runOrThrow } from "../runtime.js"

/**
 * What the template holds for a principal: the registrable indicators (observed or reported, within the
 * token's plugins) with their current and last year's values. Fails with `NotFound` for an unknown region and
 * `Forbidden` for a region outside the token's scope.
 */
const templateInput = (principal: Principal, region: string, year: number) =>
  Effect.gen(function* () {
    const registry = yield* Registry.Registry
    if (!registry.regions.has(region)) {
      return yield* new NotFound({
        reason: "region",
        message: `no region or group has code "${region}"; regions are identified by code (e.g. 320500), see GET /api/v1/regions`,
      })
    }
    const outside = outOfScope(principal, registry, [{ indicator: "", region }])[0]
    if (outside) return yield* new Forbidden({ message: `${outside.message}; ask for the template of a region this token writes` })
    const registrable = registry.indicators.filter((i) => i.kind !== "derived")
    const otherPlugins = new Set(
      outOfScope(principal, registry, registrable.map((i) => ({ indicator: i.id, region })))
        .filter((p) => p.field === "indicator")
        .map((p) => p.index),
    )
    const indicators = registrable.filter((_, index) => !otherPlugins.has(index))
    const store = yield* ObservationStore.ObservationStore
    const found = yield* store.current({ indicators: indicators.map((i) => i.id), regions: [region], years: [year - 1, year] })
    const of = (y: number) => new Map(found.filter((o) => o.year === y).map((o) => [o.indicator, o]))
    const dimensioned = indicators.filter((i) => i.dimensions !== undefined).map((i) => i.id)
    const breakdowns = dimensioned.length === 0 ? [] : yield* store.breakdowns({ indicators: dimensioned, regions: [region], years: [year] })
    return { region, year, indicators, current: of(year), lastYear: of(year - 1), breakdowns }
  })

/** `GET /templates/{region}/{year}.xlsx` needs an agency or admin token. */
export const getTemplate = defineEndpoint({
  method: "get",
  path: "/templates/{region}/{year}.xlsx",
  // Hono matches the whole segment (`2023.xlsx`), so the handler says what a wrong file name should be
  honoPath: "/templates/:region/:year",
  operationId: "getTemplate",
  tag: "Imports",
  access: "agency",
  summary: "The Excel template for a region and year",
  description:
    "The workbook an agency fills in and sends back to `POST /observations/import`: sheet `observations` has one row per indicator the token may register for the region (observed and reported ones, within its plugins), pre-filled with the current value and revision so that sending it back revises exactly what changed; sheet `indicators` lists names, units, valid ranges and last year's values. When an indicator declares dimensions (values broken down, e.g. by `mode`), the sheet `observations` has one column per dimension after `year` (headed by the dimension id; empty for a total) and, after each such indicator's total, a row per code of each dimension, pre-filled with the stored breakdowns; a protected sheet `dimensions` lists each dimension's codes (`dimension, code, name_zh, name_en, additive, indicators`), and the dimension cells take only those codes (an Excel list validation, with a message in Chinese and English; the import checks the codes again).",
  params: Schema.Struct({
    region: RegionParam,
    year: YearTextParam(`A year (${YEAR_RANGE.min}..${YEAR_RANGE.max}). The path ends in \`.xlsx\`.`, "2023"),
  }),
  responses: {
    200: { description: "The workbook (as an attachment named like `tijian-320500-2023.xlsx`).", content: { [XLSX_TYPE]: { schema: binary } } },
    400: error("The file name is not `<year>.xlsx`, or the year does not parse.", "bad-request", "templates are .xlsx workbooks: GET /api/v1/templates/320500/<year>.xlsx, e.g. /api/v1/templates/320500/2023.xlsx"),
    403: error(
      "A reviewer token, or a region outside the token's scope.",
      "forbidden",
      "this token writes 320500 (Suzhou (Jiangsu)) and the regions within it, not 310000 (Shanghai); ask for the template of a region this token writes",
    ),
    404: unknownScope,
  },
  handle: async ({ c, deps, params: { region, year: file } }) => {
    const principal = requirePrincipal(c)
    const yearText = /^(.*)\.xlsx$/i.exec(file)?.[1]
    if (yearText === undefined) {
      throw new BadRequest({ message: `templates are .xlsx workbooks: GET /api/v1/templates/${region}/<year>.xlsx, e.g. /api/v1/templates/320500/2023.xlsx` })
    }
    const year = yearOf(yearText)
    if (year === undefined) throw new BadRequest({ message: badYearMessage(yearText) })
    const input = await runOrThrow(deps.runtime, templateInput(principal, region, year))
    const bytes = await templateWorkbook(input)
    return c.body(bytes, 200, {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename="${templateFileName(region, year)}"`,
    })
  },
})
