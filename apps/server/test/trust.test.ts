/**
 * Reports show trust, over HTTP on both backends (issue #16): each value marked approved / submitted / provisional,
 * the summary's counts, `?approvedOnly=true`, the "Data quality" section (failed rules and outliers with their
 * notes) in JSON, HTML, Markdown and CSV, and editions recording the states they were published with.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BACKENDS } from "./backends.js"
import { type Harness, makeHarness } from "./reliability/harness.js"

const REDLINE = "ecology.redline-area-km2"
const SET = "/api/v1/approvals/ecology/320509/2023"
const obs = (year: number, value: number, extra: Record<string, unknown> = {}) => ({ indicator: REDLINE, region: "320509", year, value, source: "Wujiang survey", ...extra })

for (const backend of BACKENDS) {
  describe(`reports show trust (${backend.name})`, () => {
    let h: Harness
    beforeAll(async () => {
      h = await makeHarness(backend)
    })
    afterAll(() => h.dispose())

    const row = (report: any, indicator: string) => report.sections.flatMap((s: any) => s.evaluations).find((e: any) => e.indicator === indicator)

    it("marks the value, counts it, leaves it out when approved values only are asked for, and records it in an edition", async () => {
      // 30.0 a year for 2017-2022, then 36 in 2023: every earlier log change is 0 (MAD 0, floored at 0.005), so the
      // jump's modified z-score is 0.6745 × ln(1.2) / 0.005 = 24.6; the write needs a note, and with one the value
      // is stored and reported as a confirmed outlier.
      expect((await h.call("POST", "/api/v1/observations", { token: "suzhouJs", body: { observations: [2017, 2018, 2019, 2020, 2021, 2022].map((y) => obs(y, 30)) } })).status).toBe(201)
      const unexplained = await h.call("POST", "/api/v1/observations", { token: "suzhouJs", body: { observations: [obs(2023, 36)] } })
      expect([unexplained.status, unexplained.json.error.code]).toEqual([422, "outlier-needs-note"])
      const noted = await h.call("POST", "/api/v1/observations", { token: "suzhouJs", body: { observations: [obs(2023, 36, { note: "the 2023 survey added the Taihu shore" })] } })
      expect(noted.status).toBe(201)

      const open = (await h.call("GET", "/api/v1/reports/320509/2023")).json
      expect(row(open, REDLINE).approval).toEqual({ trust: "provisional", approved: 0, submitted: 0, provisional: 1 })
      expect(open.summary.approval.provisional).toBeGreaterThanOrEqual(1)
      expect(open.dataQuality.outliers.map((o: any) => [o.indicator, o.region, o.value, o.finding.method, o.finding.previous, Math.round(o.finding.score * 10) / 10, o.confirmed, o.note.en])).toEqual([
        [REDLINE, "320509", 36, "modified-z", { year: 2022, value: 30 }, 24.6, true, "the 2023 survey added the Taihu shore"],
      ])

      expect((await h.call("POST", `${SET}/submit`, { token: "suzhouJs" })).status).toBe(201)
      const submitted = (await h.call("GET", "/api/v1/reports/320509/2023")).json
      expect(row(submitted, REDLINE).approval.trust).toBe("submitted")
      const onlyApprovedBefore = (await h.call("GET", "/api/v1/reports/320509/2023?approvedOnly=true")).json
      expect([onlyApprovedBefore.provenance.approvedOnly, row(onlyApprovedBefore, REDLINE)?.value ?? null]).toEqual([true, null])

      expect((await h.call("POST", `${SET}/approve`, { token: "jiangsuApprover" })).status).toBe(201)
      const approved = (await h.call("GET", "/api/v1/reports/320509/2023")).json
      expect(row(approved, REDLINE).approval).toEqual({ trust: "approved", approved: 1, submitted: 0, provisional: 0 })
      const onlyApproved = (await h.call("GET", "/api/v1/reports/320509/2023?approvedOnly=true")).json
      expect([onlyApproved.provenance.approvedOnly, row(onlyApproved, REDLINE).value, row(onlyApproved, REDLINE).approval.trust]).toEqual([true, 36, "approved"])
      // Only the 2023 set was approved: the approved-only series is that one value.
      expect(row(onlyApproved, REDLINE).trend).toEqual([{ year: 2023, value: 36 }])

      const page = await h.call("GET", "/reports/320509/2023?lang=en")
      expect(page.status).toBe(200)
      expect(page.text).toContain('data-trust="approved"')
      expect(page.text).toContain('<section id="data-quality"')
      expect(page.text).toContain("the 2023 survey added the Taihu shore")
      const onlyPage = await h.call("GET", "/reports/320509/2023?lang=en&approvedOnly=true")
      expect(onlyPage.text).toContain("This report evaluates approved values only")
      // The page's links keep the flag.
      expect(onlyPage.text).toContain("approvedOnly=true")
      const md = await h.call("GET", "/api/v1/reports/320509/2023.md?lang=en")
      expect(md.text).toContain("## Data quality")
      expect(md.text).toContain("explained: the 2023 survey added the Taihu shore")
      const csv = await h.call("GET", "/api/v1/reports/320509/2023.csv?lang=en")
      const lines = csv.text.replace(/^\ufeff/, "").split("\r\n")
      const header = lines[0]!.split(",")
      const cells = lines.find((l) => l.includes(`,${REDLINE},`))!.split(",")
      expect([cells[header.indexOf("approval")], cells[header.indexOf("outlier")]]).toEqual(["approved", "confirmed"])

      const bad = await h.call("GET", "/api/v1/reports/320509/2023?approvedOnly=maybe")
      expect([bad.status, bad.json.error.message]).toEqual([400, 'approvedOnly must be true or false, not "maybe"'])
      const badPage = await h.call("GET", "/reports/320509/2023?approvedOnly=maybe")
      expect(badPage.status).toBe(400)

      // An edition keeps the states it was published with, after the set is reopened.
      expect((await h.call("POST", "/api/v1/reports/320509/2023/publish", { token: "admin" })).status).toBe(201)
      expect((await h.call("POST", `${SET}/reopen`, { token: "jiangsuApprover", body: { comment: "census revision" } })).status).toBe(201)
      const edition = (await h.call("GET", "/api/v1/reports/320509/2023/editions/1")).json
      const live = (await h.call("GET", "/api/v1/reports/320509/2023")).json
      expect([row(edition, REDLINE).approval.trust, row(live, REDLINE).approval.trust]).toEqual(["approved", "provisional"])
    })
  })
}
