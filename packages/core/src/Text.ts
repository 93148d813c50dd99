/** A user-facing string in both Chinese and English. Every label a report shows is one of these. */
export interface I18nText {
  readonly zh: string
  readonly en: string
}

/** The languages reports are written in. */
export type Lang = "zh" | "en"

/** Picks one language of a bilingual text. */
export const pick = (text: I18nText, lang: Lang): string => text[lang]
