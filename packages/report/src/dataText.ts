/**
 * Choosing which text of registered data a page shows: sources, notes and agency names may exist in Chinese, in
 * English and as plain text of unknown language. A page shows its own language's text; else the plain text;
 * else the other language's, marked with that language so screen readers and fonts treat it right.
 */
import type { BilingualProvenance, Lang } from "@tijian/core"
import { h, type Html } from "./html.js"
import { htmlLang } from "./lang.js"

/** A text as given: plain (language unknown) and per language; any may be missing or empty. */
export interface DataTexts {
  readonly text?: string | null | undefined
  readonly zh?: string | null | undefined
  readonly en?: string | null | undefined
}

/** The text a page shows, and its language when it is not the page's (a fallback in the other language). */
export interface DataText {
  readonly text: string
  /** Null: the page's language, or plain text of unknown language. */
  readonly lang: Lang | null
}

const filled = (s: string | null | undefined): s is string => typeof s === "string" && s.trim().length > 0

/**
 * The text for a page in `lang`, or null when there is none. Plain text equal to the other language's text
 * counts as that language (the store keeps a plain fallback beside a bilingual write).
 *
 * @example
 * dataText({ text: "江苏统计年鉴", zh: "江苏统计年鉴", en: "Jiangsu Statistical Yearbook" }, "en") // { text: "Jiangsu Statistical Yearbook", lang: null }
 * dataText({ text: "江苏统计年鉴", zh: "江苏统计年鉴" }, "en")                                      // { text: "江苏统计年鉴", lang: "zh" }
 * dataText({ text: "statistical yearbook" }, "zh")                                                // { text: "statistical yearbook", lang: null }
 */
export const dataText = (texts: DataTexts, lang: Lang): DataText | null => {
  const otherLang: Lang = lang === "zh" ? "en" : "zh"
  const own = texts[lang]
  const other = texts[otherLang]
  if (filled(own)) return { text: own, lang: null }
  if (filled(texts.text) && texts.text !== other) return { text: texts.text, lang: null }
  if (filled(other)) return { text: other, lang: otherLang }
  return null
}

/** The source of a stored revision for a page in `lang` (always some text: the plain source is required). */
export const sourceText = (o: BilingualProvenance, lang: Lang): DataText =>
  dataText({ text: o.source, zh: o.sourceZh, en: o.sourceEn }, lang) ?? { text: o.source, lang: null }

/** The note of a stored revision for a page in `lang`, or null when it has none. */
export const noteText = (o: BilingualProvenance, lang: Lang): DataText | null =>
  dataText({ text: o.note, zh: o.noteZh, en: o.noteEn }, lang)

/**
 * The text as HTML: a fallback in the other language in `<span lang="…">`; `empty` (default "—") for none.
 *
 * @example
 * dataTextHtml({ text: "江苏统计年鉴", lang: "zh" }).toString() // '<span lang="zh-CN">江苏统计年鉴</span>'
 */
export const dataTextHtml = (t: DataText | null, empty = "—"): Html =>
  t === null ? h`${empty}` : t.lang === null ? h`${t.text}` : h`<span lang="${htmlLang[t.lang]}">${t.text}</span>`
