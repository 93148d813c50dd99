import { pluginConformance } from "@tijian/core/testing"
import { ecology } from "@tijian/plugin-ecology"
import { describe, expect, it } from "vitest"
import { DEMO_ZONE, demoZone, demoZoneReferenceData, demoZoneTargets, redlineFloorKm2 } from "../src/index.js"
import { evaluate, type Row } from "./evaluate.js"

pluginConformance(demoZone, { with: [ecology] })

const plugins = [ecology, demoZone]
const zone = (indicator: string, year: number, value: number): Row => ({ indicator, region: DEMO_ZONE, year, value })

describe("the master plan's targets", () => {
  it("declares the four binding land totals first, then the five expected targets, all for DEMO-ZONE by 2035 from 2020", () => {
    expect(demoZoneTargets.map((t) => [t.indicator, t.kind, t.value, t.binding])).toEqual([
      ["demo-zone.cultivated-land-mu", "at-least", 766_000, true],
      ["demo-zone.permanent-basic-farmland-mu", "at-least", 665_400, true],
      ["demo-zone.urban-development-boundary-km2", "at-most", 647.6, true],
      ["demo-zone.construction-land-km2", "at-most", 803.6, true],
      ["demo-zone.blue-green-space-share", "at-least", 0.66, false],
      ["demo-zone.water-surface-ratio", "at-least", 0.206, false],
      ["ecology.forest-coverage", "at-least", 0.1201, false],
      ["demo-zone.park-green-space-per-capita-m2", "at-least", 15, false],
      ["demo-zone.green-travel-share", "at-least", 0.8, false],
    ])
    expect(new Set(demoZoneTargets.map((t) => `${t.scope} ${t.dueYear} ${t.baselineYear}`))).toEqual(new Set(["DEMO-ZONE 2035 2020"]))
  })

  it("shares the ecological redline with the ecology plugin: uses its indicator, declares no redline target of its own", () => {
    expect(demoZone.uses).toContain("ecology.redline-area-km2")
    expect(demoZone.indicators.some((i) => i.id.includes("redline"))).toBe(false)
    expect(demoZoneTargets.some((t) => (t.indicator as string) === "ecology.redline-area-km2")).toBe(false)
    const declared = ecology.targets?.find((t) => t.indicator === "ecology.redline-area-km2" && t.scope === DEMO_ZONE)
    expect(declared).toMatchObject({ kind: "at-least", value: redlineFloorKm2, dueYear: 2035, binding: true })
  })
})

// Binding targets, case by case: what is registered (for the Zone or its counties), and what the 2025 report says.
const bindingCases = [
  {
    name: "cultivated land 250,000 + 300,000 + 220,000 mu in the three counties: 770,000 >= 766,000, met by 4,000 mu",
    observations: [
      { indicator: "demo-zone.cultivated-land-mu", region: "310118", year: 2025, value: 250_000 },
      { indicator: "demo-zone.cultivated-land-mu", region: "320509", year: 2025, value: 300_000 },
      { indicator: "demo-zone.cultivated-land-mu", region: "330421", year: 2025, value: 220_000 },
    ],
    indicator: "demo-zone.cultivated-land-mu",
    expect: { value: 770_000, origin: "aggregated", met: true, gap: -4_000 },
  },
  {
    name: "permanent basic farmland 660,000 mu: 5,400 mu (3.6 km²) short of 665,400, a binding miss",
    observations: [zone("demo-zone.permanent-basic-farmland-mu", 2025, 660_000)],
    indicator: "demo-zone.permanent-basic-farmland-mu",
    expect: { value: 660_000, origin: "observed", met: false, gap: 5_400 },
  },
  {
    name: "urban development boundary 650 km²: 2.4 km² over the 647.6 ceiling",
    observations: [zone("demo-zone.urban-development-boundary-km2", 2025, 650)],
    indicator: "demo-zone.urban-development-boundary-km2",
    expect: { value: 650, origin: "observed", met: false, gap: 2.4 },
  },
  {
    name: "construction land 800 km²: 3.6 km² under the 803.6 ceiling",
    observations: [zone("demo-zone.construction-land-km2", 2025, 800)],
    indicator: "demo-zone.construction-land-km2",
    expect: { value: 800, origin: "observed", met: true, gap: -3.6 },
  },
  {
    name: "ecological redline 143 km² (the ecology plugin's target): 0.32 km² short of 143.32",
    observations: [zone("ecology.redline-area-km2", 2025, 143)],
    indicator: "ecology.redline-area-km2",
    expect: { value: 143, origin: "observed", met: false, gap: 0.32 },
  },
] as const

describe("binding targets in the 2025 report", () => {
  it.each(bindingCases)("$name", async ({ observations, indicator, expect: expected }) => {
    const { row, report } = await evaluate(plugins, observations, DEMO_ZONE, 2025)
    const evaluation = row(indicator)
    expect(evaluation.value).toBe(expected.value)
    expect(evaluation.origin).toBe(expected.origin)
    const binding = evaluation.targets.find((t) => t.binding)!
    expect(binding.met).toBe(expected.met)
    expect(binding.gap).toBeCloseTo(expected.gap, 9)
    expect(evaluation.rulesBroken.some((r) => r.rule === "binding-target-missed")).toBe(!expected.met)
    expect(report.diagnosis.bindingMissed.some((d) => d.indicator === indicator)).toBe(!expected.met)
  })
})

// Expected targets, from the plan's 2020 base values: progress compares the observed annual growth since 2020 with
// the growth needed to reach the target by 2035 (R = observed / required; >= 0.95 substantial, >= 0.60 moderate).
const expectedCases = [
  {
    name: "water surface 20.3% (2020) -> 20.38% (2025): 0.079%/yr against 0.098%/yr needed for 20.6%, R = 0.80, moderate",
    observations: [zone("demo-zone.water-surface-ratio", 2020, 0.203), zone("demo-zone.water-surface-ratio", 2025, 0.2038)],
    indicator: "demo-zone.water-surface-ratio",
    expect: { met: false, gap: 0.0022, status: "moderate", ratio: 0.804 },
  },
  {
    name: "park green space 10 -> 12 m² per resident: 3.71%/yr against 2.74%/yr needed for 15, R = 1.36, substantial",
    observations: [zone("demo-zone.park-green-space-per-capita-m2", 2020, 10), zone("demo-zone.park-green-space-per-capita-m2", 2025, 12)],
    indicator: "demo-zone.park-green-space-per-capita-m2",
    expect: { met: false, gap: 3, status: "substantial", ratio: 1.355 },
  },
  {
    name: "forest coverage 8.6% -> exactly 12%: not yet 'above 12%' (0.01 point short of 12.01%)",
    observations: [zone("ecology.forest-coverage", 2020, 0.086), zone("ecology.forest-coverage", 2025, 0.12)],
    indicator: "ecology.forest-coverage",
    expect: { met: false, gap: 0.0001, status: "substantial", ratio: undefined },
  },
  {
    name: "forest coverage 12.01%: above 12%, met",
    observations: [zone("ecology.forest-coverage", 2020, 0.086), zone("ecology.forest-coverage", 2025, 0.1201)],
    indicator: "ecology.forest-coverage",
    expect: { met: true, gap: 0, status: "target-achieved", ratio: undefined },
  },
  {
    name: "green travel 75% with no 2020 value: 5 points short, insufficient data for progress",
    observations: [zone("demo-zone.green-travel-share", 2025, 0.75)],
    indicator: "demo-zone.green-travel-share",
    expect: { met: false, gap: 0.05, status: "insufficient-data", ratio: undefined },
  },
] as const

describe("expected targets in the 2025 report", () => {
  it.each(expectedCases)("$name", async ({ observations, indicator, expect: expected }) => {
    const { row, report } = await evaluate(plugins, observations, DEMO_ZONE, 2025)
    const [target] = row(indicator).targets
    expect(target?.binding).toBe(false)
    expect(target?.met).toBe(expected.met)
    expect(target?.gap).toBeCloseTo(expected.gap, 9)
    expect(target?.progress.status).toBe(expected.status)
    if (expected.ratio !== undefined) expect(target?.progress.ratio).toBeCloseTo(expected.ratio, 3)
    expect(report.diagnosis.bindingMissed).toEqual([])
  })
})

describe("the seeded Demonstration Zone report", () => {
  it("registers the reference data: 2020 base values, 145 key projects in 2023, the 2025 report's figures", async () => {
    const { row } = await evaluate(plugins, demoZoneReferenceData, DEMO_ZONE, 2025)
    expect(row("demo-zone.water-surface-ratio").trend).toEqual([
      { year: 2020, value: 0.203 },
      { year: 2025, value: 0.2038 },
    ])
    expect(row("ecology.good-air-days-share").value).toBe(0.861)
    expect(row("ecology.surface-water-good-share").value).toBe(0.962)
    expect(row("ecology.forest-coverage").baseline).toEqual({ year: 2020, value: 0.086 })
    const projects = await evaluate(plugins, demoZoneReferenceData, DEMO_ZONE, 2023)
    expect(projects.row("demo-zone.key-projects-advanced").value).toBe(145)
  })

  it("lists the binding targets first in its section, and says how they stand", async () => {
    const { report } = await evaluate(plugins, [...demoZoneReferenceData, zone("demo-zone.permanent-basic-farmland-mu", 2025, 660_000)], DEMO_ZONE, 2025)
    const section = report.sections.find((s) => s.plugin === "demo-zone")!
    const binding = section.evaluations.map((e) => e.targets.some((t) => t.binding))
    expect(binding).toEqual([true, true, true, true, false, false, false, false, false])
    // forest coverage is the ecology plugin's figure: shown once, in its section, with this plan's target 12.01%
    const forest = report.sections.find((s) => s.plugin === "ecology")!.evaluations.find((e) => e.indicator === "ecology.forest-coverage")!
    expect(forest.targets.map((t) => [t.id, t.value])).toEqual([["ecology.forest-coverage@DEMO-ZONE/at-least/2035", 0.1201]])
    expect(section.evaluations.some((e) => e.indicator === "ecology.forest-coverage")).toBe(false)
    expect(section.notes[0]!.en).toBe(
      "5 binding targets: 4 in this section (1 with a value for 2025, 1 not met); the ecological redline (at least 143.32 km², i.e. 214,980 mu) is evaluated in the ecological protection redlines section.",
    )
    expect(section.notes[0]!.zh).toContain("生态保护红线面积（不低于 143.32 平方千米，即 214980 亩）")
  })

  it("shows the binding land totals in both mu and km²", async () => {
    const rows = [
      zone("demo-zone.cultivated-land-mu", 2025, 770_000),
      zone("demo-zone.construction-land-km2", 2025, 800),
      zone("ecology.redline-area-km2", 2025, 143.5),
    ]
    const { report } = await evaluate(plugins, rows, DEMO_ZONE, 2025)
    const table = report.sections.find((s) => s.plugin === "demo-zone")!.tables.find((t) => t.id === "binding-land-totals")!
    expect(table.rows).toEqual([
      { indicator: "demo-zone.cultivated-land-mu", kind: "≥", targetMu: 766_000, targetKm2: 510.6667, valueMu: 770_000, valueKm2: 513.3333 },
      { indicator: "demo-zone.permanent-basic-farmland-mu", kind: "≥", targetMu: 665_400, targetKm2: 443.6, valueMu: null, valueKm2: null },
      { indicator: "ecology.redline-area-km2", kind: "≥", targetMu: 214_980, targetKm2: 143.32, valueMu: null, valueKm2: null },
      { indicator: "demo-zone.urban-development-boundary-km2", kind: "≤", targetMu: 971_400, targetKm2: 647.6, valueMu: null, valueKm2: null },
      { indicator: "demo-zone.construction-land-km2", kind: "≤", targetMu: 1_205_400, targetKm2: 803.6, valueMu: 1_200_000, valueKm2: 800 },
    ])
  })

  it("points any other region to the Zone's report", async () => {
    const { report } = await evaluate(plugins, [], "320509", 2025)
    const section = report.sections.find((s) => s.plugin === "demo-zone")!
    expect(section.tables).toEqual([])
    expect(section.notes[0]!.en).toBe("The master plan's targets apply to the Demonstration Zone as a whole (DEMO-ZONE): see the Zone's report.")
  })
})
