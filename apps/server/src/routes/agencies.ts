/**
 * Agency endpoints: `GET /agencies` lists every agency with display names (a reference read), `PUT /agencies/{id}`
 * (admin) sets an agency's Chinese and English names, which reports show instead of the id. A PUT is a write,
 * so the live pages render anew (see `writeGeneration.ts`).
 */
import { Effect, Schema } from "effect"
import { AgencyNameStore, agencyNamesProblem, type StoredAgencyNames } from "../agencies/AgencyNameStore.js"
import { actorOf } from "../audit/AuditLog.js"
import { BadRequest, UnsupportedMediaType } from "../errors.js"
import { defineEndpoint } from "../endpoint/Endpoint.js"
import { TextParam } from "../endpoint/parameters.js"
import { readBodyText, requirePrincipal } from "../http.js"
import { notJson } from "../openapi/examples.js"
import * as S from "../openapi/schemas.js"
import { error, json, ok } from "../openapi/table.js"
import { runOrThrow } from "../runtime.js"

/** The body of `PUT /agencies/{agency}`: a name left out is kept, null or empty clears it. */
export const AgencyNamesBody = Schema.Struct({
  zh: Schema.optionalWith(Schema.NullOr(Schema.String), { exact: true }).annotations({ description: "The name in Chinese." }),
  en: Schema.optionalWith(Schema.NullOr(Schema.String), { exact: true }).annotations({ description: "The name in English." }),
})

/** An agency's names as JSON. */
export const agencyJson = (a: StoredAgencyNames) => ({ agency: a.agency, name: { zh: a.zh, en: a.en }, updatedAt: a.updatedAt, updatedBy: a.updatedBy })

export const listAgencies = defineEndpoint({
  method: "get",
  path: "/agencies",
  operationId: "listAgencies",
  tag: "Reference",
  access: "read",
  summary: "Agencies' names",
  description: "Every agency that has display names, in Chinese and English. Reports show an agency's name in the page's language instead of its id.",
  responses: {
    200: ok("The agencies with names.", S.AgencyList, {
      agencies: [{ agency: "suzhou-bureau", name: { zh: "苏州市统计局", en: "Suzhou Statistics Bureau" }, updatedAt: "2025-03-01T00:00:00.000Z", updatedBy: "yrd-office" }],
    }),
  },
  handle: async ({ deps, reply }) => {
    const list = await runOrThrow(deps.runtime, Effect.flatMap(AgencyNameStore, (s) => s.list()))
    return reply(200, { agencies: list.map(agencyJson) })
  },
})

export const putAgencyNames = defineEndpoint({
  method: "put",
  path: "/agencies/{agency}",
  operationId: "putAgencyNames",
  tag: "Reference",
  access: "admin",
  summary: "Name an agency",
  description:
    "Sets an agency's Chinese and/or English name (a name left out is kept; null or empty clears it). Live report pages show the change at once. The same as `pnpm tijian agencies set <id> --zh … --en …` on the server's machine.",
  params: Schema.Struct({ agency: TextParam("The agency id, as its tokens carry it.", "suzhou-bureau") }),
  body: { description: "The names.", content: json(AgencyNamesBody, { zh: "苏州市统计局", en: "Suzhou Statistics Bureau" }) },
  responses: {
    200: ok("Changed: the agency's names.", S.AgencyNames),
    201: ok("The agency's first names.", S.AgencyNames),
    400: error("The body is not JSON `{zh, en}`, a name is not text or too long, or neither is given.", "bad-request", "zh must be text (or null to clear it); nothing was stored"),
    415: notJson,
  },
  handle: async ({ c, deps, params: { agency }, reply }) => {
    const principal = requirePrincipal(c)
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
    return reply(created ? 201 : 200, agencyJson(stored))
  },
})
