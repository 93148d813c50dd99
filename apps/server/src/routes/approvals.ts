/**
 * Approval endpoints: take an action on a data set (plugin, region, year) — an agency submits, an approver of a
 * higher level approves, returns (with a comment) or reopens (with a reason) — and read where data sets stand.
 * Each transition is recorded in the audit log in its own transaction; a submitted or approved set refuses new
 * values (409 `data-set-closed`) until it is returned or reopened.
 */
import {
  APPROVAL_ACTIONS,
  APPROVAL_STATES,
  type ApprovalAction,
  type ApprovalEvent,
  Approvals,
  Database,
  type DataSetKey,
  dataSetName,
  nextApprovalState,
  NotFound,
  Registry,
  ruleInstancesTouching,
  storedBreakdownSums,
} from "@tijian/core"
import { Effect, Schema } from "effect"
import type { Context } from "hono"
import { actorOf } from "../audit/AuditLog.js"
import { withAuditedDatabase } from "../audit/auditedStore.js"
import { approvalRefusal } from "../auth/approvalScope.js"
import { defineEndpoint } from "../endpoint/Endpoint.js"
import { OneOfParam, optional, RegionParam, TextParam, YearParam } from "../endpoint/parameters.js"
import { BadRequest, Forbidden, RuleViolations } from "../errors.js"
import { type AppEnv, type Deps, requirePrincipal } from "../http.js"
import { readJsonBody } from "../jsonBody.js"
import { conflict, notFound } from "../openapi/examples.js"
import * as A from "../openapi/approvalSchemas.js"
import { error, json, ok } from "../openapi/table.js"
import { evaluateInstances, sortResults, violationMessage } from "../ruleCheck.js"
import { runOrThrow } from "../runtime.js"
import { worklist } from "../worklist.js"

/** The body of an action: why (required to return or reopen), and on submission the warnings acknowledged. */
export const ApprovalBody = Schema.Struct({
  comment: Schema.optional(Schema.NullOr(Schema.String)).annotations({ description: "Why: required to return (what to fix) or reopen (the reason); optional otherwise." }),
  acknowledge: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })).annotations({
    description:
      "On `submit`: each validation rule of severity `warning` that fails for the data set (a plugin's rule, or the built-in `core.breakdown-sum/<indicator>/<dimension>` of an additive dimension), by rule id, with the reason it stands (`{\"demo-zone.redline-members-sum\": \"the Zone's figure is from the 2024 survey\"}`). Recorded in the audit entry.",
  }),
})

/** The longest comment kept. */
const MAX_COMMENT = 2000

const DataSetPath = {
  plugin: TextParam("The plugin whose values form the data set.", "ecology"),
  region: RegionParam.annotations({ examples: ["320509"] }),
  year: YearParam(),
}

const example: typeof A.ApprovalEvent.Type = {
  plugin: "ecology",
  region: "320509",
  year: 2023,
  seq: 1,
  action: "submit",
  state: "submitted",
  actor: "wujiang-bureau",
  comment: null,
  at: "2025-03-01T00:00:00.000Z",
}

/** The comment of an action and the warnings acknowledged, read from an optional JSON body; a comment is required (non-empty) to return or reopen. */
const bodyOf = async (c: Context<AppEnv>, deps: Deps, action: ApprovalAction): Promise<{ comment: string | null; acknowledge: Readonly<Record<string, string>> }> => {
  const length = c.req.header("content-length")
  const hasBody = c.req.header("content-type") !== undefined || (length !== undefined && length !== "0") || c.req.header("transfer-encoding") !== undefined
  const body = hasBody
    ? await readJsonBody(c, { maxBytes: Math.min(deps.settings.maxBodyBytes, 64 * 1024), wrongType: (type) => `send {"comment": "..."} as JSON (Content-Type: application/json), not "${type}"` })
    : {}
  const decoded = Schema.decodeUnknownEither(ApprovalBody)(body)
  if (decoded._tag === "Left") throw new BadRequest({ message: 'the body must be {"comment": "...", "acknowledge": {"<rule id>": "<reason>"}} (comment text or null, each reason text)' })
  const comment = decoded.right.comment?.trim() || null
  if (comment !== null && comment.length > MAX_COMMENT) throw new BadRequest({ message: `the comment is ${comment.length} characters; keep it under ${MAX_COMMENT}` })
  if (comment === null && (action === "return" || action === "reopen")) {
    throw new BadRequest({ message: `to ${action} a data set, say why: send {"comment": "..."}${action === "return" ? " with what the agency should fix" : ""}` })
  }
  const acknowledge = Object.fromEntries(Object.entries(decoded.right.acknowledge ?? {}).map(([rule, reason]): [string, string] => [rule, reason.trim()]).filter(([, reason]) => reason !== ""))
  if (Object.values(acknowledge).some((reason) => reason.length > MAX_COMMENT)) throw new BadRequest({ message: `a reason acknowledging a warning is over ${MAX_COMMENT} characters` })
  return { comment, acknowledge }
}

/**
 * The rules a submission must pass: those reading the plugin's indicators at the data set's region and year
 * (comparisons there, members' sums it enters) and the built-in breakdown-sum rule of each of the plugin's
 * additive dimensions with stored breakdowns there (`core.breakdown-sum/<indicator>/<dimension>`, the dimension's
 * severity). A failed `error` refuses it (422 `rule-violations`); a failed `warning` needs a reason in
 * `acknowledge` (else 422 `warnings-not-acknowledged`). Returns the reasons kept.
 */
const checkSubmission = async (deps: Deps, registry: Registry.RegistryService, key: DataSetKey, acknowledge: Readonly<Record<string, string>>) => {
  const cells = registry.indicators.filter((i) => i.plugin === key.plugin && registry.rulesReading(i.id).length > 0).map((i) => ({ indicator: i.id, region: key.region, year: key.year }))
  const rules = await runOrThrow(deps.runtime, evaluateInstances(ruleInstancesTouching(registry, cells)))
  const indicators = registry.indicators.filter((i) => i.plugin === key.plugin).map((i) => i.id)
  const sums = await runOrThrow(deps.runtime, storedBreakdownSums(registry, { indicators, regions: [key.region], years: [key.year] }))
  const results = [...rules, ...sums]
  const { errors, warnings } = sortResults(results)
  const name = dataSetName(key)
  if (errors.length > 0) {
    throw new RuleViolations({ message: `${name} cannot be submitted: ${violationMessage(errors, "index").replace(/; nothing was stored$/, "")}; fix the values first`, violations: errors })
  }
  const unacknowledged = warnings.filter((w) => acknowledge[w.rule] === undefined)
  if (unacknowledged.length > 0) {
    const rules = [...new Set(unacknowledged.map((w) => w.rule))]
    throw new RuleViolations({
      code: "warnings-not-acknowledged",
      message: `${name} fails ${rules.length} warning rule(s): ${unacknowledged.map((w) => w.message).join("; ")}; to submit all the same, acknowledge each with a reason: {"acknowledge": {${rules.map((r) => `"${r}": "..."`).join(", ")}}}`,
      violations: unacknowledged,
    })
  }
  return Object.fromEntries(warnings.map((w) => [w.rule, acknowledge[w.rule]!]))
}

/** The data set a path names, checked against the registry: 404 for an unknown plugin or region. */
const checkedKey = async (deps: Deps, key: DataSetKey) => {
  const registry = await runOrThrow(deps.runtime, Registry.Registry)
  if (!registry.indicators.some((i) => i.plugin === key.plugin)) {
    const plugins = [...new Set(registry.indicators.map((i) => i.plugin))].sort()
    throw new NotFound({ reason: "indicator", message: `no plugin "${key.plugin}" has indicators; the plugins are ${plugins.join(", ")}` })
  }
  if (!registry.regions.has(key.region)) {
    throw new NotFound({ reason: "region", message: `no region or group has code "${key.region}"; see GET /api/v1/regions` })
  }
  return registry
}

export const takeApprovalAction = defineEndpoint({
  method: "post",
  path: "/approvals/{plugin}/{region}/{year}/{action}",
  operationId: "takeApprovalAction",
  tag: "Approvals",
  access: "approval",
  summary: "Submit, approve, return or reopen a data set",
  description:
    "Moves a data set (one plugin's values for one region and year) through approval: `submit` (an agency token for its regions and plugins: open or returned -> submitted), `approve` (submitted -> approved), `return` (submitted -> returned, with a comment saying what to fix) and `reopen` (approved -> open, with a reason): the last three by an approver token for the regions strictly below its own region or group (never its own), or an admin. A submitted or approved data set takes no new values (409 `data-set-closed`); a returned one does. Each transition is recorded in the audit log in the same transaction; of two actions at once exactly one is taken, the other gets 409 with the state. Submitting runs the validation rules that read the plugin's indicators at the region and year, and the built-in rule `core.breakdown-sum/<indicator>/<dimension>` of each of its additive dimensions with stored breakdowns there (breakdowns adding up to the value they break down; see GET /validation/{scope}/{year}): a failed `error` rule refuses it (422 `rule-violations`); each failed `warning` rule must be acknowledged with a reason, `{\"acknowledge\": {\"<rule id>\": \"<reason>\"}}`, else 422 `warnings-not-acknowledged`; the reasons are recorded in the audit entry.",
  params: Schema.Struct({ ...DataSetPath, action: OneOfParam("action", APPROVAL_ACTIONS, "What to do: submit, approve, return or reopen.") }),
  body: { description: "Why (required to return or reopen); the body may be left out otherwise.", content: json(ApprovalBody, { comment: "redline area disagrees with the 2023 survey; check Wujiang's figure" }) },
  responses: {
    201: ok("The transition taken.", A.ApprovalEvent, example),
    400: error("The year or action does not parse, or a return or reopen has no comment.", "bad-request", 'to return a data set, say why: send {"comment": "..."} with what the agency should fix'),
    404: notFound("plugin or region", 'no plugin "nope" has indicators; the plugins are beauty, demo-zone, ecology, rail'),
    409: conflict("The action does not apply to the data set's current state (the message names it), or another action on it was taken at the same moment.", 'ecology/320509/2023 is open; "approve" applies only to a data set that is submitted', "approval-state"),
    422: error(
      "On `submit`: a validation rule of severity `error` fails for the data set (`rule-violations`), or a failed `warning` rule is not acknowledged with a reason (`warnings-not-acknowledged`); `details` lists the rules (`RuleResult`). Nothing was changed.",
      "warnings-not-acknowledged",
      'demo-zone/DEMO-ZONE/2025 fails 1 warning rule(s): ...; to submit all the same, acknowledge each with a reason: {"acknowledge": {"demo-zone.redline-members-sum": "..."}}',
    ),
    415: error("A body was sent that is not JSON.", "unsupported-media-type", 'send {"comment": "..."} as JSON (Content-Type: application/json), not "text/plain"'),
  },
  handle: async ({ c, deps, params, reply }) => {
    const principal = requirePrincipal(c)
    const key = { plugin: params.plugin, region: params.region, year: params.year }
    const registry = await checkedKey(deps, key)
    const refusal = approvalRefusal(principal, registry, key, params.action)
    if (refusal !== undefined) throw new Forbidden({ message: `${refusal}; ${dataSetName(key)} was not changed` })
    const { comment, acknowledge } = await bodyOf(c, deps, params.action)
    let acknowledged: Readonly<Record<string, string>> = {}
    if (params.action === "submit") {
      const { state } = await runOrThrow(deps.runtime, Effect.flatMap(Approvals.Approvals, (a) => a.status(key)))
      // a set that cannot be submitted gets its 409 from the transition, not a rule check
      if (nextApprovalState(state, "submit") !== undefined) acknowledged = await checkSubmission(deps, registry, key, acknowledge)
    }
    const audit = (event: ApprovalEvent) => ({
      at: event.at,
      action: `approval.${event.action}` as const,
      actor: actorOf(principal),
      targets: [dataSetName(event)],
      count: 1,
      details: {
        state: event.state,
        seq: event.seq,
        ...(event.comment === null ? {} : { comment: event.comment }),
        ...(Object.keys(acknowledged).length === 0 ? {} : { acknowledged }),
      },
    })
    const event = await runOrThrow(
      deps.runtime,
      withAuditedDatabase(audit, (database) =>
        Effect.flatMap(Approvals.make.pipe(Effect.provideService(Database.Database, database)), (a) =>
          a.transition(key, params.action, { actor: principal.agency, comment, at: deps.now().toISOString() }),
        ),
      ),
    )
    return reply(201, event)
  },
})

export const getApproval = defineEndpoint({
  method: "get",
  path: "/approvals/{plugin}/{region}/{year}",
  operationId: "getApproval",
  tag: "Approvals",
  access: "read",
  summary: "Where one data set stands",
  description: "The data set's approval state (open when never submitted) with every transition, oldest first.",
  params: Schema.Struct(DataSetPath),
  responses: {
    200: ok("The state and history.", A.ApprovalStatus, { plugin: "ecology", region: "320509", year: 2023, state: "submitted", events: [example] }),
    400: error("The year does not parse.", "bad-request", 'year must be a whole year between 1949 and 2100, not "20x3"'),
    404: notFound("plugin or region", 'no region or group has code "999999"; see GET /api/v1/regions'),
  },
  handle: async ({ deps, params, reply }) => {
    await checkedKey(deps, params)
    return reply(200, await runOrThrow(deps.runtime, Effect.flatMap(Approvals.Approvals, (a) => a.status(params))))
  },
})

export const listApprovals = defineEndpoint({
  method: "get",
  path: "/approvals",
  operationId: "listApprovals",
  tag: "Approvals",
  access: "read",
  summary: "Data sets in approval",
  description: "The latest transition of every data set that has one (a set never submitted is open and not listed), filtered by year, region, plugin and state, in plugin, region, year order.",
  query: Schema.Struct({
    year: optional(YearParam()),
    region: optional(RegionParam.annotations({ description: "Only data sets of this region or group code." })),
    plugin: optional(TextParam("Only data sets of this plugin.", "ecology")),
    state: optional(OneOfParam("state", APPROVAL_STATES, "Only data sets in this state.")),
  }),
  responses: {
    200: ok("The data sets' latest transitions.", A.ApprovalList, { approvals: [example] }),
    400: error("A filter does not parse.", "bad-request", 'state must be one of open, submitted, approved, returned, not "done"'),
  },
  handle: async ({ deps, query, reply }) =>
    reply(200, { approvals: await runOrThrow(deps.runtime, Effect.flatMap(Approvals.Approvals, (a) => a.list(query))) }),
})

export const getWorklist = defineEndpoint({
  method: "get",
  path: "/worklist",
  operationId: "getWorklist",
  tag: "Approvals",
  access: "approval",
  summary: "What this token has to do for a year",
  description:
    "For an agency token: the data sets of its region and the regions within it (within its plugins) — the indicators expected there, how many are filled, which are missing, the approval state (with the comment of a return) and whether it can submit now. For an approver: the data sets of the regions below its own, with what it can do (approve or return a submitted set, reopen an approved one). For an admin: every region, or the one given. A data set is listed when indicators are expected for its region (declared for it, or asked by a target) or it has been through approval.",
  query: Schema.Struct({
    year: YearParam(),
    region: optional(RegionParam.annotations({ description: "Only this region (one the token covers)." })),
  }),
  responses: {
    200: ok("The data sets, by region then plugin.", A.Worklist, {
      year: 2023,
      dataSets: [
        {
          plugin: "ecology",
          pluginName: { zh: "生态保护红线", en: "Ecological redlines" },
          region: "320509",
          regionName: { zh: "吴江区", en: "Wujiang District" },
          year: 2023,
          expected: 3,
          filled: 1,
          missing: ["ecology.redline-area-km2", "ecology.forest-coverage"],
          missingNames: [
            { id: "ecology.redline-area-km2", name: { zh: "生态保护红线面积", en: "Ecological protection redline area" } },
            { id: "ecology.forest-coverage", name: { zh: "森林覆盖率", en: "Forest coverage" } },
          ],
          state: "open",
          last: null,
          actions: ["submit"],
        },
      ],
    }),
    400: error("The year is missing or does not parse.", "bad-request", 'year must be a whole year between 1949 and 2100, not "x"'),
  },
  handle: async ({ c, deps, query, reply }) => {
    const principal = requirePrincipal(c)
    const dataSets = await runOrThrow(deps.runtime, worklist(principal, query.year, query.region))
    return reply(200, { year: query.year, dataSets })
  },
})
