/**
 * Report editions: publish (admin) freezes the current report as an immutable edition; editions are listed,
 * served exactly as published, and compared.
 */
import { diffReports, Editions, Engine, type Report } from "@tijian/core"
import { Effect } from "effect"
import { Hono } from "hono"
import { BadRequest } from "../errors.js"
import { type AppEnv, type Deps, requirePrincipal, requireRole } from "../http.js"
import { parseYear } from "../parse.js"
import { runOrThrow } from "../runtime.js"

const parseEdition = (text: string): number => {
  if (!/^[1-9]\d{0,5}$/.test(text)) throw new BadRequest({ message: `an edition is a number from 1 (see .../editions), not "${text}"` })
  return Number(text)
}

/** Editions never change once published, so served editions are kept in memory (the most recent 64). */
const CACHE_SIZE = 64

/** The edition routes, under /reports/{scope}/{year}. */
export const editionRoutes = (deps: Deps) => {
  const api = new Hono<AppEnv>()
  const cache = new Map<string, { readonly json: string; readonly contentHash: string }>()
  const cached = async (scope: string, year: number, n: number) => {
    const key = `${scope}/${year}/${n}`
    const hit = cache.get(key)
    if (hit) return hit
    const edition = await run(Effect.flatMap(Editions.Editions, (e) => e.get(scope, year, n)))
    cache.set(key, { json: edition.json, contentHash: edition.contentHash })
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!)
    return edition
  }
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
        const report = yield* Effect.flatMap(Engine.Engine, (e) => e.evaluate({ scope, year, asOf: at }))
        return yield* Effect.flatMap(Editions.Editions, (e) => e.publish(report, principal.agency, at))
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

  api.get("/reports/:scope/:year/editions/:edition", async (c) => {
    readGuard(c)
    const edition = await cached(c.req.param("scope"), parseYear(c.req.param("year")), parseEdition(c.req.param("edition")))
    c.header("ETag", `"${edition.contentHash}"`)
    c.header("Cache-Control", "public, max-age=31536000, immutable")
    c.header("Content-Type", "application/json; charset=utf-8")
    return c.body(edition.json)
  })

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
