/**
 * Codes over time: the change list read and checked (each problem names its line), Wujiang's 2012 recode in the
 * reference data, and values under a retired code refused with the successor named from the year of the change on.
 */
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { validateValues } from "../src/Registration.js"
import { RegionSet } from "../src/Region.js"
import { regionChangesFromCsv } from "../src/RegionLineage.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import * as Registry from "../src/Registry.js"
import { observed, text } from "./fixtures.js"

const regions = [
  { code: "320000", level: "province" as const, nameZh: "江苏省", nameEn: "Jiangsu" },
  { code: "320500", level: "city" as const, parent: "320000", nameZh: "苏州市", nameEn: "Suzhou" },
  { code: "320509", level: "county" as const, parent: "320500", nameZh: "吴江区", nameEn: "Wujiang District" },
  { code: "320508", level: "county" as const, parent: "320500", nameZh: "姑苏区", nameEn: "Gusu District" },
]
const HEADER = "year,kind,from,from_name_zh,from_name_en,to,source\n"
const problemsOf = (csv: string) => {
  const parsed = regionChangesFromCsv(HEADER + csv)
  const result = RegionSet.validate(regions, [], parsed.changes)
  return [...parsed.problems, ...("problems" in result ? result.problems : [])]
}

describe("the change list", () => {
  it("accepts a recode, a merge of three into one, and a rename", () => {
    expect(
      problemsOf(
        [
          "2012,recode,320584,吴江市,Wujiang City,320509,国函〔2012〕105号",
          "2012,merge,320502,沧浪区,Canglang District,320508,国函〔2012〕105号",
          "2012,merge,320503,平江区,Pingjiang District,320508,国函〔2012〕105号",
          "2012,merge,320504,金阊区,Jinchang District,320508,国函〔2012〕105号",
          "2000,rename,320500,苏州地区,Suzhou Prefecture,320500,made-up for the test",
        ].join("\n"),
      ),
    ).toEqual([])
  })

  it("knows the years a code stands for where the list says: a recode's successor from the change on, a retired code until the year before", () => {
    const { changes } = regionChangesFromCsv(
      HEADER +
        [
          "2012,recode,320584,吴江市,Wujiang City,320509,国函〔2012〕105号",
          "2012,merge,320502,沧浪区,Canglang District,320508,国函〔2012〕105号",
          "2012,merge,320503,平江区,Pingjiang District,320508,国函〔2012〕105号",
        ].join("\n"),
    )
    const result = RegionSet.validate(regions, [], changes)
    if ("problems" in result) throw new Error(result.problems.join("; "))
    const { lineage } = result.set
    expect(["320509", "320584", "320502", "320508", "320500"].map((c) => [c, lineage.validity(c)])).toEqual([
      ["320509", { from: 2012, to: null }],
      ["320584", { from: null, to: 2011 }],
      ["320502", { from: null, to: 2011 }],
      // a merge's successor may have kept its code: the list does not say when Gusu's began
      ["320508", { from: null, to: null }],
      ["320500", { from: null, to: null }],
    ])
  })

  it("names the line of a loop, a missing successor, a code retired twice or still current, and a successor retired first", () => {
    expect(problemsOf("2012,recode,320584,吴江市,Wujiang City,320599,s\n")).toEqual([
      "region-changes line 2: the successor 320599 of 320584 is neither a current region nor retired by another line",
    ])
    expect(problemsOf("2012,recode,320509,吴江区,Wujiang District,320508,s\n")).toEqual([
      "region-changes line 2: 320509 is retired in 2012 but is still a current region in regions.csv (overlapping validity)",
    ])
    expect(problemsOf("2012,recode,320584,,,320509,s\n2014,recode,320584,,,320509,s\n")).toEqual([
      "region-changes line 3: 320584 is retired in 2014, but line 2 retires it in 2012 (overlapping validity)",
    ])
    expect(problemsOf("2010,recode,320581,,,320582,s\n2012,recode,320582,,,320581,s\n")).toEqual([
      "region-changes line 3: the successor 320581 of 320582 was itself retired in 2010, not after this change in 2012",
      "region-changes line 2: succession from 320581 loops back to it",
      "region-changes line 3: succession from 320582 loops back to it",
    ])
    expect(problemsOf("2012,rename,320584,,,320509,s\n")).toEqual([
      "region-changes line 2: a rename keeps its code, but from 320584 and to 320509 differ (a new code is a recode)",
    ])
    expect(problemsOf("twenty,swap,,,,,\n")).toEqual([
      'region-changes line 2: year "twenty" is not a whole year',
      'region-changes line 2: kind "swap" is not one of recode, merge, split, rename',
      "region-changes line 2: from and to must both be codes",
      "region-changes line 2: source is empty; cite the notice that made the change",
    ])
  })
})

describe("Wujiang in the reference data", () => {
  const set = yrdRegions()

  it("knows 320584 was recoded as 320509 in 2012, citing the State Council's approval", () => {
    expect(set.lineage.retired("320584")).toMatchObject({ retiredIn: 2012, name: { zh: "吴江市", en: "Wujiang City" }, successors: [{ code: "320509", kind: "recode" }] })
    expect(set.lineage.predecessorsOf("320509").map((p) => [p.code, p.until, p.kind])).toEqual([["320584", 2012, "recode"]])
    expect(set.lineage.predecessorsOf("320509")[0]!.source).toContain("国函〔2012〕105号")
  })

  it("refuses a value under 320584 for 2012 and later, naming 320509; accepts 2005 (it joins 320509's series)", async () => {
    const registry = await Effect.runPromise(Registry.buildRegistry([{ id: "t", version: "0", name: text("t"), indicators: [observed("t.a")] }], set))
    const problems = validateValues(registry, [
      { indicator: "t.a", region: "320584", year: 2013, value: 1 },
      { indicator: "t.a", region: "320584", year: 2005, value: 1 },
      { indicator: "t.a", region: "320509", year: 2005, value: 1 },
    ])
    expect(problems.map((p) => [p.index, p.field, p.message])).toEqual([
      [0, "region", expect.stringMatching(/^320584 \(Wujiang City\) was retired in 2012: recoded as 320509 \(.*\); register 2012 and later values under 320509$/)],
    ])
    expect(set.lineage.accepts("320584", 2011)).toBe(true)
    expect(set.lineage.accepts("320584", 2012)).toBe(false)
    expect(set.lineage.recodedAs("320584")).toBe("320509")
  })
})
