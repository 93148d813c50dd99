/**
 * Sources and notes in two languages as agencies send them: in JSON a plain string (as before) or
 * `{ "zh": "…", "en": "…" }` (either key optional, at least one with text); in a file the columns `source_zh`,
 * `source_en`, `note_zh`, `note_en` beside `source` and `note`. Stored as the plain text (the fallback of a
 * language not given) and the text of each language given.
 */
import type { NewObservation } from "@tijian/core"
import { Schema } from "effect"

/** The per-language fields of a row, as the store names them. */
export const TRANSLATED_FIELDS = ["sourceZh", "sourceEn", "noteZh", "noteEn"] as const
export type TranslatedField = (typeof TRANSLATED_FIELDS)[number]

/** How a field is named to the sender: in JSON (`source.zh`) or as a file column (`source_zh`). */
export const translatedFieldName = (field: TranslatedField, form: "json" | "file"): string => {
  const [base, lang] = [field.slice(0, -2), field.slice(-2).toLowerCase()]
  return form === "json" ? `${base}.${lang}` : `${base}_${lang}`
}

const filled = (s: string | undefined): s is string => s !== undefined && s.trim() !== ""

/** What is wrong with a value sent as `field` (a source or note) that is neither text nor `{zh, en}` with text. */
const problem = (field: string, actual: unknown): string => {
  if (typeof actual !== "object" || actual === null || Array.isArray(actual)) return `${field} must be text or {"zh": "…", "en": "…"}`
  const given = actual as Record<string, unknown>
  for (const lang of ["zh", "en"]) if (given[lang] !== undefined && typeof given[lang] !== "string") return `${field}.${lang} must be text`
  const others = Object.keys(given).filter((k) => k !== "zh" && k !== "en")
  if (others.length > 0) return `${field} takes the keys zh and en, not ${others.join(", ")}`
  return `${field} needs text in zh or en`
}

/**
 * The JSON schema of a source or note: text, or text per language. A bad value fails with one message naming
 * the field (`source.zh must be text`).
 *
 * @example
 * Schema.decodeUnknownSync(BilingualText("source"))({ zh: "江苏统计年鉴2023", en: "Jiangsu Statistical Yearbook 2023" })
 */
export const BilingualText = (field: "source" | "note") =>
  Schema.Union(
    Schema.String,
    Schema.Struct({ zh: Schema.optionalWith(Schema.String, { exact: true }), en: Schema.optionalWith(Schema.String, { exact: true }) }).pipe(
      Schema.filter((t) => filled(t.zh) || filled(t.en)),
    ),
  ).annotations({
    description: 'Text as given (any language), or {"zh", "en"}: the text in Chinese and in English (either may be left out, not both)',
    message: (issue) => ({ message: problem(field, issue.actual), override: true }),
  })

/** A source or note as decoded from JSON. */
export type BilingualTextValue = string | { readonly zh?: string; readonly en?: string }

/** Text sent plainly and per language, for one field. */
export interface SplitText {
  readonly plain?: string | undefined
  readonly zh?: string | undefined
  readonly en?: string | undefined
}

/**
 * A decoded JSON value split into plain text and text per language (blank texts left out).
 *
 * @example
 * splitText({ zh: "统计年鉴", en: " " }) // { zh: "统计年鉴" }
 */
export const splitText = (value: BilingualTextValue | undefined): SplitText =>
  value === undefined ? {} : typeof value === "string" ? { plain: value } : { ...(filled(value.zh) ? { zh: value.zh } : {}), ...(filled(value.en) ? { en: value.en } : {}) }

/** A row's source and note as sent: plain and per language, each possibly missing (see `IncomingRow`). */
export interface SentTexts {
  readonly source?: string | undefined
  readonly note?: string | undefined
  readonly sourceZh?: string | undefined
  readonly sourceEn?: string | undefined
  readonly noteZh?: string | undefined
  readonly noteEn?: string | undefined
}

/**
 * The source and note fields as the store takes them: the plain text as sent (a note even when blank, as
 * before), else the Chinese, else the English text (so readers that know only `source` still see one), else `defaultSource`; each language given kept.
 *
 * @example
 * storedTexts({ sourceEn: "Jiangsu Statistical Yearbook" }, "registered via the tijian API")
 * // { source: "Jiangsu Statistical Yearbook", note: undefined, sourceZh: null, sourceEn: "Jiangsu Statistical Yearbook", noteZh: null, noteEn: null }
 */
export const storedTexts = (
  sent: SentTexts,
  defaultSource: string,
): Pick<NewObservation, "source" | "note" | "sourceZh" | "sourceEn" | "noteZh" | "noteEn"> => ({
  source: [sent.source, sent.sourceZh, sent.sourceEn].find(filled) ?? defaultSource,
  note: sent.note ?? [sent.noteZh, sent.noteEn].find(filled),
  sourceZh: sent.sourceZh ?? null,
  sourceEn: sent.sourceEn ?? null,
  noteZh: sent.noteZh ?? null,
  noteEn: sent.noteEn ?? null,
})
