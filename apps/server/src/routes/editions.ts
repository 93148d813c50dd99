/**
 * Report editions: publish (admin) freezes the current report as an immutable edition; editions are listed,
 * served exactly as published (JSON by default, or the page, Markdown, CSV: see `serveEdition.ts`), listed and
 * compared (JSON by default, or the page: see `editionPages.ts`).
 */
import { Database, Editions, Engine } from "@tijian/core"
import { Effect } from "effect"
import { Hono } from "hono"
import { actorOf } from "../audit/AuditLog.js"
import { withAuditedDatabase } from "../audit/auditedStore.js"
import { type AppEnv, type Deps, requirePrincipal } from "../http.js"
import { parseYear } from "../parse.js"
import { runOrThrow } from "../runtime.js"
import { serveEditionDiff, serveEditionList } from "./editionPages.js"
import { editionServerOf } from "./serveEdition.js"

/** The edition routes, under /reports/{scope}/{year}. */
export const editionRoutes = (deps: Deps) => {
  const api = new Hono<AppEnv>()
  const serveEdition = editionServerOf(deps)
  const run = <A, E>(effect: Effect.Effect<A, E, any>) => runOrThrow(deps.runtime, effect)

  api.post("/reports/:scope/:year/publish", async (c) => {
    const principal = requirePrincipal(c)
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

  api.get("/reports/:scope/:year/editions", (c) => serveEditionList(deps, c, undefined, "json"))
  api.get("/reports/:scope/:year/editions/:edition", (c) => serveEdition(c, c.req.param(), "json"))
  api.get("/reports/:scope/:year/editions/:a/diff/:b", (c) => serveEditionDiff(deps, c, "json"))

  return api
}
