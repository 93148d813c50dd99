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
})
