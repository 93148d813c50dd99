/**
 * The seams table (`ecology.redline-seams`): for each pair of neighbouring regions in the run's scope, one row for
 * the baseline redlines and one for the current ones, so the two years read side by side. Lengths in m to the
 * millimetre, areas in km² to 6 places (1 m²), the unit of the seam indicators.
 */
import type { I18nText, ReportTable } from "@tijian/core/plugin"
import type { Pair } from "./geometry.js"
import type { Measurements } from "./measure.js"
import type { SeamPair } from "./seams.js"

const col = (id: string, zh: string, en: string) => ({ id, name: { zh, en } })
/** Seam areas are small: km² to 6 places (1 m²), the unit of the indicators they feed. */
export const SMALL_AREA_DECIMALS = 6
/** m² as km², to the square metre. */
export const smallKm2 = (m2: number) => Math.round(m2) / 1e6
const m = (x: number) => Math.round(x * 1000) / 1000

/** What the seams table needs besides the measurements. */
export interface SeamTableContext {
  readonly name: (code: string) => string
  readonly scopeUnits: ReadonlySet<string>
  readonly locate: (p: Pair) => string
  readonly year: number
  readonly baselineYear: number
}

/** A year's seams that touch the run's scope. */
export const seamsInScope = (seams: ReadonlyArray<SeamPair>, scopeUnits: ReadonlySet<string>): ReadonlyArray<SeamPair> =>
  seams.filter((s) => scopeUnits.has(s.a) || scopeUnits.has(s.b))

const title: I18nText = { zh: "跨界红线接缝（基线年与当年）", en: "Redline seams across regional borders (baseline and current year)" }

/** Builds the seams table: rows by pair of regions, the baseline year's row before the current year's. */
export const buildSeamTable = (ms: Measurements, c: SeamTableContext): ReportTable => {
  const years = [
    { year: c.baselineYear, seams: seamsInScope(ms.baselineSeams, c.scopeUnits) },
    { year: c.year, seams: seamsInScope(ms.seams, c.scopeUnits) },
  ]
  const rows = years
    .flatMap(({ year, seams }) => seams.map((s) => ({ year, s })))
    .sort((x, y) => (x.s.a === y.s.a ? (x.s.b === y.s.b ? x.year - y.year : x.s.b < y.s.b ? -1 : 1) : x.s.a < y.s.a ? -1 : 1))
  return {
    id: "ecology.redline-seams",
    title,
    columns: [
      col("year", "红线年份", "redline year"),
      col("regionA", "区划代码 A", "region A"),
      col("nameA", "名称 A", "name A"),
      col("regionB", "区划代码 B", "region B"),
      col("nameB", "名称 B", "name B"),
      col("sharedBorderM", "共同边界（m）", "shared border (m)"),
      col("facingM", "两侧红线相对（m）", "both redlines reach it (m)"),
      col("aOnlyM", "仅 A 侧有红线（m）", "only A's redline (m)"),
      col("bOnlyM", "仅 B 侧有红线（m）", "only B's redline (m)"),
      { ...col("overlapKm2", "重叠（km²）", "overlap (km²)"), decimals: SMALL_AREA_DECIMALS },
      { ...col("gapKm2", "缝隙（km²）", "gap (km²)"), decimals: SMALL_AREA_DECIMALS },
      col("widestGapM", "缝隙最宽处（m）", "widest gap (m)"),
      col("gapLengthM", "缝隙沿边界长度（m）", "gap length along the border (m)"),
      col("where", "位置", "where"),
    ],
    rows: rows.map(({ year, s }) => ({
      year,
      regionA: s.a,
      nameA: c.name(s.a),
      regionB: s.b,
      nameB: c.name(s.b),
      sharedBorderM: m(s.sharedBorderM),
      facingM: m(s.facingM),
      aOnlyM: m(s.aOnlyM),
      bOnlyM: m(s.bOnlyM),
      overlapKm2: smallKm2(s.overlapM2),
      gapKm2: smallKm2(s.gapM2),
      widestGapM: m(s.widestGapM),
      gapLengthM: m(s.gapLengthM),
      where: [s.overlapAt ? `重叠 overlap ${c.locate(s.overlapAt)}` : "", s.gapAt ? `缝隙 gap ${c.locate(s.gapAt)}` : ""].filter((x) => x).join("; ") || null,
    })),
  }
}
