/**
 * The words of a committed calculator run's caption in a report section (HTML and Markdown): which calculator, when and
 * by whom it was committed, each input file with its short SHA-256, the parameters.
 */
import type { I18nText, Lang, SectionCalculatorRun } from "@tijian/core"

/** How many hex digits of an input's SHA-256 a caption shows (as the values' source lines do). */
export const SHORT_SHA256 = 12

export const calculatorRunLabels = {
  heading: { zh: "计算器运行", en: "Calculator run" },
  inputs: { zh: "输入文件", en: "Inputs" },
  params: { zh: "参数", en: "Parameters" },
  none: { zh: "无", en: "none" },
  noTables: { zh: "本次运行未产生表格。", en: "The run produced no table." },
  /** "committed {time} by {agency}" / "{agency} 于 {time} 提交", in pieces, so a page can mark the agency's name up. */
  committed: <A>(time: string, agency: A, lang: Lang): ReadonlyArray<string | A> => (lang === "zh" ? [agency, ` 于 ${time} 提交`] : [`Committed ${time} by `, agency]),
  /** " (48 bytes, SHA-256 {hash})" / "（48 字节，SHA-256 {hash}）" after a file name, in pieces, so a page can mark the hash up. */
  fileFacts: <A>(size: string, hash: A, lang: Lang): ReadonlyArray<string | A> => (lang === "zh" ? [`（${size}，SHA-256 `, hash, "）"] : [` (${size}, SHA-256 `, hash, ")"]),
  pluginVersion: (version: string): I18nText => ({ zh: `插件版本 ${version}`, en: `plugin version ${version}` }),
  valuesStored: (n: number): I18nText => ({ zh: `新存储 ${n} 个数值`, en: n === 1 ? "1 new value stored" : `${n} new values stored` }),
  bytes: (n: number): I18nText => ({ zh: `${n.toLocaleString("zh-CN")} 字节`, en: `${n.toLocaleString("en-US")} bytes` }),
} as const

/** A parameter's value as text: a list joined by commas (an empty one as a dash), a text as is, anything else as JSON. */
export const paramText = (value: unknown): string =>
  typeof value === "string"
    ? value
    : Array.isArray(value) && value.every((v) => typeof v === "string")
      ? value.length === 0
        ? "—" // an empty list (e.g. every route type), not a blank after "="
        : value.join(", ")
      : typeof value === "number" || typeof value === "boolean"
        ? String(value)
        : (JSON.stringify(value) ?? String(value))

/** The run's parameters as `name = value` pairs, in the order given. */
export const paramPairs = (run: SectionCalculatorRun): ReadonlyArray<readonly [string, string]> =>
  Object.entries(run.params).map(([name, value]) => [name, paramText(value)] as const)

/** Each input's name, file name, size in words and SHA-256 (whole, and the first `SHORT_SHA256` digits). */
export const inputParts = (run: SectionCalculatorRun, lang: Lang) =>
  run.inputs.map((i) => ({ name: i.name, filename: i.filename, size: calculatorRunLabels.bytes(i.bytes)[lang], sha256: i.sha256, short: i.sha256.slice(0, SHORT_SHA256) }))
