/**
 * Approval over HTTP, on both backends: an agency submits its data set, an approver of a higher level returns it
 * with a comment, the agency fixes it and submits again, the approver approves, and a write after approval is
 * refused (409 naming who and when) until the set is reopened with a reason. Scopes: never an approver's own
 * region, never outside the regions below it; a group's approver acts on its members. Out-of-order actions and
 * two approvers at once get 409 with the state; every transition is in the audit log.
 */
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { TokenStore } from "../src/auth/TokenStore.js"
import { runOrThrow } from "../src/runtime.js"
import { BACKENDS, postgresSkipped } from "./backends.js"
import { type Harness, makeHarness } from "./reliability/harness.js"

const SET = "/api/v1/approvals/ecology/320509/2023"
const value = (v: number, revision?: number) => ({
  observations: [{ indicator: "ecology.redline-area-km2", region: "320509", year: 2023, value: v, source: "Wujiang survey", ...(revision ? { revision } : {}) }],
})

for (const backend of BACKENDS) {
  describe(`approval of data sets (${backend.name})`, () => {
    let h: Harness
    let demoZone: string
    beforeAll(async () => {
      h = await makeHarness(backend)
      demoZone = (await runOrThrow(h.runtime, Effect.flatMap(TokenStore, (s) => s.create({ role: "approver", agency: "demo-zone-committee", region: "DEMO-ZONE" }, "2025-01-01T00:00:00.000Z")))).token
    })
    afterAll(() => h.dispose())

    it("runs submit -> return -> fix -> submit -> approve; writes refused while submitted or approved; reopen with a reason", async () => {
      const steps: Array<unknown> = []
      const step = async (method: string, path: string, token: string, body?: unknown) => {
        const r = await h.call(method, path, { token, ...(body === undefined ? {} : { body }) })
        steps.push([r.status, r.json?.state ?? r.json?.error?.code ?? null])
        return r
      }
      await step("POST", "/api/v1/observations", "suzhouJs", value(30.25))
      await step("POST", `${SET}/submit`, "suzhouJs")
      const closed = await step("POST", "/api/v1/observations", "suzhouJs", value(30.5, 1))
      await step("POST", `${SET}/return`, "jiangsuApprover")
      await step("POST", `${SET}/return`, "jiangsuApprover", { comment: "the 2023 survey says 30.5 km²; check the figure" })
      await step("POST", "/api/v1/observations", "suzhouJs", value(30.5, 1))
      await step("POST", `${SET}/submit`, "suzhouJs", { comment: "corrected per the survey" })
      const approved = await step("POST", `${SET}/approve`, "jiangsuApprover")
      const refused = await step("POST", "/api/v1/observations", "suzhouJs", value(31, 2))
      await step("POST", `${SET}/approve`, "jiangsuApprover")
      await step("POST", `${SET}/reopen`, "jiangsuApprover", { comment: "census revision of 2025" })
      await step("POST", "/api/v1/observations", "suzhouJs", value(31, 2))
      expect(steps).toEqual([
        [201, null],
        [201, "submitted"],
        [409, "write-conflict"],
        [400, "bad-request"], // a return needs a comment
        [201, "returned"],
        [201, null],
        [201, "submitted"],
        [201, "approved"],
        [409, "write-conflict"],
        [409, "write-conflict"], // approve an approved set
        [201, "open"],
        [201, null],
      ])
      expect(closed.json.error.details).toEqual({ reason: "data-set-closed" })
      expect(refused.json.error.message).toBe(
        `row 0: ecology.redline-area-km2 belongs to data set ecology/320509/2023, approved by jiangsu-dc at ${approved.json.at}; nothing was stored. ` +
          "It takes no new values: an approver must reopen it first (POST /api/v1/approvals/ecology/320509/2023/reopen with a reason)",
      )
      const status = await h.call("GET", SET)
      expect([status.json.state, status.json.events.map((e: any) => [e.seq, e.action, e.state, e.actor, e.comment])]).toEqual([
        "open",
        [
          [1, "submit", "submitted", "suzhou-bureau", null],
          [2, "return", "returned", "jiangsu-dc", "the 2023 survey says 30.5 km²; check the figure"],
          [3, "submit", "submitted", "suzhou-bureau", "corrected per the survey"],
          [4, "approve", "approved", "jiangsu-dc", null],
          [5, "reopen", "open", "jiangsu-dc", "census revision of 2025"],
        ],
      ])
      const history = await h.call("GET", "/api/v1/observations/ecology.redline-area-km2/320509/2023/history")
      expect(history.json.revisions.map((r: any) => r.value)).toEqual([30.25, 30.5, 31])
      const audit = await h.call("GET", "/api/v1/audit?limit=1000", { token: "admin" })
      const approvals = audit.json.entries.filter((e: any) => e.action.startsWith("approval."))
      expect(approvals.map((e: any) => [e.action, e.actor.agency, e.targets, e.details.state])).toEqual([
        ["approval.submit", "suzhou-bureau", ["ecology/320509/2023"], "submitted"],
        ["approval.return", "jiangsu-dc", ["ecology/320509/2023"], "returned"],
        ["approval.submit", "suzhou-bureau", ["ecology/320509/2023"], "submitted"],
        ["approval.approve", "jiangsu-dc", ["ecology/320509/2023"], "approved"],
        ["approval.reopen", "jiangsu-dc", ["ecology/320509/2023"], "open"],
      ])
    })

    it("keeps each role to its actions and scope: 403 with the reason, nothing changed", async () => {
      const message = async (path: string, token: string, body?: unknown) => {
        const r = await h.call("POST", path, { token, ...(body === undefined ? {} : { body }) })
        return [r.status, r.json.error?.message ?? r.json.state]
      }
      expect(await message("/api/v1/approvals/ecology/320000/2023/submit", "suzhouJs")).toEqual([
        403,
        "this token submits the data sets of 320500 (Suzhou (Jiangsu)) and the regions within it, not 320000 (Jiangsu); ecology/320000/2023 was not changed",
      ])
      expect((await message("/api/v1/approvals/ecology/320509/2024/submit", "suzhouAh"))[0]).toBe(403)
      expect(await message("/api/v1/approvals/ecology/320509/2024/approve", "suzhouJs")).toEqual([
        403,
        "an agency token submits its data sets; to approve takes an approver of a higher level (or an admin); ecology/320509/2024 was not changed",
      ])
      expect(await message("/api/v1/approvals/ecology/320000/2024/approve", "jiangsuApprover")).toEqual([
        403,
        "an approver for 320000 approves the data sets of the regions below it, not its own (320000); ecology/320000/2024 was not changed",
      ])
      expect((await message("/api/v1/approvals/ecology/310118/2024/approve", "jiangsuApprover"))[0]).toBe(403)
      expect((await message("/api/v1/approvals/ecology/320509/2024/submit", "jiangsuApprover"))[0]).toBe(403)
      expect((await message("/api/v1/approvals/ecology/320509/2024/submit", "reviewer"))[0]).toBe(403)
      // the Demonstration Zone's committee: its three members, not the zone itself, not Suzhou
      expect(await message("/api/v1/approvals/ecology/320509/2024/submit", "suzhouJs")).toEqual([201, "submitted"])
      expect(await message("/api/v1/approvals/ecology/320509/2024/approve", demoZone)).toEqual([201, "approved"])
      expect((await message("/api/v1/approvals/ecology/DEMO-ZONE/2024/approve", demoZone))[0]).toBe(403)
      expect((await message("/api/v1/approvals/ecology/320500/2024/approve", demoZone))[0]).toBe(403)
      expect((await h.call("GET", "/api/v1/approvals/ecology/320000/2024")).json).toEqual({ plugin: "ecology", region: "320000", year: 2024, state: "open", events: [] })
    })

    it("answers out-of-order actions with 409 and the state, unknown plugins and regions with 404, a bad action with 400", async () => {
      const open = await h.call("POST", "/api/v1/approvals/rail/320500/2022/approve", { token: "admin" })
      expect([open.status, open.json.error.message]).toEqual([409, 'rail/320500/2022 is open; "approve" applies only to a data set that is submitted'])
      expect((await h.call("POST", "/api/v1/approvals/nope/320500/2022/submit", { token: "admin" })).status).toBe(404)
      expect((await h.call("POST", "/api/v1/approvals/rail/999999/2022/submit", { token: "admin" })).status).toBe(404)
      const bad = await h.call("POST", "/api/v1/approvals/rail/320500/2022/sign", { token: "admin" })
      expect([bad.status, bad.json.error.message]).toEqual([400, 'action must be one of submit, approve, return, reopen, not "sign"'])
      const text = await h.call("POST", "/api/v1/approvals/rail/320500/2022/submit", { token: "admin", body: "why", headers: { "content-type": "text/plain" } })
      expect(text.status).toBe(415)
    })

    it("gives each token its worklist: what is expected, filled, missing, the state and what it may do now", async () => {
      const row = (r: any) => [r.plugin, r.region, r.expected, r.filled, r.state, r.actions]
      expect((await h.call("POST", "/api/v1/observations", { token: "suzhouJs", body: { observations: [{ ...value(12).observations[0], year: 2031 }] } })).status).toBe(201)
      const agency = await h.call("GET", "/api/v1/worklist?year=2031", { token: "suzhouJs" })
      // rail is declared for cities (8 indicators for Suzhou); Wujiang has the ecology value it was sent and the
      // ecology figure the Demonstration Zone plan sets a target on (forest coverage), and the 8 indicators of the plan's own
      expect(agency.json.dataSets.map(row)).toEqual([
        ["rail", "320500", 8, 0, "open", ["submit"]],
        ["ecology", "320509", 2, 1, "open", ["submit"]],
        ["demo-zone", "320509", 8, 0, "open", ["submit"]],
      ])
      expect(agency.json.dataSets[2].missing.slice(0, 2)).toEqual(["demo-zone.cultivated-land-mu", "demo-zone.permanent-basic-farmland-mu"])
      expect((await h.call("POST", "/api/v1/approvals/ecology/320509/2031/submit", { token: "suzhouJs" })).status).toBe(201)
      const approver = await h.call("GET", "/api/v1/worklist?year=2031&region=320509", { token: "jiangsuApprover" })
      expect(approver.json.dataSets.map(row)).toEqual([
        ["ecology", "320509", 2, 1, "submitted", ["approve", "return"]],
        ["demo-zone", "320509", 8, 0, "open", []],
      ])
      const after = await h.call("GET", "/api/v1/worklist?year=2031&region=320509", { token: "suzhouJs" })
      // what the agency can still act on comes first; the submitted set waits at the end
      expect(after.json.dataSets.map(row)).toEqual([
        ["demo-zone", "320509", 8, 0, "open", ["submit"]],
        ["ecology", "320509", 2, 1, "submitted", []],
      ])
      expect((await h.call("GET", "/api/v1/worklist?year=2031", { token: "reviewer" })).status).toBe(403)
      expect((await h.call("GET", "/api/v1/worklist", { token: "suzhouJs" })).status).toBe(400)
    })

    it("two approvers at once: exactly one approval is taken, the other gets 409", async () => {
      expect((await h.call("POST", "/api/v1/approvals/beauty/320500/2022/submit", { token: "suzhouJs" })).status).toBe(201)
      const race = await Promise.all([
        h.call("POST", "/api/v1/approvals/beauty/320500/2022/approve", { token: "jiangsuApprover" }),
        h.call("POST", "/api/v1/approvals/beauty/320500/2022/return", { token: "admin", body: { comment: "recheck the GDP deflator" } }),
      ])
      expect(race.map((r) => r.status).sort()).toEqual([201, 409])
      const listed = await h.call("GET", "/api/v1/approvals?plugin=beauty&year=2022")
      expect(listed.json.approvals.map((e: any) => [e.region, e.seq])).toEqual([["320500", 2]])
    })
  })
}

const skipped = postgresSkipped
if (skipped !== undefined) describe("approval of data sets (PostgreSQL)", () => it.skip(skipped, () => {}))
