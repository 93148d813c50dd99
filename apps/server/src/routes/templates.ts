/**
 * Template routes: `GET /templates/{region}/{year}.xlsx` gives an agency the Excel workbook to fill in for one
 * region and year (see `import/template.ts`); the filled workbook goes back to `POST /observations/import`.
 */
import { NotFound, ObservationStore, Registry } from "@tijian/core"
import { Effect } from "effect"
import { Hono } from "hono"
import type { Principal } from "../auth/Principal.js"
import { outOfScope } from "../auth/scope.js"
import { BadRequest, Forbidden } from "../errors.js"
import { type AppEnv, type Deps, requirePrincipal } from "../http.js"
import { XLSX_TYPE } from "../import/sheet.js"
import { templateFileName, templateWorkbook } from "../import/template.js"
import { parseYear } from "../parse.js"
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
    return { region, year, indicators, current: of(year), lastYear: of(year - 1) }
  })

/** The template routes. `GET /templates/{region}/{year}.xlsx` needs an agency or admin token. */
export const templatesRoutes = (deps: Deps) => {
  const api = new Hono<AppEnv>()

  api.get("/templates/:region/:file", async (c) => {
    const principal = requirePrincipal(c)
    const region = c.req.param("region")
    const file = c.req.param("file")
    const yearText = /^(.*)\.xlsx$/i.exec(file)?.[1]
    if (yearText === undefined) {
      throw new BadRequest({ message: `templates are .xlsx workbooks: GET /api/v1/templates/${region}/<year>.xlsx, e.g. /api/v1/templates/320500/2023.xlsx` })
    }
    const year = parseYear(yearText)
    const input = await runOrThrow(deps.runtime, templateInput(principal, region, year))
    const bytes = await templateWorkbook(input)
    return c.body(bytes, 200, {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename="${templateFileName(region, year)}"`,
    })
  })

  return api
}
