/**
 * The validation endpoint: every plugin validation rule, and the built-in breakdown-sum rule of every additive
 * dimension with stored breakdowns, checked for a region or group (and the regions in it) in a year, on the stored
 * values: passed, failed, not applicable (a value missing) or error (the rule threw).
 */
import { codesWithin, NotFound, Registry, ruleInstancesFor, storedBreakdownSums } from "@tijian/core"
import { Schema } from "effect"
import { defineEndpoint } from "../endpoint/Endpoint.js"
import { AsOfParam, optional, ScopeParam, YearParam } from "../endpoint/parameters.js"
import { unknownScope } from "../openapi/examples.js"
import * as S from "../openapi/schemas.js"
import { error, ok } from "../openapi/table.js"
import { evaluateInstances } from "../ruleCheck.js"
import { runOrThrow } from "../runtime.js"

const example: typeof S.RuleResult.Type = {
  rule: "demo-zone.farmland-within-cultivated-land",
  plugin: "demo-zone",
  kind: "compare",
  severity: "error",
  name: { zh: "永久基本农田不大于耕地保有量", en: "Permanent basic farmland within cultivated land" },
  scope: "DEMO-ZONE",
  year: 2025,
  state: "passed",
  left: 665_400,
  operator: "<=",
  right: 766_000,
  tolerance: 0,
  cells: [
    { indicator: "demo-zone.permanent-basic-farmland-mu", region: "DEMO-ZONE", year: 2025, value: 665_400 },
    { indicator: "demo-zone.cultivated-land-mu", region: "DEMO-ZONE", year: 2025, value: 766_000 },
  ],
  message: "rule demo-zone.farmland-within-cultivated-land at DEMO-ZONE in 2025 holds: 665,400 <= 766,000",
}

export const getValidation = defineEndpoint({
  method: "get",
  path: "/validation/{scope}/{year}",
  operationId: "getValidation",
  tag: "Reports",
  access: "read",
  summary: "Validation rules for a region or group",
  description:
    "Checks every plugin's validation rules for the region or group and the regions in it (a group's members, a region's subtree) in the year, on the stored values (as of `asOf` when given): each rule's id, severity, state (`passed`, `failed`, `not-applicable` when a value it needs is missing, `error` when its evaluation threw), both sides' values and the cells read. After them, the built-in rule `core.breakdown-sum/<indicator>/<dimension>` (kind `breakdown-sum`, the dimension's severity) for every additive dimension with stored breakdowns there, one result per value broken down: left the breakdowns' sum, right the value (`not-applicable` when it is missing), the cells with their `breakdown` keys; a complete breakdown must equal it within the dimension's tolerance, a partial one must not exceed it. `counts` tallies the states. The same rules run on every write (an `error` refuses it with 422 `rule-violations`, a `warning` is reported in the write's `warnings`) and on submission of a data set.",
  params: Schema.Struct({ scope: ScopeParam, year: YearParam() }),
  query: Schema.Struct({ asOf: optional(AsOfParam) }),
  responses: {
    200: ok("Every rule's result.", S.ValidationReport, { scope: "DEMO-ZONE", year: 2025, counts: { passed: 1, failed: 0, notApplicable: 0, error: 0 }, results: [example] }),
    400: error("The year or `asOf` does not parse.", "bad-request", 'year must be a whole year between 1949 and 2100, not "20x5"'),
    404: unknownScope,
  },
  handle: async ({ deps, params, query, reply }) => {
    const registry = await runOrThrow(deps.runtime, Registry.Registry)
    if (!registry.regions.has(params.scope)) {
      throw new NotFound({ reason: "region", message: `no region or group has code "${params.scope}"; regions are identified by code (e.g. 320500), see GET /api/v1/regions` })
    }
    const rules = await runOrThrow(deps.runtime, evaluateInstances(ruleInstancesFor(registry, params.scope, params.year), new Map(), query.asOf))
    const codes = codesWithin(registry, params.scope)
    const order = new Map(codes.map((code, i) => [code, i]))
    const sums = await runOrThrow(deps.runtime, storedBreakdownSums(registry, { regions: codes, years: [params.year], ...(query.asOf === undefined ? {} : { asOf: query.asOf }) }))
    const results = [...rules, ...[...sums].sort((a, b) => order.get(a.scope)! - order.get(b.scope)!)]
    const count = (state: string) => results.filter((r) => r.state === state).length
    return reply(200, {
      scope: params.scope,
      year: params.year,
      counts: { passed: count("passed"), failed: count("failed"), notApplicable: count("not-applicable"), error: count("error") },
      results,
    })
  },
})
