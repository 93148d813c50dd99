/**
 * Choosing the language of a rendered report or page: `?lang=zh|en` wins, then the `Accept-Language` header
 * (highest quality first), then Chinese, the language of the plans.
 */
import type { Lang } from "@tijian/core"
import { DEFAULT_LANG, fromAcceptLanguage, LANGS } from "@tijian/report"
import { BadRequest } from "../errors.js"

const isLang = (s: string): s is Lang => (LANGS as ReadonlyArray<string>).includes(s)

/**
 * The language of a request: `lang` from the query, else from `Accept-Language`, else `DEFAULT_LANG`. An
 * unknown `lang` is a 400 naming the languages.
 */
export const chooseLang = (query: string | undefined, acceptLanguage: string | undefined): Lang => {
  if (query !== undefined) {
    if (isLang(query)) return query
    throw new BadRequest({ message: `lang must be one of ${LANGS.join(", ")}, not "${query}"`, details: { langs: LANGS } })
  }
  return fromAcceptLanguage(acceptLanguage) ?? DEFAULT_LANG
}
