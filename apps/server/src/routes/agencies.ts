/**
 * Agency routes: `GET /agencies` lists every agency with display names (a reference read), `PUT /agencies/{id}`
 * (admin) sets an agency's Chinese and English names, which reports show instead of the id. A PUT is a write,
 * so the live pages render anew (see `writeGeneration.ts`).
 */
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { AgencyNameStore, agencyNamesProblem, type StoredAgencyNames } from "../agencies/AgencyNameStore.js"
import { actorOf } from "../audit/AuditLog.js"
import { BadRequest, UnsupportedMediaType } from "../errors.js"
import { type AppEnv, type Deps, readBodyText, requirePrincipal } from "../http.js"
import { runOrThrow } from "../runtime.js"

/** The body of `PUT /agencies/{agency}`: a name left out is kept, null or empty clears it. */
export const AgencyNamesBody = Schema.Struct({
  zh: Schema.optionalWith(Schema.NullOr(Schema.String), { exact: true }).annotations({ description: "The name in Chinese." }),
  en: Schema.optionalWith(Schema.NullOr(Schema.String), { exact: true }).annotations({ description: "The name in English." }),
})

/** An agency's names as JSON. */
export const agencyJson = (a: StoredAgencyNames) => ({ agency: a.agency, name: { zh: a.zh, en: a.en }, updatedAt: a.updatedAt, updatedBy: a.updatedBy })

/** The agency routes. */
export const agencyRoutes = (deps: Deps) => {
  const api = new Hono<AppEnv>()

  api.get("/agencies", async (c) => {
    const list = await runOrThrow(deps.runtime, Effect.flatMap(AgencyNameStore, (s) => s.list()))
    return c.json({ agencies: list.map(agencyJson) })
  })

  api.put("/agencies/:agency", async (c) => {
    const principal = requirePrincipal(c)
    const agency = c.req.param("agency")
    const type = c.req.header("content-type") ?? ""
    if (!/^application\/json\b/i.test(type)) throw new UnsupportedMediaType({ message: `send JSON {"zh", "en"} with Content-Type: application/json (got "${type || "none"}")` })
    let body: unknown
    try {
      body = JSON.parse(await readBodyText(c, deps))
    } catch (e) {
      throw new BadRequest({ message: `the body is not valid JSON: ${e instanceof Error ? e.message : String(e)}` })
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new BadRequest({ message: 'the body must be {"zh": "…", "en": "…"}' })
    const given = body as { zh?: unknown; en?: unknown }
    const problem = agencyNamesProblem(agency, { zh: given.zh, en: given.en })
    if (problem) throw new BadRequest({ message: `${problem}; nothing was stored` })
    const names = Schema.decodeUnknownSync(AgencyNamesBody)(body)
    const { names: stored, created } = await runOrThrow(
      deps.runtime,
      Effect.flatMap(AgencyNameStore, (s) => s.set(agency, names, deps.now().toISOString(), actorOf(principal))),
    )
    return c.json(agencyJson(stored), created ? 201 : 200)
  })

  return api
}
