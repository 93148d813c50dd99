/**
 * Numbers and times as reports show them: rounded to the indicator's decimals (half away from zero), ratios
 * stored as 0..1 shown as % where the indicator says `format: "percent"`, differences of percentages in
 * percentage points. Formatting happens here, at the edge; everything before works on full-precision values.
 */
import { type Lang, roundTo } from "@tijian/core"
import { text } from "./labels.js"

/** How an indicator's values are shown: its decimals and whether it is a 0..1 ratio shown as %. */
export interface NumberStyle {
  readonly decimals: number
  readonly format: "number" | "percent"
  /** The indicator's valid range, when known: chart axes stay inside it (a percent stays inside 0..1 regardless). */
  readonly range?: { readonly min?: number; readonly max?: number }
}

const locales: Readonly<Record<Lang, string>> = { zh: "zh-CN", en: "en-US" }

/** A number with exactly `decimals` places and digit grouping (e.g. 12,345.60). */
export const fixed = (value: number, decimals: number, lang: Lang = "en"): string => {
  const d = Math.max(0, Math.min(12, decimals))
  return new Intl.NumberFormat(locales[lang], { minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: true }).format(
    roundTo(value, d),
  )
}

/** Places shown for a ratio as a percentage: a 0..1 value with 3 decimals is a % with 1. */
const percentDecimals = (decimals: number) => Math.max(0, decimals - 2)

/**
 * A value of an indicator, as shown.
 *
 * @example
 * formatValue(80.89750000000001, { decimals: 2, format: "number" }, "en") // "80.90"
 * formatValue(0.214, { decimals: 3, format: "percent" }, "en")            // "21.4%"
 */
export const formatValue = (value: number | null | undefined, style: NumberStyle, lang: Lang): string => {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—"
  if (style.format === "percent") return `${fixed(value * 100, percentDecimals(style.decimals), lang)}%`
  return fixed(value, style.decimals, lang)
}

/**
 * A difference of two values of an indicator (a gap, a change), signed when `signed`; for percent indicators
 * in percentage points.
 *
 * @example
 * formatDifference(28.299999999999997, { decimals: 2, format: "number" }, "en", true) // "+28.30"
 * formatDifference(-0.05, { decimals: 3, format: "percent" }, "zh", true)            // "−5.0 个百分点"
 */
export const formatDifference = (value: number | null | undefined, style: NumberStyle, lang: Lang, signed = false): string => {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—"
  const percent = style.format === "percent"
  const decimals = percent ? percentDecimals(style.decimals) : style.decimals
  const shown = roundTo(percent ? value * 100 : value, decimals)
  const sign = shown > 0 && signed ? "+" : shown < 0 ? "−" : ""
  const body = `${sign}${fixed(Math.abs(shown), decimals, lang)}`
  return percent ? `${body} ${text.percentagePoints[lang]}` : body
}

/**
 * A share (0..1) as a percentage with `decimals` places.
 *
 * @example
 * formatShare(0.42105263157894735, "en") // "42%"
 */
export const formatShare = (share: number | null | undefined, lang: Lang, decimals = 0): string =>
  share === null || share === undefined || !Number.isFinite(share) ? "—" : `${fixed(share * 100, decimals, lang)}%`

/**
 * An annual rate: a CAGR (0..1) as % per year, or a linear change per year in the indicator's unit.
 *
 * @example
 * formatRate(0.04394823526023517, "cagr", { decimals: 2, format: "number" }, "en") // "+4.39%/yr"
 */
export const formatRate = (rate: number | undefined, method: "cagr" | "linear" | undefined, style: NumberStyle, lang: Lang): string => {
  if (rate === undefined || !Number.isFinite(rate)) return "—"
  if (method === "linear") return `${formatDifference(rate, style, lang, true)}${text.perYear[lang]}`
  const shown = roundTo(rate * 100, 2)
  const sign = shown > 0 ? "+" : shown < 0 ? "−" : ""
  return `${sign}${fixed(Math.abs(shown), 2, lang)}%${text.perYear[lang]}`
}

/**
 * An ISO time as `YYYY-MM-DD HH:MM UTC` (the same in both languages; times are stored in UTC).
 *
 * @example
 * formatTime("2024-01-01T00:00:00.000Z") // "2024-01-01 00:00 UTC"
 */
export const formatTime = (iso: string | null | undefined): string => {
  if (!iso) return "—"
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso)
  return m ? `${m[1]} ${m[2]} UTC` : iso
}

/**
 * A number in a plugin's table, whose columns carry no format: at most `decimals` places, trailing zeros
 * dropped.
 *
 * @example
 * formatCell(4.755, "en") // "4.76"
 * formatCell(0.25, "en")  // "0.25"
 */
export const formatCell = (value: number, lang: Lang, decimals = 2): string =>
  new Intl.NumberFormat(locales[lang], { maximumFractionDigits: decimals, useGrouping: true }).format(roundTo(value, decimals))

/**
 * A number in a plugin table's column: with the column's fixed `decimals` when it declares them (an indicator's
 * values, shown as everywhere else), else as `formatCell`.
 *
 * @example
 * formatColumnCell(80.5, { decimals: 2 }, "en") // "80.50"
 * formatColumnCell(0.25, {}, "en")              // "0.25"
 */
export const formatColumnCell = (value: number, column: { readonly decimals?: number | undefined }, lang: Lang): string =>
  column.decimals === undefined ? formatCell(value, lang) : fixed(value, column.decimals, lang)
