/**
 * Reports of breakdowns over HTTP (issue #21, item 4), on a SQLite file and on PostgreSQL: the JSON report's
 * `breakdowns` of a group aggregated from its members by the indicator's rule (trips-weighted), its targets on
 * breakdowns counted apart, and the same in Markdown (table and text bar) in both languages.
 */
import { Effect } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { builtinPlugins } from "../src/plugins.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"
import { BACKENDS, postgresSkipped } from "./backends.js"
import { mobilityPlugin } from "./support/mobilityTargetsPlugin.js"

const dir = mkdtempSync(join(tmpdir(), "tijian-breakdown-reports-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const row = (region: string, value: number, extra: object = {}) => ({ indicator: "mob.green-share", region, year: 2022, value, source: "travel survey", ...extra })
/** A member's total, its modes and its trips (the weight). */
const member = (region: string, trips: number, [metro, bus, bike]: [number, number, number]) => [
  row(region, Number((metro + bus + bike).toFixed(3))),
  row(region, metro, { dimensions: { mode: "metro" } }),
  row(region, bus, { dimensions: { mode: "bus" } }),
  row(region, bike, { dimensions: { mode: "bike" } }),
  { indicator: "mob.trips", region, year: 2022, value: trips, source: "travel survey" },
]

if (postgresSkipped) describe.skip(postgresSkipped, () => it("runs on PostgreSQL", () => {}))

for (const backend of BACKENDS) {
  describe(`reports of breakdowns over HTTP (${backend.name === "SQLite" ? "SQLite file" : backend.name})`, () => {
    let runtime: AppRuntime
    let app: ReturnType<typeof makeApp>
    beforeAll(async () => {
      const filename = backend.name === "SQLite" ? join(dir, "reports.sqlite") : await backend.database()
      runtime = makeRuntime({ filename, plugins: [...builtinPlugins, mobilityPlugin] })
      app = makeApp(runtime, { now: () => new Date("2025-03-01T00:00:00.000Z") })
      const { token } = await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create({ role: "admin", agency: "yrd-office" }, "2025-01-01T00:00:00.000Z")))
      // Qingpu 2 million trips, 60% green (30 + 20 + 10); Wujiang 1 million, 50% (10 + 30 + 10); Jiashan 1 million, 40% (0 + 25 + 15)
      const res = await app.request("/api/v1/observations", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ observations: [...member("310118", 2, [0.3, 0.2, 0.1]), ...member("320509", 1, [0.1, 0.3, 0.1]), ...member("330421", 1, [0, 0.25, 0.15])] }),
      })
      expect(res.status).toBe(201)
    })
    afterAll(() => runtime.dispose())

    it("DEMO-ZONE 2022 JSON: each mode weighted by trips as the total is; metro 17.5% < 30% not met (binding), counted apart", async () => {
      const report = (await (await app.request("/api/v1/reports/DEMO-ZONE/2022")).json()) as any
      const green = report.sections.flatMap((s: any) => s.evaluations).find((e: any) => e.indicator === "mob.green-share")
      // (2 x 0.60 + 0.50 + 0.40) / 4 = 0.525
      expect(green.value).toBeCloseTo(0.525, 12)
      const mode = green.breakdowns.find((d: any) => d.dimension === "mode")
      expect(mode.values.map((v: any) => [v.code, Number(v.value.toFixed(6)), Number(v.share.toFixed(4)), v.coverage.reported])).toEqual([
        ["metro", 0.175, 0.3333, 3], // (0.60 + 0.10 + 0) / 4; 0.175 / 0.525
        ["bus", 0.2375, 0.4524, 3], // (0.40 + 0.30 + 0.25) / 4
        ["bike", 0.1125, 0.2143, 3], // (0.20 + 0.10 + 0.15) / 4
      ])
      expect(mode.values[0].targets.map((t: any) => [t.id, t.binding, t.met, Number(t.gap.toFixed(6))])).toEqual([["mob.green-share@*/at-least/2025/mode=metro", true, false, 0.125]])
      expect(report.summary.breakdownTargets).toEqual({ targets: 2, binding: 1, met: 0, notMet: 2, notAssessed: 0, bindingNotMet: 1, bindingNotAssessed: 0 })
      // the totals' binding counts know nothing of the breakdowns' targets
      expect(report.summary.binding.targets).toBe(report.sections.flatMap((s: any) => s.evaluations).flatMap((e: any) => e.targets).filter((t: any) => t.binding).length)
    })

    it("GET /indicators/{id} lists a target on a breakdown with the breakdown it addresses; a total's target without", async () => {
      const body = (await (await app.request("/api/v1/indicators/mob.green-share")).json()) as any
      expect(body.targets.map((t: any) => [t.id, t.dimensions ?? null])).toEqual([
        ["mob.green-share@*/at-least/2035", null],
        ["mob.green-share@*/at-least/2025/mode=metro", { mode: "metro" }],
        ["mob.green-share@*/at-least/2025/mode=bus", { mode: "bus" }],
      ])
    })

    it("Markdown in en and zh: the mode table, the text bar of 40 cells and the breakdowns' targets listed apart", async () => {
      const en = await (await app.request("/api/v1/reports/DEMO-ZONE/2022.md?lang=en")).text()
      expect(en).toContain("**By mode (2022)**")
      expect(en).toContain("| Metro (`metro`) | 17.5% | 33% | at least 30.0% by 2025 (binding) | not met · ")
      // 33.3% / 45.2% / 21.4% of 40 cells: 13 + 18 + 9 (largest remainders)
      expect(en).toContain(`Composition of the total (52.5%): \`${"█".repeat(13)}${"▓".repeat(18)}${"▒".repeat(9)}\` █ Metro 33% · ▓ Bus 45% · ▒ Bike 21%`)
      expect(en).toContain("### Targets on breakdowns\n\n2 targets (1 binding): 0 met, 2 not met (1 binding), 0 not assessed (0 binding)")
      // the red-line verdict counts the binding target on a breakdown, and says so
      // (the 7 others are the built-in plugins' binding targets, with no value in this database)
      expect(en.match(/### Binding targets \(red lines\)\n\n(.*)\n/)![1]).toBe(
        '**1 of 8 binding targets are breached (red lines); 7 more could not be assessed. Of the 8, 1 is a target on a breakdown, listed under "Targets on breakdowns".**',
      )
      // the diagnosis' red lines: none on a total, the metro one on a breakdown
      expect(en).toContain('## Diagnosis\n\n### Red lines breached\n\n**1 binding target on a breakdown is not met (red lines), listed under "Targets on breakdowns" in the summary.**\n\n###')
      // no member gave a purpose: one line, not a table of blanks
      expect(en).toContain("_By purpose (2022): no breakdown registered, no target on one_")
      expect(en).not.toContain("Commuting (`work`)")
      const zh = await (await app.request("/api/v1/reports/DEMO-ZONE/2022.md?lang=zh")).text()
      expect(zh).toContain("**按方式分（2022 年）**")
      expect(zh).toContain("| 地铁 (`metro`) | 17.5% | 33% |")
      expect(zh).toContain("### 分项目标\n")
      expect(zh).toContain('8 项中 1 项为分项目标，见下方"分项目标"。**')
    })
  })
}
