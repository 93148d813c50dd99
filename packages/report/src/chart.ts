/**
 * Inline SVG charts: the trend of an indicator over every year with a value, with its target (a dashed line,
 * or a shaded band) up to the target's due year and the path the target requires (dashed, from the baseline);
 * and a bar showing a share (attainment of a target, relative gap). Positions come from `scale.ts`; every size lives in `ChartLayout`. Colours come from the stylesheet's
 * classes; the target is also dashed and labelled, so the chart reads in greyscale.
 */
import type { Lang, SeriesPoint, TargetEvaluation } from "@tijian/core"
import { chartLegend, chartPhrases } from "./chartLabels.js"
import { phrases } from "./labels.js"
import { fixed, formatRate, formatValue, type NumberStyle } from "./format.js"
import { h, type Html } from "./html.js"
import { type Interval, linearScale, niceInterval, niceTicks, padInterval, tickStep } from "./scale.js"
import type { Trajectory } from "./trajectory.js"

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
  /** Baseline of the legend below the x axis's labels, from the axis; length of a legend's line sample. */
  readonly legendOffset: number
  readonly legendSample: number
  /** Half the width of the diamond marking the target in its due year. */
  readonly targetMark: number
}

/** The layout every report chart uses. */
export const defaultLayout: ChartLayout = {
  width: 520,
  height: 236,
  margin: { top: 18, right: 84, bottom: 46, left: 56 },
  yTicks: 5,
  xTicks: 6,
  pointRadius: 4,
  labelGap: 8,
  labelAllUpTo: 6,
  textMiddle: 4,
  lineHeight: 13,
  plotInset: 22,
  legendOffset: 38,
  legendSample: 18,
  targetMark: 5,
}

/** A target drawn on a chart: a line (`lo === hi`) or a band, up to its due year. */
export interface ChartTarget {
  readonly lo: number
  readonly hi: number
  readonly dueYear: number
}

/**
 * A target as a chart draws it: a band, or a line at its aim (the baseline's value for a red line), up to its due
 * year; null without a target or an aim.
 *
 * @example
 * chartTargetOf({ kind: "at-least", value: 100, dueYear: 2035, ... }) // { lo: 100, hi: 100, dueYear: 2035 }
 */
export const chartTargetOf = (t: TargetEvaluation | undefined): ChartTarget | null => {
  if (!t) return null
  if (t.kind === "band" && t.lo !== undefined && t.hi !== undefined) return { lo: t.lo, hi: t.hi, dueYear: t.dueYear }
  const aim = t.kind === "no-decrease-from-baseline" ? t.baseline?.value : t.value
  return aim === undefined ? null : { lo: aim, hi: aim, dueYear: t.dueYear }
}

/** A value of the series; `partial` when it was aggregated from too few members to be judged (drawn hollow). */
export type ChartPoint = SeriesPoint & { readonly partial?: boolean }

/** The observed annual rate the description quotes beside the required one. */
export interface ChartRate {
  readonly rate: number
  readonly method: "cagr" | "linear"
}

/** What a trend chart shows. */
export interface TrendChartInput {
  /** A unique base for the SVG's element ids. */
  readonly id: string
  /** The accessible name of the chart. */
  readonly title: string
  readonly points: ReadonlyArray<ChartPoint>
  readonly target: ChartTarget | null
  /** The path the target requires from its baseline (dashed), when there is one. */
  readonly trajectory?: Trajectory | null
  /** The observed rate, said in the description next to the required one. */
  readonly observed?: ChartRate | null
  readonly style: NumberStyle
  readonly lang: Lang
}

/** Decimal places that show every multiple of a tick step (1, 2 or 5 x 10^k) exactly. */
const stepDecimals = (step: number) => Math.max(0, Math.ceil(-Math.log10(step) - 1e-9))

const tickLabel = (value: number, step: number, style: NumberStyle, lang: Lang) =>
  style.format === "percent" ? `${fixed(value * 100, stepDecimals(step * 100), lang)}%` : fixed(value, stepDecimals(step), lang)

/**
 * The interval an indicator's values can take: its declared range, and for a percent also 0..1 (a share is
 * never below 0% or above 100%).
 */
export const validInterval = (style: NumberStyle): Interval => {
  const [lo, hi] = style.format === "percent" ? [0, 1] : [-Infinity, Infinity]
  return [Math.max(lo, style.range?.min ?? -Infinity), Math.min(hi, style.range?.max ?? Infinity)]
}

/** The y domain: round ticks around every value drawn, cut back to the indicator's valid interval. */
const valueDomain = (values: ReadonlyArray<number>, style: NumberStyle, ticks: number): Interval => {
  const [min, max] = validInterval(style)
  const [lo, hi] = niceInterval([Math.min(...values), Math.max(...values)], ticks)
  const clamped: Interval = [Math.max(lo, min), Math.min(hi, max)]
  return clamped[0] < clamped[1] ? clamped : [lo, hi]
}

/** Approximate width of a label in SVG units at 11px (CJK characters are square, Latin ones about half). */
const textWidth = (s: string) => [...s].reduce((w, c) => w + (c.codePointAt(0)! >= 0x2e80 ? 11 : 6.2), 0)

const at = (x: number, y: number) => `${x.toFixed(1)},${y.toFixed(1)}`

/**
 * The trend chart of one indicator, or null with fewer than two years to draw (a single value is shown as a
 * row, not a chart). With a target, the x axis runs to its due year; the required path (dashed) goes from the
 * target's baseline to its aim, the target is a dashed line up to its due year with a diamond there. The y axis
 * stays inside the indicator's valid range.
 *
 * @example
 * trendChart({ id: "c1", title: "Composite", points: [{ year: 2012, value: 52.66 }, { year: 2022, value: 80.96 }],
 *   target: { lo: 100, hi: 100, dueYear: 2035 }, trajectory: requiredTrajectory({ year: 2012, value: 52.66 }, 100, 2035),
 *   style: { decimals: 2, format: "number" }, lang: "en" })
 */
export const trendChart = (input: TrendChartInput, layout: ChartLayout = defaultLayout): Html | null => {
  const { points, target, style, lang } = input
  const trajectory = input.trajectory ?? null
  if (points.length < 2) return null
  const { width, height, margin } = layout
  const years = [...points.map((p) => p.year), ...(trajectory ? [trajectory.base.year, trajectory.dueYear] : [])]
  const firstYear = Math.min(...years)
  const lastYear = Math.max(...years, target?.dueYear ?? -Infinity)
  const values = [
    ...points.map((p) => p.value),
    ...(target ? [target.lo, target.hi] : []),
    ...(trajectory ? [trajectory.base.value, trajectory.aim] : []),
  ]
  const yDomain = valueDomain(values, style, layout.yTicks)
  const xDomain = padInterval([firstYear, lastYear])
  const x = linearScale(xDomain, [margin.left + layout.plotInset, width - margin.right - layout.plotInset])
  const y = linearScale(yDomain, [height - margin.bottom, margin.top])
  const yStep = tickStep(yDomain[0], yDomain[1], layout.yTicks)
  const yTicks = niceTicks(yDomain[0], yDomain[1], layout.yTicks)
  const xTicks = niceTicks(xDomain[0], xDomain[1], layout.xTicks).filter((t) => Number.isInteger(t))
  const sorted = [...points].sort((a, b) => a.year - b.year)
  const path = sorted.map((p) => at(x(p.year), y(p.value))).join(" ")
  const labelled = sorted.length <= layout.labelAllUpTo ? sorted : [sorted[0]!, sorted[sorted.length - 1]!]
  const [left, right, top, bottom] = [margin.left, width - margin.right, margin.top, height - margin.bottom]
  const value = (v: number) => formatValue(v, style, lang)
  const targetText = target
    ? phrases.chartTarget(target.lo === target.hi ? value(target.lo) : `${value(target.lo)}–${value(target.hi)}`)[lang]
    : null
  const partial = sorted.filter((p) => p.partial)
  const description = [
    sorted.map((p) => `${p.year}: ${value(p.value)}`).join("; "),
    partial.length > 0 ? chartPhrases.partial(partial.map((p) => String(p.year)).join(", "))[lang] : null,
    targetText ? `${targetText} (${target?.dueYear})` : null,
    trajectory ? chartPhrases.needs(formatRate(trajectory.rate, trajectory.method, style, lang), value(trajectory.aim), trajectory.dueYear)[lang] : null,
    trajectory && input.observed ? chartPhrases.observed(formatRate(input.observed.rate, input.observed.method, style, lang))[lang] : null,
  ]
    .filter((s) => s !== null)
    .join(lang === "zh" ? "；" : "; ")
  const targetLine = (v: number) => h`<line class="target" x1="${left}" x2="${x(target!.dueYear).toFixed(1)}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/>`
  const targetMark = target
    ? target.lo === target.hi
      ? targetLine(target.lo)
      : h`<rect class="target-band" x="${left}" width="${(x(target.dueYear) - left).toFixed(1)}" y="${y(target.hi).toFixed(1)}" height="${(y(target.lo) - y(target.hi)).toFixed(1)}"/>
${targetLine(target.hi)}
${targetLine(target.lo)}`
    : null
  const diamond = (cx: number, cy: number) => {
    const d = layout.targetMark
    return `M${at(cx, cy - d)} L${at(cx + d, cy)} L${at(cx, cy + d)} L${at(cx - d, cy)} Z`
  }
  const markValue = trajectory?.aim ?? (target && target.lo === target.hi ? target.lo : null)
  const targetDiamond =
    target && markValue !== null ? h`<path class="target-mark" d="${diamond(x(target.dueYear), y(markValue))}"/>` : null
  const targetLabel =
    target && targetText
      ? h`<text class="target-label" x="${(x(target.dueYear) + layout.labelGap).toFixed(1)}" y="${(y(target.hi) + layout.textMiddle).toFixed(1)}">${targetText}</text>
<text class="target-label" x="${(x(target.dueYear) + layout.labelGap).toFixed(1)}" y="${(y(target.hi) + layout.textMiddle + layout.lineHeight).toFixed(1)}">(${target.dueYear})</text>`
      : null
  // the legend, left to right below the x axis: a sample of each mark, then its name
  const legendY = bottom + layout.legendOffset
  const entries: Array<{ sample: (x0: number) => Html; label: string }> = [
    {
      sample: (x0) =>
        h`<line class="series-key" x1="${x0}" x2="${x0 + layout.legendSample}" y1="${legendY - layout.textMiddle}" y2="${legendY - layout.textMiddle}"/><circle class="point-key" cx="${x0 + layout.legendSample / 2}" cy="${legendY - layout.textMiddle}" r="${layout.pointRadius - 1}"/>`,
      label: chartLegend.observed[lang],
    },
  ]
  if (partial.length > 0)
    entries.push({
      sample: (x0) => h`<circle class="point-key partial" cx="${x0 + layout.legendSample / 2}" cy="${legendY - layout.textMiddle}" r="${layout.pointRadius - 1}"/>`,
      label: chartLegend.partial[lang],
    })
  if (trajectory)
    entries.push({
      sample: (x0) => h`<line class="trajectory-key" x1="${x0}" x2="${x0 + layout.legendSample}" y1="${legendY - layout.textMiddle}" y2="${legendY - layout.textMiddle}"/>`,
      label: chartLegend.required[lang],
    })
  if (target)
    entries.push({
      sample: (x0) =>
        h`<line class="target-key" x1="${x0}" x2="${x0 + layout.legendSample}" y1="${legendY - layout.textMiddle}" y2="${legendY - layout.textMiddle}"/>${markValue !== null ? h`<path class="target-mark-key" d="${diamond(x0 + layout.legendSample / 2, legendY - layout.textMiddle)}"/>` : null}`,
      label: chartLegend.target[lang],
    })
  let legendX = left
  const legend = entries.map((e) => {
    const x0 = legendX
    legendX += layout.legendSample + layout.labelGap / 2 + textWidth(e.label) + 2 * layout.labelGap
    return h`${e.sample(x0)}<text class="legend" x="${x0 + layout.legendSample + layout.labelGap / 2}" y="${legendY}">${e.label}</text>`
  })
  return h`<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${input.id}-title ${input.id}-desc" focusable="false">
<title id="${input.id}-title">${input.title}</title>
<desc id="${input.id}-desc">${description}</desc>
<g aria-hidden="true">
${yTicks.map(
  (t) => h`<line class="grid" x1="${left}" x2="${right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}"/>
<text class="tick" x="${left - layout.labelGap}" y="${(y(t) + layout.textMiddle).toFixed(1)}" text-anchor="end">${tickLabel(t, yStep, style, lang)}</text>`,
)}
<line class="axis" x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}"/>
${xTicks.map((t) => h`<text class="tick" x="${x(t).toFixed(1)}" y="${bottom + layout.labelGap + layout.lineHeight - layout.textMiddle}" text-anchor="middle">${String(t)}</text>`)}
${targetMark}${targetLabel}
${trajectory ? h`<polyline class="trajectory" points="${trajectory.points.map((p) => at(x(p.year), y(p.value))).join(" ")}"/>` : null}
${targetDiamond}
<polyline class="series" points="${path}"/>
${sorted.map((p) => h`<circle class="point${p.partial ? " partial" : ""}" cx="${x(p.year).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="${layout.pointRadius}"/>`)}
${labelled.map((p) => {
  const above = y(p.value) - layout.labelGap
  const ly = above < top + layout.lineHeight ? y(p.value) + layout.labelGap + layout.lineHeight : above
  return h`<text class="point-label" x="${x(p.year).toFixed(1)}" y="${ly.toFixed(1)}" text-anchor="middle">${value(p.value)}</text>`
})}
${legend}
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
