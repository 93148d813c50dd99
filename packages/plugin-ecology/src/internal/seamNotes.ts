/**
 * The run notes about seams, for each redline year: gaps wider than the border tolerance (too wide to be a
 * digitising mismatch of the boundaries; with one parameter for tolerance and band they went unseen), and borders
 * where only one region's redline reaches the seam band, so a gap there, if any, is wider than the band and is not
 * measured. Nothing is left at 0 without a word.
 */
import type { I18nText } from "@tijian/core/plugin"
import type { Measurements } from "./measure.js"
import type { MetricFeature } from "./prepare.js"
import type { SeamPair } from "./seams.js"
import { seamsInScope, smallKm2 } from "./seamTable.js"

/** Pairs named in one note before "and N more". */
const LISTED = 5
/** One-sided lengths (m) below this are the ends of facing stretches, not worth a note. */
const ONE_SIDED_MIN_M = 1

/** What the seam notes need. */
export interface SeamNoteContext {
  readonly name: (code: string) => string
  readonly scopeUnits: ReadonlySet<string>
  readonly year: number
  readonly baselineYear: number
  readonly borderToleranceM: number
  readonly seamBandM: number
}

const metres = (x: number, digits = 0) => x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })

/** The first few items in each language, then how many more. */
const listed = (items: ReadonlyArray<I18nText>, more: I18nText): I18nText => {
  const rest = items.length - LISTED
  const zh = items.slice(0, LISTED).map((i) => i.zh).join("；")
  const en = items.slice(0, LISTED).map((i) => i.en).join("; ")
  return rest > 0 ? { zh: `${zh}；${more.zh.replace("N", String(rest))}`, en: `${en}; ${more.en.replace("N", String(rest))}` } : { zh, en }
}

const wideGaps = (year: number, seams: ReadonlyArray<SeamPair>, c: SeamNoteContext): I18nText | undefined => {
  const wide = seams.filter((s) => s.widestGapM > c.borderToleranceM).sort((x, y) => y.widestGapM - x.widestGapM)
  if (wide.length === 0) return undefined
  const items = wide.map((s) => {
    const [pair, size, area] = [`${c.name(s.a)} / ${c.name(s.b)}`, `${metres(s.widestGapM, 1)} m × ${metres(s.gapLengthM)} m`, `${smallKm2(s.gapM2).toFixed(6)} km²`]
    return { zh: `${pair}：${size}（${area}）`, en: `${pair}: ${size} (${area})` }
  })
  const list = listed(items, { zh: "另有 N 处见接缝表", en: "N more in the seams table" })
  return {
    zh: `${year} 年红线有 ${wide.length} 处接缝缝隙宽于共同边界容差 ${c.borderToleranceM} m（最宽处 × 沿边界长度）：${list.zh}。`,
    en: `In ${year}, ${wide.length} seam gap(s) are wider than the ${c.borderToleranceM} m border tolerance (widest × length along the border): ${list.en}.`,
  }
}

const oneSided = (year: number, seams: ReadonlyArray<SeamPair>, c: SeamNoteContext): I18nText | undefined => {
  const pairs = seams.filter((s) => s.aOnlyM + s.bOnlyM >= ONE_SIDED_MIN_M).sort((x, y) => y.aOnlyM + y.bOnlyM - (x.aOnlyM + x.bOnlyM))
  if (pairs.length === 0) return undefined
  const items = pairs.map((s) => {
    const [pair, length] = [`${c.name(s.a)} / ${c.name(s.b)}`, `${metres(s.aOnlyM + s.bOnlyM)} m`]
    return { zh: `${pair}：${length}`, en: `${pair}: ${length}` }
  })
  const list = listed(items, { zh: "另有 N 对见接缝表", en: "N more pairs in the seams table" })
  return {
    zh: `${year} 年红线：以下共同边界上只有一侧红线到达 ±${c.seamBandM} m 接缝带（两地红线并未都到达接缝带）：${list.zh}。这些地段或是对方没有红线，或是缝隙宽于接缝带而未被测量（加大 seamBandM 可测量）。`,
    en: `In ${year}, the redlines of these neighbours do not both reach the ±${c.seamBandM} m seam band along part of their shared border: ${list.en}. There the neighbour has no redline, or the gap is wider than the band and is not measured (widen seamBandM to measure it).`,
  }
}

const unassigned = (year: number, features: ReadonlyArray<MetricFeature>): I18nText | undefined => {
  if (features.length === 0) return undefined
  const codes = [...new Set(features.map((f) => f.region))].join(", ")
  return {
    zh: `${features.length} 个 ${year} 年红线要素所属地区（${codes}）没有边界，未参与接缝检查。`,
    en: `${features.length} redline feature(s) of ${year} of regions without a boundary (${codes}) were left out of the seam check.`,
  }
}

/** The seam notes of a run, baseline year first. */
export const seamNotes = (ms: Measurements, c: SeamNoteContext): Array<I18nText> => {
  const years = [
    { year: c.baselineYear, seams: seamsInScope(ms.baselineSeams, c.scopeUnits), unassigned: ms.baselineUnassigned },
    { year: c.year, seams: seamsInScope(ms.seams, c.scopeUnits), unassigned: ms.unassigned },
  ]
  return years.flatMap(({ year, seams, unassigned: left }) => [wideGaps(year, seams, c), oneSided(year, seams, c), unassigned(year, left)].filter((n) => n !== undefined))
}
