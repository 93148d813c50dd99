/**
 * Codes over time over HTTP (issue #20, item 2): Wujiang's 2012 recode (320584 -> 320509) in the region's detail,
 * a retired code answered with its successor, values under it refused with the successor named, and the report of
 * 320509 noting the code its series had before 2012.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Harness, makeHarness } from "./reliability/harness.js"
import { BACKENDS } from "./backends.js"

const REDLINE = "ecology.redline-area-km2"

describe("codes over time", () => {
  let h: Harness
  beforeAll(async () => {
    h = await makeHarness(BACKENDS[0]!)
  })
  afterAll(() => h.dispose())

  it("shows 320509's predecessor and answers the retired 320584 with its successor", async () => {
    const wujiang = await h.call("GET", "/api/v1/regions/320509")
    expect(wujiang.json.predecessors).toEqual([
      { code: "320584", name: { zh: "吴江市", en: "Wujiang City" }, kind: "recode", until: 2012, source: expect.stringContaining("国函〔2012〕105号") },
    ])
    // the years each code stands for: 320509 from the 2012 recode on, 320584 until 2011; Suzhou since before any listed change
    expect([wujiang.json.validFrom, wujiang.json.validTo]).toEqual([2012, null])
    const retired = await h.call("GET", "/api/v1/regions/320584")
    expect([retired.status, retired.json.type, retired.json.retiredIn, retired.json.successors.map((s: any) => s.code)]).toEqual([200, "retired", 2012, ["320509"]])
    expect([retired.json.validFrom, retired.json.validTo]).toEqual([null, 2011])
    const suzhou = await h.call("GET", "/api/v1/regions/320500")
    expect([suzhou.json.validFrom, suzhou.json.validTo]).toEqual([null, null])
    expect((await h.call("GET", "/api/v1/regions/320599")).status).toBe(404)
  })

  it("refuses values under the retired code, naming the successor; the series under 320509 spans the change", async () => {
    const refused = await h.call("POST", "/api/v1/observations", {
      token: "suzhouJs",
      body: { observations: [{ indicator: REDLINE, region: "320584", year: 2013, value: 30, source: "survey" }] },
    })
    expect(refused.status).toBe(422)
    expect(refused.json.error.details[0]).toEqual({
      index: 0,
      field: "region",
      message: expect.stringMatching(/^320584 \(Wujiang City\) was retired in 2012: recoded as 320509 .*; register 2012 and later values under 320509$/),
    })
    const stored = await h.call("POST", "/api/v1/observations", {
      token: "suzhouJs",
      body: { observations: [2010, 2011, 2012, 2013].map((year) => ({ indicator: REDLINE, region: "320509", year, value: 30, source: "survey" })) },
    })
    expect(stored.status).toBe(201)
    const report = (await h.call("GET", "/api/v1/reports/320509/2013")).json
    expect(report.scope.predecessors.map((p: any) => [p.code, p.until])).toEqual([["320584", 2012]])
    const row = report.sections.flatMap((s: any) => s.evaluations).find((e: any) => e.indicator === REDLINE)
    expect(row.trend.map((p: any) => p.year)).toEqual([2010, 2011, 2012, 2013])
    const page = await h.call("GET", "/reports/320509/2013?lang=en")
    expect(page.text).toContain("until 2011: Wujiang City (320584), then given this code in 2012; values registered under 320584 for the years before 2012 are joined into this series.")
    // a region without a change has none
    expect((await h.call("GET", "/api/v1/reports/320500/2013")).json.scope.predecessors).toBeUndefined()
  })

  it("joins values registered under 320584 before 2012 into 320509's series; only Suzhou's agencies write them", async () => {
    const FOREST = "ecology.forest-coverage"
    const old = await h.call("POST", "/api/v1/observations", {
      token: "suzhouJs",
      body: { observations: [{ indicator: FOREST, region: "320584", year: 2008, value: 0.2, source: "Wujiang City yearbook 2009" }, { indicator: FOREST, region: "320509", year: 2013, value: 0.25, source: "survey" }] },
    })
    expect(old.status).toBe(201)
    const row = (await h.call("GET", "/api/v1/reports/320509/2013")).json.sections.flatMap((s: any) => s.evaluations).find((e: any) => e.indicator === FOREST)
    expect(row.trend.map((p: any) => [p.year, p.value])).toEqual([
      [2008, 0.2],
      [2013, 0.25],
    ])
    const foreign = await h.call("POST", "/api/v1/observations", {
      token: "suzhouAh",
      body: { observations: [{ indicator: FOREST, region: "320584", year: 2009, value: 0.2, source: "x" }] },
    })
    expect([foreign.status, foreign.json.error.details[0].message]).toEqual([403, expect.stringContaining("not 320584")])
  })
})
