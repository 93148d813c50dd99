/**
 * One indicator as a standalone SVG for other sites to embed (a ministry or city page showing a single figure, as
 * Open SDG users often ask): the indicator's name, the scope and year, the value with its unit, the judgement
 * against the primary target (glyph and words, never colour alone), the trend chart with the target and the
 * required path when there are two years or more, and the source of the value in the page's language. Styles are
 * inside the SVG, so it renders the same in an `<img>`, an `<object>` or on its own.
 */
import type { Evaluation, Lang } from "@tijian/core"
import { chartTargetOf, defaultLayout, trendChart } from "./chart.js"
import { dataText } from "./dataText.js"
import { primaryTarget, targetPhrase } from "./describe.js"
import { formatValue } from "./format.js"
import { h, type Html, trusted } from "./html.js"
import { progressGlyphs, progressLabels } from "./labels.js"
import type { ReportView } from "./ReportView.js"
import { targetTrajectory } from "./trajectory.js"

const WIDTH = defaultLayout.width
const HEAD = 112
const FOOT = 34

const labels = {
  noValue: { zh: "本年无数据", en: "no value for this year" },
  source: { zh: "来源：", en: "Source: " },
  noTarget: { zh: "无目标", en: "no target" },
  by: { zh: "tijian 体检 · 数据截至 ", en: "tijian · data as of " },
} as const

const STYLE = `
text { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; fill: #1f2328; }
.title { font-size: 16px; font-weight: 600; } .scope { font-size: 12px; fill: #59636e; } .value { font-size: 26px; font-weight: 700; }
.unit { font-size: 13px; fill: #59636e; } .status { font-size: 13px; font-weight: 600; } .target-text { font-size: 12px; fill: #59636e; }
.foot { font-size: 11px; fill: #59636e; }
.grid { stroke: #d8dee4; stroke-width: 1; } .axis { stroke: #59636e; stroke-width: 1; } .tick { fill: #59636e; font-size: 11px; }
.series, .series-key { fill: none; stroke: #0a3069; stroke-width: 2.5; } .point, .point-key { fill: #0a3069; stroke: #0a3069; stroke-width: 2; }
.point.partial, .point-key.partial { fill: #ffffff; } .trajectory, .trajectory-key { fill: none; stroke: #0a3069; stroke-width: 1.5; stroke-dasharray: 3 3; }
.target-mark, .target-mark-key { fill: #82071e; } .legend { fill: #1f2328; font-size: 11px; } .point-label { fill: #1f2328; font-size: 11px; font-weight: 600; }
.target, .target-key { stroke: #82071e; stroke-width: 1.5; stroke-dasharray: 6 4; fill: none; } .target-band { fill: #82071e; fill-opacity: .08; }
.target-label { fill: #82071e; font-size: 11px; }
`

/** The evaluation of `indicator` in the report, or undefined when the report does not carry it. */
const evaluationOf = (view: ReportView, indicator: string): Evaluation | undefined =>
  view.report.sections.flatMap((s) => s.evaluations).find((e) => e.indicator === indicator)

/** The chart's own `<svg>` placed at `y` with its natural size (a nested SVG without a size would fill the whole image). */
const placed = (chart: Html, y: number): Html =>
  trusted(chart.toString().replace("<svg ", `<svg x="0" y="${y}" width="${defaultLayout.width}" height="${defaultLayout.height}" `))

const truncate = (s: string, max: number) => ([...s].length > max ? `${[...s].slice(0, max - 1).join("")}…` : s)

/**
 * The SVG of one indicator of the report (see the module comment), or undefined when the report does not carry
 * the indicator (it does not apply to the scope).
 *
 * @example
 * embedSvg(view, "beauty.composite", "zh") // '<svg xmlns="http://www.w3.org/2000/svg" ...>...</svg>'
 */
export const embedSvg = (view: ReportView, indicator: string, lang: Lang): string | undefined => {
  const e = evaluationOf(view, indicator)
  if (e === undefined) return undefined
  const style = view.style(indicator)
  const year = view.report.year
  const target = primaryTarget(e, year)
  const status = target?.progress.status ?? (e.value === null ? null : e.progress.status)
  const chart =
    e.trend.length >= 2
      ? trendChart({
          id: `embed-${indicator.replace(/[^A-Za-z0-9-]/g, "-")}`,
          title: `${e.name[lang]} ${e.trend[0]!.year}–${e.trend.at(-1)!.year}`,
          points: e.trend,
          target: chartTargetOf(target),
          trajectory: target ? targetTrajectory(target) : null,
          style,
          lang,
        })
      : null
  const chartHeight = chart ? defaultLayout.height : 0
  const height = HEAD + chartHeight + FOOT
  const revision = view.revisions.find((r) => r.indicator === indicator && r.region === view.report.scope.code && r.year === year)
  const source = revision ? dataText({ text: revision.source, zh: revision.sourceZh, en: revision.sourceEn }, lang) : null
  const valueText = e.value === null ? labels.noValue[lang] : formatValue(e.value, style, lang)
  const statusText: Html | null =
    e.value === null
      ? null
      : status === null
        ? null
        : h`<tspan class="status">${progressGlyphs[status]} ${progressLabels[status][lang]}</tspan>`
  const title = `${e.name[lang]} · ${view.report.scope.name[lang]} ${year}`
  return h`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="t d" lang="${lang === "zh" ? "zh-CN" : "en"}">
<title id="t">${title}</title>
<desc id="d">${valueText}${e.value === null ? "" : ` ${e.unit[lang]}`}${status ? `; ${progressLabels[status][lang]}` : ""}${target ? `; ${targetPhrase(target, style, lang)}` : ""}</desc>
<style>${STYLE}</style>
<rect width="100%" height="100%" fill="#ffffff"/>
<text class="title" x="16" y="26">${truncate(e.name[lang], lang === "zh" ? 30 : 56)}</text>
<text class="scope" x="16" y="44">${view.report.scope.name[lang]} · ${year}</text>
<text x="16" y="98"><tspan class="value">${valueText}</tspan>${e.value === null ? null : h`<tspan class="unit" dx="6">${e.unit[lang]}</tspan>`}${statusText ? h`<tspan dx="14">${statusText}</tspan>` : null}</text>
<text class="target-text" x="16" y="62">${target ? truncate(targetPhrase(target, style, lang), 70) : labels.noTarget[lang]}</text>
${chart ? placed(chart, HEAD) : null}
<text class="foot" x="16" y="${height - 12}">${source ? `${labels.source[lang]}${truncate(source.text, 60)}` : ""}</text>
<text class="foot" x="${WIDTH - 16}" y="${height - 12}" text-anchor="end">${labels.by[lang]}${view.report.provenance.asOf.slice(0, 10)}</text>
</svg>`.toString()
}
