/**
 * Report routes: the annual physical examination of a region or group, as JSON.
 */
import { Engine } from "@tijian/core"
import { Effect } from "effect"
import { Hono } from "hono"
import { type AppEnv, type Deps, requirePrincipal } from "../http.js"
import { parseAsOf, parseYear } from "../parse.js"
import { runOrThrow } from "../runtime.js"

/** The report routes. */
export const reportRoutes = (deps: Deps) => {
  const api = new Hono<AppEnv>()
  api.get("/reports/:scope/:year", async (c) => {
    if (deps.settings.readsNeedToken) requirePrincipal(c)
    const year = parseYear(c.req.param("year"))
    const asOfParam = c.req.query("asOf")
    const asOf = asOfParam === undefined ? deps.now().toISOString() : parseAsOf(asOfParam)
    const scope = c.req.param("scope")
    const report = await runOrThrow(deps.runtime, Effect.flatMap(Engine.Engine, (engine) => engine.evaluate({ scope, year, asOf })))
    return c.json(report)
  })
  return api
}
