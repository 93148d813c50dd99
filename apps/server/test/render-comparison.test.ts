import { registerObservations } from "@tijian/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { builtinPlugins } from "../src/plugins.js"
import { type Comparison, rank } from "@tijian/report"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"

describe("rank", () => {
  it("ranks higher-is-better values descending; equal values (at the decimals) share a rank; missing come last", () => {
    const ranked = rank(
      [
        { code: "a", key: 0.3 },
        { code: "b", key: 0.25 },
        { code: "c", key: null },
        { code: "d", key: 0.3004 }, // 0.300 at 3 decimals: ties with a
        { code: "e", key: 0.1 },
      ],
      "descending",
      3,
    )
    expect(ranked.map((r) => [r.code, r.rank])).toEqual([
      ["a", 1],
      ["d", 1],
      ["b", 3],
      ["e", 4],
      ["c", null],
    ])
  })

  it("ranks lower-is-better values ascending", () => {
    const ranked = rank(
      [
        { code: "x", key: 30 },
        { code: "y", key: 28 },
        { code: "z", key: 28 },
      ],
      "ascending",
      2,
    )
    expect(ranked.map((r) => [r.code, r.rank])).toEqual([
      ["y", 1],
      ["z", 1],
      ["x", 3],
    ])
  })

  it("returns nothing ranked when nothing has a value", () => {
    expect(rank([{ code: "a", key: null }], "descending", 2).map((r) => r.rank)).toEqual([null])
  })
})

describe("the Demonstration Zone's members compared", () => {
  let runtime: AppRuntime
  let app: ReturnType<typeof makeApp>
  // Qingpu 310118, Wujiang 320509, Jiashan 330421.
  const values = [
    { indicator: "ecology.forest-coverage", region: "310118", value: 0.3 },
    { indicator: "ecology.forest-coverage", region: "320509", value: 0.25 },
    { indicator: "ecology.forest-coverage", region: "330421", value: 0.3 },
    { indicator: "beauty.pm25-annual-mean", region: "310118", value: 30 },
    { indicator: "beauty.pm25-annual-mean", region: "320509", value: 28 },
  ]

  beforeAll(async () => {
    runtime = makeRuntime({ filename: ":memory:", plugins: builtinPlugins })
    await runOrThrow(
      runtime,
      registerObservations(
        values.map((v) => ({ ...v, year: 2023, agency: "demo-zone-office", source: "test" })),
        "2024-06-01T00:00:00.000Z",
      ),
    )
    app = makeApp(runtime, { now: () => new Date("2025-01-01T00:00:00.000Z") })
  })

  afterAll(() => runtime.dispose())

  const comparison = async () => (await (await app.request("/api/v1/reports/DEMO-ZONE/2023/comparison")).json()) as Comparison
  const ranks = (c: Comparison, indicator: string) => c.tables.find((t) => t.indicator === indicator)!.members.map((m) => [m.code, m.rank, m.value])

  it("ranks forest coverage (higher is better): Qingpu and Jiashan share 1st at 30%, Wujiang 3rd", async () => {
    const c = await comparison()
    expect(c.members.map((m) => m.code)).toEqual(["310118", "320509", "330421"])
    expect(ranks(c, "ecology.forest-coverage")).toEqual([
      ["310118", 1, 0.3],
      ["330421", 1, 0.3],
      ["320509", 3, 0.25],
    ])
    expect(c.tables.find((t) => t.indicator === "ecology.forest-coverage")).toMatchObject({ rankedBy: "value-descending", withValue: 3 })
  })

  it("ranks PM2.5 (lower is better): Wujiang 1st, Qingpu 2nd, Jiashan without a value last", async () => {
    const c = await comparison()
    expect(ranks(c, "beauty.pm25-annual-mean")).toEqual([
      ["320509", 1, 28],
      ["310118", 2, 30],
      ["330421", null, null],
    ])
    expect(c.tables.map((t) => t.indicator)).toEqual(["ecology.forest-coverage", "beauty.pm25-annual-mean"])
    // Listed without values: the zone's master-plan and redline indicators; rail (cities) does not apply here.
    expect(c.withoutValues.map((w) => w.indicator)).toContain("demo-zone.construction-land-km2")
    expect(c.withoutValues.map((w) => w.indicator).filter((id) => id.startsWith("rail."))).toEqual([])
  })

  it("renders the ranking tables on the group's page, in both languages", async () => {
    const en = await (await app.request("/reports/DEMO-ZONE/2023?lang=en")).text()
    const section = en.slice(en.indexOf('<section id="comparison"'))
    expect(section).toContain("<h2 id=\"comparison-h\">Comparison of members</h2>")
    expect(section).toMatch(/<tr><td class="num">1<\/td><th scope="row">Wujiang District<\/th><td><code>320509<\/code><\/td>\s*<td class="num">28.00<\/td>/)
    expect(section).toContain('<p class="muted">Members without a value: Jiashan County (330421)</p>')
    const zh = await (await app.request("/reports/DEMO-ZONE/2023?lang=zh")).text()
    expect(zh).toContain("<h2 id=\"comparison-h\">成员比较</h2>")
    expect(zh).toMatch(/<tr><td class="num">3<\/td><th scope="row">吴江区<\/th><td><code>320509<\/code><\/td>\s*<td class="num">25.00%<\/td>/)
    expect(zh).toContain('<p class="muted">无数值的成员：嘉善县 (330421)</p>')
    const md = await (await app.request("/api/v1/reports/DEMO-ZONE/2023.md?lang=en")).text()
    // forest coverage is ecology's, at 4 decimals of a share: 30.00%
    expect(md).toContain("| 1 | Qingpu District | `310118` | 30.00% |")
    expect(md).toContain("| 1 | Jiashan County | `330421` | 30.00% |")
    expect(md).toContain("| 2 | Qingpu District | `310118` | 30.00 |")
    expect(md).toContain("Members without a value: Jiashan County (330421)")
  })

  it("answers 400 for a region, which has no members to compare", async () => {
    const res = await app.request("/api/v1/reports/310118/2023/comparison")
    expect(res.status).toBe(400)
  })
})
