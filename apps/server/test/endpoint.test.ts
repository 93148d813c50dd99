/**
 * The endpoint objects: parameters decoded by their Schemas (400 with the Schema's message), JSON answers encoded
 * through the Schema of their status, and every endpoint's path parameters declared exactly once.
 */
import { Schema, type SchemaAST } from "effect"
import { Hono } from "hono"
import { describe, expect, it } from "vitest"
import { type AnyEndpoint, defineEndpoint, honoPathOf } from "../src/endpoint/Endpoint.js"
import { mountEndpoints } from "../src/endpoint/mount.js"
import { optional, parameterDocs, YearListParam, YearParam } from "../src/endpoint/parameters.js"
import { ENDPOINTS } from "../src/endpoints.js"
import { toHttpError } from "../src/errors.js"
import type { AppEnv, Deps } from "../src/http.js"
import { ok } from "../src/openapi/table.js"

const Stamp = Schema.Struct({ year: Schema.Number, at: Schema.Date })

const probe = defineEndpoint({
  method: "get",
  path: "/probe/{year}",
  operationId: "probe",
  tag: "System",
  access: "public",
  summary: "A probe",
  description: "For this test.",
  params: Schema.Struct({ year: YearParam() }),
  query: Schema.Struct({ years: optional(YearListParam("Years.", "2022,2023")), undeclared: optional(Schema.String.annotations({ description: "d", examples: ["x"], jsonSchema: { type: "string" } })) }),
  responses: { 200: ok("The stamp.", Stamp) },
  handle: ({ params, query, reply }) => {
    if (query.undeclared === "status") return (reply as (s: number, v: unknown) => Response)(201, {})
    // `extra` is not in the Schema, so it does not reach the client; the Date is encoded as ISO text
    const value = { year: params.year + (query.years?.length ?? 0), at: new Date(Date.UTC(2025, 0, 2)), extra: "hidden" }
    return reply(200, value)
  },
})

const app = () => {
  const api = new Hono<AppEnv>()
  mountEndpoints(api, [probe], {} as Deps)
  api.onError((error, c) => {
    const { status, body } = toHttpError(error)
    return c.json(body, status)
  })
  return api
}

describe("an endpoint object", () => {
  it("decodes its path and query parameters: 2023 with two years given answers 2023 + 2 = 2025", async () => {
    const res = await app().request("/probe/2023?years=2022,%202023")
    expect([res.status, await res.json()]).toEqual([200, { year: 2025, at: "2025-01-02T00:00:00.000Z" }])
  })

  it("answers 400 with the parameter Schema's message, naming the bad part of a list", async () => {
    const path = await app().request("/probe/20x3")
    expect([path.status, ((await path.json()) as any).error.message]).toEqual([400, 'year must be a whole year between 1949 and 2100, not "20x3"'])
    const list = await app().request("/probe/2023?years=2022,3000")
    expect([list.status, ((await list.json()) as any).error.message]).toEqual([400, 'year must be a whole year between 1949 and 2100, not "3000"'])
  })

  it("refuses to answer with a status it does not declare (a defect, so a 500)", async () => {
    const res = await app().request("/probe/2023?undeclared=status")
    expect(res.status).toBe(500)
  })

  it("documents its parameters from the same Schemas", () => {
    expect(parameterDocs(probe.params, "path")).toEqual([
      { name: "year", in: "path", description: "A year (1949..2100).", required: true, schema: { type: "integer", minimum: 1949, maximum: 2100 }, example: 2023 },
    ])
    expect(parameterDocs(probe.query, "query").map((p) => [p.name, p.required, p.example])).toEqual([
      ["years", false, "2022,2023"],
      ["undeclared", false, "x"],
    ])
  })
})

describe("every endpoint", () => {
  const templateNames = (path: string) => [...path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1])
  const honoNames = (path: string) => [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1])
  const declared = (e: AnyEndpoint) =>
    e.params === undefined ? [] : (e.params.ast as SchemaAST.TypeLiteral).propertySignatures.map((p) => String(p.name))

  it("declares each path parameter once, under the name the path and the Hono route use", () => {
    const wrong = ENDPOINTS.filter((e) => {
      const names = declared(e)
      return JSON.stringify(templateNames(e.path)) !== JSON.stringify(names) || JSON.stringify(honoNames(honoPathOf(e))) !== JSON.stringify(names)
    })
    expect(wrong.map((e) => e.operationId)).toEqual([])
    expect(ENDPOINTS.length).toBe(47)
    expect(new Set(ENDPOINTS.map((e) => e.operationId)).size).toBe(ENDPOINTS.length)
  })
})
