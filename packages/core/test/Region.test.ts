import { describe, expect, it } from "vitest"
import { yrdRegions } from "../src/ReferenceRegions.js"
import { RegionSet } from "../src/Region.js"

describe("reference regions", () => {
  const set = yrdRegions()

  it("loads 39 regions and 3 groups", () => {
    expect(set.regions).toHaveLength(39)
    expect(set.regions.filter((r) => r.level === "province")).toHaveLength(4)
    expect(set.regions.filter((r) => r.level === "city")).toHaveLength(31)
    expect(set.groups.map((g) => [g.code, g.members.length])).toEqual([
      ["YRD-CENTRAL-27", 27],
      ["DEMO-ZONE", 3],
      ["NORTH-ANHUI-HUAIHE", 5],
    ])
  })

  it("never confuses the two Suzhous or the two Taizhous: lookups are by code", () => {
    expect(set.get("320500")).toMatchObject({ nameEn: "Suzhou (Jiangsu)", nameZh: "苏州市", parent: "320000" })
    expect(set.get("341300")).toMatchObject({ nameEn: "Suzhou (Anhui)", nameZh: "宿州市", parent: "340000" })
    expect(set.get("321200")?.nameZh).toBe("泰州市")
    expect(set.get("331000")?.nameZh).toBe("台州市")
    expect(set.search("Suzhou").map((r) => r.code)).toEqual(["320500", "341300"])
  })

  it("knows the hierarchy: Wujiang lies within Suzhou (Jiangsu), not Suzhou (Anhui)", () => {
    expect(set.isWithin("320509", "320500")).toBe(true)
    expect(set.isWithin("320509", "341300")).toBe(false)
    expect(set.ancestors("320509").map((r) => r.code)).toEqual(["320500", "320000", "YRD"])
    expect(set.subtree("320500")).toEqual(["320500", "320509"])
  })

  it("resolves a group to its member regions", () => {
    const scope = set.scope("DEMO-ZONE")
    expect(scope?._tag).toBe("group")
    if (scope?._tag === "group") expect(scope.members.map((m) => m.nameEn)).toEqual(["Qingpu District", "Wujiang District", "Jiashan County"])
    expect(set.scope("999999")).toBeUndefined()
  })

  it("rejects invalid region data with every problem named", () => {
    const result = RegionSet.validate(
      [
        { code: "A", level: "region", nameZh: "甲", nameEn: "A" },
        { code: "A", level: "city", nameZh: "乙", nameEn: "B" },
        { code: "C", level: "city", parent: "Z", nameZh: "丙", nameEn: "C" },
      ],
      [{ code: "G", nameZh: "组", nameEn: "G", members: ["A", "Q"] }],
    )
    expect("problems" in result && result.problems).toEqual([
      "region code A appears more than once",
      "region C names parent Z, which is not a known region",
      "group G names member Q, which is not a known region",
    ])
  })

  it("lists a prefecture-level city without counties among the county-level units, and only such a city", () => {
    const regions = [
      { code: "P", level: "province", nameZh: "省", nameEn: "P" },
      { code: "C1", level: "city", parent: "P", nameZh: "市一", nameEn: "C1" },
      { code: "K1", level: "county", parent: "C1", nameZh: "县一", nameEn: "K1" },
      { code: "C2", level: "city", parent: "P", nameZh: "市二", nameEn: "C2", countyLevel: true },
    ] as const
    const ok = RegionSet.unsafeMake(regions, [])
    expect(ok.atLevel("county").map((r) => r.code)).toEqual(["K1", "C2"])
    expect(ok.atLevel("city").map((r) => r.code)).toEqual(["C1", "C2"])
    expect(ok.atLevel("province").map((r) => r.code)).toEqual(["P"])
    const bad = RegionSet.validate(
      [
        { code: "P", level: "province", nameZh: "省", nameEn: "P", countyLevel: true },
        { code: "C1", level: "city", parent: "P", nameZh: "市一", nameEn: "C1", countyLevel: true },
        { code: "K1", level: "county", parent: "C1", nameZh: "县一", nameEn: "K1" },
      ],
      [],
    )
    expect("problems" in bad && bad.problems).toEqual([
      "region P is marked county-level but is a province; only a prefecture-level city without counties can be",
      "region C1 is marked county-level but has regions below it; only a city without counties can be",
    ])
    // the YRD set has no such city: its county-level units are its three counties
    expect(set.atLevel("county").map((r) => r.code)).toEqual(["310118", "320509", "330421"])
  })
})
