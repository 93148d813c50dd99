/**
 * Inline SVG charts: the trend of an indicator over every year with a value, with its target (a dashed line,
 * or a shaded band) up to the target's due year; and a bar showing a share (attainment of a target, relative
 * gap). Positions come from `scale.ts`; every size lives in `ChartLayout`. Colours come from the stylesheet's
 * classes; the target is also dashed and labelled, so the chart reads in greyscale.
 */
import type { Lang, SeriesPoint } from "@tijian/core"
import { phrases } from "./labels.js"
import { fixed, formatValue, type NumberStyle } from "./format.js"
import { h, type Html } from "./html.js"
import { linearScale, niceInterval, niceTicks, padInterval, tickStep } from "./scale.js"

/** Sizes of a trend chart, in SVG user units. */
export interface ChartLayout {
  readonly width: number
  readonly height: number
  readonly margin: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number }
  readonly yTicks: number
  readonly xTicks: number
  readonly pointRadius: number
  /** Distance of a value label from its point, and of tick labels from the axis. */
  readonly labelGap: number
  /** Points labelled with their value when there are at most this many. */
  readonly labelAllUpTo: number
  /** Offset that centres a label's text vertically on a position, and the height of a line of label text. */
  readonly textMiddle: number
  readonly lineHeight: number
  /** Space between the y axis (and the right edge) and the first (last) year, so points clear the tick labels. */
  readonly plotInset: number
}

/** The layout every report chart uses. */
export const defaultLayout: ChartLayout = {
  width: 520,
  height: 220,
  margin: { top: 18, right: 84, bottom: 30, left: 56 },
  yTicks: 5,
  xTicks: 6,
  pointRadius: 4,
  labelGap: 8,
  labelAllUpTo: 6,
  textMiddle: 4,
  lineHeight: 13,
  plotInset: 22,
}

/** A target drawn on a chart: a line (`lo === hi`) or a band, up to its due year. */
export interface ChartTarget {
  readonly lo: number
  readonly hi: number
  readonly dueYear: number
}

/** What a trend chart shows. */
export interface TrendChartInput {
  /** A unique base for the SVG's element ids. */
  readonly id: string
  /** The accessible name of the chart. */
  readonly title: string
  readonly points: ReadonlyArray<SeriesPoint>
  readonly target: ChartTarget | null
  readonly style: NumberStyle
  readonly lang: Lang
}

/** Decimal places that show every multiple of a tick step (1, 2 or 5 x 10^k) exactly. */
const stepDecimals = (step: number) => Math.max(0, Math.ceil(-Math.log10(step) - 1e-9))

const tickLabel = (value: number, step: number, style: NumberStyle, lang: Lang) =>
  style.format === "percent" ? `${fixed(value * 100, stepDecimals(step * 100), lang)}%` : fixed(value, stepDecimals(step), lang)

/**
 * The trend chart of one indicator, or null when there is no point to draw.
 *
 * @example
 * trendChart({ id: "c1", title: "Composite", points: [{ year: 2012, value: 52.66 }, { year: 2022, value: 80.96 }],
 *   target: { lo: 100, hi: 100, dueYear: 2035 }, style: { decimals: 2, format: "number" }, lang: "en" })
 */
export const trendChart = (input: TrendChartInput, layout: ChartLayout = defaultLayout): Html | null => {
  const { points, target, style, lang } = input
  if (points.length === 0) return null
  const { width, height, margin } = layout
  const years = points.map((p) => p.year)
  const firstYear = Math.min(...years)
  const lastYear = Math.max(...years, target?.dueYear ?? -Infinity)
  const values = [...points.map((p) => p.value), ...(target ? [target.lo, target.hi] : [])]
  const yDomain = niceInterval([Math.min(...values), Math.max(...values)], layout.yTicks)
  // A single year: one year either side (padding by 10% of the value suits values, not years).
  const xDomain = padInterval(firstYear === lastYear ? [firstYear - 1, lastYear + 1] : [firstYear, lastYear])
  const x = linearScale(xDomain, [margin.left + layout.plotInset, width - margin.right - layout.plotInset])
  const y = linearScale(yDomain, [height - margin.bottom, margin.top])
  const yStep = tickStep(yDomain[0], yDomain[1], layout.yTicks)
  const yTicks = niceTicks(yDomain[0], yDomain[1], layout.yTicks)
  const xTicks = niceTicks(xDomain[0], xDomain[1], layout.xTicks).filter((t) => Number.isInteger(t))
  const sorted = [...points].sort((a, b) => a.year - b.year)
  const path = sorted.map((p) => `${x(p.year).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ")
  const labelled = sorted.length <= layout.labelAllUpTo ? sorted : [sorted[0]!, sorted[sorted.length - 1]!]
  const [left, right, top, bottom] = [margin.left, width - margin.right, margin.top, height - margin.bottom]
  const description = sorted.map((p) => `${p.year}: ${formatValue(p.value, style, lang)}`).join("; ")
  const targetText = target
    ? phrases.chartTarget(
        target.lo === target.hi ? formatValue(target.lo, style, lang) : `${formatValue(target.lo, style, lang)}–${formatValue(target.hi, style, lang)}`,
      )[lang]
    : null
  const targetMark = target
    ? target.lo === target.hi
      ? h`<line class="target" x1="${left}" x2="${x(target.dueYear).toFixed(1)}" y1="${y(target.lo).toFixed(1)}" y2="${y(target.lo).toFixed(1)}"/>`
      : h`<rect class="target-band" x="${left}" width="${(x(target.dueYear) - left).toFixed(1)}" y="${y(target.hi).toFixed(1)}" height="${(y(target.lo) - y(target.hi)).toFixed(1)}"/>
<line class="target" x1="${left}" x2="${x(target.dueYear).toFixed(1)}" y1="${y(target.hi).toFixed(1)}" y2="${y(target.hi).toFixed(1)}"/>
<line class="target" x1="${left}" x2="${x(target.dueYear).toFixed(1)}" y1="${y(target.lo).toFixed(1)}" y2="${y(target.lo).toFixed(1)}"/>`
    : null
  const targetLabel =
    target && targetText
      ? h`<text class="target-label" x="${(x(target.dueYear) + layout.labelGap / 2).toFixed(1)}" y="${(y(target.hi) + layout.textMiddle).toFixed(1)}">${targetText}</text>
<text class="target-label" x="${(x(target.dueYear) + layout.labelGap / 2).toFixed(1)}" y="${(y(target.hi) + layout.textMiddle + layout.lineHeight).toFixed(1)}">(${target.dueYear})</text>`
      : null
  return h`<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${input.id}-title ${input.id}-desc" focusable="false">
<title id="${input.id}-title">${input.title}</title>
<desc id="${input.id}-desc">${description}${targetText ? `; ${targetText} (${target?.dueYear})` : ""}</desc>
<g aria-hidden="true">
${yTicks.map(
  (t) => h`<line class="grid" x1="${left}" x2="${right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}"/>
<text class="tick" x="${left - layout.labelGap}" y="${(y(t) + layout.textMiddle).toFixed(1)}" text-anchor="end">${tickLabel(t, yStep, style, lang)}</text>`,
)}
<line class="axis" x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}"/>
${xTicks.map((t) => h`<text class="tick" x="${x(t).toFixed(1)}" y="${bottom + layout.labelGap + layout.lineHeight - layout.textMiddle}" text-anchor="middle">${String(t)}</text>`)}
${targetMark}${targetLabel}
${sorted.length > 1 ? h`<polyline class="series" points="${path}"/>` : null}
${sorted.map((p) => h`<circle class="point" cx="${x(p.year).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="${layout.pointRadius}"/>`)}
${labelled.map((p) => {
  const above = y(p.value) - layout.labelGap
  const ly = above < top + layout.lineHeight ? y(p.value) + layout.labelGap + layout.lineHeight : above
  return h`<text class="point-label" x="${x(p.year).toFixed(1)}" y="${ly.toFixed(1)}" text-anchor="middle">${formatValue(p.value, style, lang)}</text>`
})}
</g>
</svg>`
}

/**
 * A bar showing a share (0..1, clamped) with its text beside it; the bar itself is decorative (`aria-hidden`),
 * the text says the number.
 *
 * @example
 * shareBar(0.8096, "81.0%") // a bar 81% filled, then "81.0%"
 */
export const shareBar = (share: number | null, label: string): Html => {
  if (share === null || !Number.isFinite(share)) return h`<span class="muted">—</span>`
  const filled = Math.max(0, Math.min(1, share)) * 100
  return h`<span class="bar"><svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
<rect class="bar-track" x="0" y="0" width="100" height="10"/><rect class="bar-fill" x="0" y="0" width="${filled.toFixed(1)}" height="10"/>
</svg><span>${label}</span></span>`
}
