/**
 * The Demonstration Zone's report section: how its binding targets stand, and the binding land totals in both
 * mu and km² (the plan states farmland in mu and the other totals in km²).
 */
import type { Evaluation, ReportTable, SectionContext, SectionExtras } from "@tijian/core/plugin"
import { bindingIndicators } from "./indicators.js"
import { DEMO_ZONE, demoZoneTargets, redlineFloorKm2 } from "./targets.js"
import { km2ToMu, muToKm2 } from "./units.js"

const round = (x: number, decimals: number) => Number(x.toFixed(decimals))
const thousands = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 4 })

type Unit = "mu" | "km2"
interface BindingRow {
  readonly indicator: string
  readonly unit: Unit
  readonly kind: "at-least" | "at-most"
  readonly target: number
}

/** The binding land totals in the plan's order; the redline's target is the ecology plugin's. */
const bindingRows = (): ReadonlyArray<BindingRow> => {
  const own = bindingIndicators.map((i): BindingRow => {
    const t = demoZoneTargets.find((x) => x.indicator === i.id && x.binding)!
    return { indicator: i.id, unit: i.id.endsWith("-mu") ? "mu" : "km2", kind: t.kind as BindingRow["kind"], target: t.value! }
  })
  const redline: BindingRow = { indicator: "ecology.redline-area-km2", unit: "km2", kind: "at-least", target: redlineFloorKm2 }
  return [own[0]!, own[1]!, redline, ...own.slice(2)]
}

const inBothUnits = (value: number | null, unit: Unit) => {
  if (value === null) return { mu: null, km2: null }
  return unit === "mu" ? { mu: round(value, 0), km2: round(muToKm2(value), 4) } : { mu: round(km2ToMu(value), 0), km2: round(value, 4) }
}

const landTable = (evaluations: ReadonlyArray<Evaluation>): ReportTable => ({
  id: "binding-land-totals",
  title: { zh: "约束性用地指标（亩与平方千米对照）", en: "Binding land totals in mu and km²" },
  columns: [
    { id: "indicator", name: { zh: "指标", en: "Indicator" } },
    { id: "kind", name: { zh: "目标", en: "Target" } },
    { id: "targetMu", name: { zh: "目标值（亩）", en: "Target (mu)" } },
    { id: "targetKm2", name: { zh: "目标值（平方千米）", en: "Target (km²)" } },
    { id: "valueMu", name: { zh: "当年值（亩）", en: "Value (mu)" } },
    { id: "valueKm2", name: { zh: "当年值（平方千米）", en: "Value (km²)" } },
  ],
  rows: bindingRows().map((r) => {
    const target = inBothUnits(r.target, r.unit)
    const value = inBothUnits(evaluations.find((e) => e.indicator === r.indicator)?.value ?? null, r.unit)
    return {
      indicator: r.indicator,
      kind: r.kind === "at-least" ? "≥" : "≤",
      targetMu: target.mu,
      targetKm2: target.km2,
      valueMu: value.mu,
      valueKm2: value.km2,
    }
  }),
})

const unitsNote = {
  zh: "面积单位：耕地与永久基本农田以亩计，其余以平方千米计；1 平方千米 = 1500 亩（1 亩 = 10000/15 ≈ 666.67 平方米）。下表同时列出两种单位。",
  en: "Units: cultivated land and permanent basic farmland in mu, the other areas in km²; 1 km² = 1,500 mu (1 mu = 10,000/15 ≈ 666.67 m²). The table gives both.",
}

/**
 * The section: for the Demonstration Zone, a note on its binding targets and the land-totals table; for any other
 * region, a note that the plan's targets apply to the Zone as a whole.
 */
export const demoZoneSection = ({ scope, year, evaluations }: SectionContext): SectionExtras => {
  if (scope !== DEMO_ZONE) {
    return {
      notes: [
        {
          zh: "示范区国土空间总体规划的目标适用于示范区整体（DEMO-ZONE），请查看示范区的报告。",
          en: "The master plan's targets apply to the Demonstration Zone as a whole (DEMO-ZONE): see the Zone's report.",
        },
      ],
    }
  }
  const binding = evaluations.filter((e) => e.targets.some((t) => t.binding))
  const withValue = binding.filter((e) => e.status === "ok").length
  const missed = binding.filter((e) => e.targets.some((t) => t.binding && t.met === false)).length
  const total = binding.length + 1
  const redlineMu = round(km2ToMu(redlineFloorKm2), 0)
  return {
    notes: [
      {
        zh:
          `约束性指标 ${total} 项：本部分 ${binding.length} 项（${withValue} 项有 ${year} 年数值，${missed} 项未达标）；` +
          `生态保护红线面积（不低于 ${redlineFloorKm2} 平方千米，即 ${redlineMu} 亩）在“生态保护红线”部分评价。`,
        en:
          `${total} binding targets: ${binding.length} in this section (${withValue} with a value for ${year}, ${missed} not met); ` +
          `the ecological redline (at least ${redlineFloorKm2} km², i.e. ${thousands(redlineMu)} mu) is evaluated in the ecological protection redlines section.`,
      },
      unitsNote,
    ],
    tables: [landTable(evaluations)],
  }
}
