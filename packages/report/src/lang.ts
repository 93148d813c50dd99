/**
 * The languages reports are rendered in, and reading a language from `Accept-Language` (highest quality first;
 * Chinese, the language of the plans, by default).
 */
import type { I18nText, Lang } from "@tijian/core"

/** The languages reports are rendered in. */
export const LANGS: ReadonlyArray<Lang> = ["zh", "en"]

/** The language used when neither the query nor the header chooses one. */
export const DEFAULT_LANG: Lang = "zh"

/** The HTML `lang` attribute of a language. */
export const htmlLang: Readonly<Record<Lang, string>> = { zh: "zh-CN", en: "en" }

const isLang = (s: string): s is Lang => (LANGS as ReadonlyArray<string>).includes(s)

/**
 * The first of our languages the `Accept-Language` header accepts, by quality (ties keep header order), or
 * undefined. `zh-CN`, `zh-Hans` and `zh-TW` all count as `zh`; `*` accepts the default.
 *
 * @example
 * fromAcceptLanguage("en-US,en;q=0.9,zh-CN;q=0.8") // "en"
 * fromAcceptLanguage("fr, zh;q=0.5, en;q=0.4")    // "zh"
 */
export const fromAcceptLanguage = (header: string | undefined): Lang | undefined => {
  if (!header) return undefined
  const ranges = header
    .split(",")
    .map((part, index) => {
      const [range = "", ...params] = part.trim().split(";")
      const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
      return { primary: range.trim().toLowerCase().split("-")[0] ?? "", q: q === undefined ? 1 : Number(q), index }
    })
    .filter((r) => r.q > 0 && Number.isFinite(r.q))
    .sort((a, b) => b.q - a.q || a.index - b.index)
  for (const r of ranges) {
    if (isLang(r.primary)) return r.primary
    if (r.primary === "*") return DEFAULT_LANG
  }
  return undefined
}

/** A bilingual text in one language. */
export const t = (text: I18nText, lang: Lang): string => text[lang]
