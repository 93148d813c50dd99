/**
 * Times are ISO-8601 UTC strings of one fixed form (`2024-02-20T00:00:00.000Z`), which sort as they compare.
 * Every time that enters core is normalised to that form.
 */

/**
 * The canonical form of a time given as an ISO date or date-time with a zone, or undefined when it is not one.
 *
 * @example
 * canonicalTime("2024-02-20T08:00:00+08:00") // "2024-02-20T00:00:00.000Z"
 * canonicalTime("2024-02-20")                 // "2024-02-20T00:00:00.000Z"
 * canonicalTime("2024-02-20T08:00:00")        // undefined: no zone, so its instant is ambiguous
 */
export const canonicalTime = (text: string): string | undefined => {
  if (!/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/.test(text)) return undefined
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}

/** The canonical form of a time that callers have already validated; a malformed one is a defect. */
export const unsafeCanonicalTime = (text: string): string => {
  const t = canonicalTime(text)
  if (t === undefined) throw new Error(`not an ISO-8601 time with a zone: "${text}"`)
  return t
}
