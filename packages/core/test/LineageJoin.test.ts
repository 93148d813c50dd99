/**
 * A series joined across a recode: Wujiang was the county-level city 320584 until 2012, then Wujiang District 320509
 * of Suzhou (国函〔2012〕105号). Values registered under 320584 for 2010 and 2011 belong to 320509's series; one for
 * 2013 under the retired code is refused (see RegionLineage.test.ts), and 320509's own value wins a year both have.
 */
import { describe, expect, it } from "vitest"
import type { Plugin } from "../src/Plugin.js"
import { evaluatePlugins } from "../src/plugin/testing/evaluatePlugins.js"
import { observed, text } from "./fixtures.js"

const forest: Plugin = {
  id: "t",
  version: "0.1.0",
  name: text("t"),
  indicators: [observed("t.forest-km2", { aggregate: { rule: "sum" } })],
}

const rows = [
  { indicator: "t.forest-km2", region: "320584", year: 2010, value: 40 },
  { indicator: "t.forest-km2", region: "320584", year: 2011, value: 42 },
  { indicator: "t.forest-km2", region: "320509", year: 2012, value: 44 },
  { indicator: "t.forest-km2", region: "320509", year: 2013, value: 46 },
]

describe("a series joined across Wujiang's recode 320584 -> 320509 (2012)", () => {
  it("reads 320584's 2010 and 2011 values into 320509's series: 40, 42, 44, 46", async () => {
    const { row, report } = await evaluatePlugins([forest], rows, { scope: "320509", year: 2013 })
    expect(row("t.forest-km2").trend.map((p) => [p.year, p.value])).toEqual([
      [2010, 40],
      [2011, 42],
      [2012, 44],
      [2013, 46],
    ])
    expect(report.scope.predecessors).toMatchObject([{ code: "320584", kind: "recode", until: 2012 }])
  })

  it("reports 2011 for 320509 with the value registered under 320584, whose revision it names", async () => {
    const { row } = await evaluatePlugins([forest], rows, { scope: "320509", year: 2011 })
    expect(row("t.forest-km2").value).toBe(42)
    expect(row("t.forest-km2").revisions.filter((r) => r.includes("/2011/"))).toEqual([expect.stringMatching(/^t\.forest-km2\/320584\/2011\//)])
  })

  it("keeps 320509's own value for a year both codes have: 41 registered under 320509 beats 40 under 320584 in 2010", async () => {
    const { row } = await evaluatePlugins([forest], [...rows, { indicator: "t.forest-km2", region: "320509", year: 2010, value: 41 }], { scope: "320509", year: 2010 })
    expect(row("t.forest-km2").value).toBe(41)
  })

  it("carries the joined values into the groups above: the Demonstration Zone's 2011 sum includes Wujiang's 42", async () => {
    const zone = [...rows, { indicator: "t.forest-km2", region: "310118", year: 2011, value: 100 }, { indicator: "t.forest-km2", region: "330421", year: 2011, value: 50 }]
    const { row } = await evaluatePlugins([forest], zone, { scope: "DEMO-ZONE", year: 2011 })
    expect(row("t.forest-km2").value).toBe(192)
    expect(row("t.forest-km2").coverage).toMatchObject({ reported: 3, members: 3 })
  })
})
