/**
 * Report editions: publish (admin) freezes the current report as an immutable edition; editions are listed,
 * served exactly as published (JSON by default, or the page: see `serveEdition.ts`), and compared.
 */
import { Database, diffReports, Editions, Engine, type Report } from "@tijian/core"
import { Effect } from "effect"
import { Hono } from "hono"
import { actorOf } from "../audit/AuditLog.js"
import { withAuditedDatabase } from "../audit/auditedStore.js"
import { type AppEnv, type Deps, requirePrincipal, requireRole } from "../http.js"
import { parseYear } from "../parse.js"
import { runOrThrow } from "../runtime.js"
import { editionServerOf, parseEdition } from "./serveEdition.js"

/** The edition routes, under /reports/{scope}/{year}. */
export const editionRoutes = (deps: Deps) => {
  const api = new Hono<AppEnv>()
  const serveEdition = editionServerOf(deps)
  const run = <A, E>(effect: Effect.Effect<A, E, any>) => runOrThrow(deps.runtime, effect)
  const readGuard = (c: Parameters<typeof requirePrincipal>[0]) => {
    if (deps.settings.readsNeedToken) requirePrincipal(c)
  }

  api.post("/reports/:scope/:year/publish", async (c) => {
    const principal = requireRole(c, ["admin"])
    const scope = c.req.param("scope")
    const year = parseYear(c.req.param("year"))
    const at = deps.now().toISOString()
    const edition = await run(
      Effect.gen(function* () {
        const report = yield* Effect.flatMap(Engine.Engine, (e) => e.evaluate({ scope, year }))
        // recorded in the audit log in the edition's own transaction
        const audit = (edition: Editions.EditionInfo) => ({
          at: edition.publishedAt,
          action: "edition.publish" as const,
          actor: actorOf(principal),
          targets: [`${edition.scope}/${edition.year}/editions/${edition.edition}`],
          count: 1,
          details: { asOf: edition.asOf, contentHash: edition.contentHash },
        })
        return yield* withAuditedDatabase(audit, (database) =>
          Effect.flatMap(Editions.make.pipe(Effect.provideService(Database.Database, database)), (e) => e.publish(report, principal.agency, at)),
        )
      }),
    )
    return c.json(edition, 201)
  })

  api.get("/reports/:scope/:year/editions", async (c) => {
    readGuard(c)
    const scope = c.req.param("scope")
    const year = parseYear(c.req.param("year"))
    return c.json({ editions: await run(Effect.flatMap(Editions.Editions, (e) => e.list(scope, year))) })
  })

  api.get("/reports/:scope/:year/editions/:edition", (c) => serveEdition(c, c.req.param(), "json"))

  api.get("/reports/:scope/:year/editions/:a/diff/:b", async (c) => {
    readGuard(c)
    const scope = c.req.param("scope")
    const year = parseYear(c.req.param("year"))
    const [a, b] = await run(
      Effect.flatMap(Editions.Editions, (e) =>
        Effect.all([e.get(scope, year, parseEdition(c.req.param("a"))), e.get(scope, year, parseEdition(c.req.param("b")))]),
      ),
    )
    return c.json({ scope, year, fromEdition: a.edition, toEdition: b.edition, ...diffReports(JSON.parse(a.json) as Report, JSON.parse(b.json) as Report) })
  })

  return api
}
