/**
 * `If-Match` on a cell's value (RFC 9110 §13.1.1): `*`, or a list of entity tags compared strongly with the
 * current value's ETag (`"3"` for revision 3). A weak tag (`W/"3"`) never matches, as the RFC requires for
 * If-Match; a tag that is well formed but names no current value (a stale or opaque one) is a 412, not a 400. Only
 * a header that is not a list of quoted tags is a 400.
 */
import { BadRequest, PreconditionFailed } from "../errors.js"

/** A parsed `If-Match`: any current value, or these tags. */
export type IfMatch = { readonly any: true } | { readonly any: false; readonly tags: ReadonlyArray<{ readonly opaque: string; readonly weak: boolean }> }

const TAG = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/

/**
 * Reads an `If-Match` header; a 400 when it is neither `*` nor a comma-separated list of entity tags.
 *
 * @example
 * parseIfMatch('"3", W/"4"') // { any: false, tags: [{ opaque: "3", weak: false }, { opaque: "4", weak: true }] }
 * parseIfMatch("*") // { any: true }
 */
export const parseIfMatch = (header: string): IfMatch => {
  if (header.trim() === "*") return { any: true }
  const parts = header.split(",").map((p) => p.trim()).filter((p) => p !== "")
  const tags = parts.map((p) => TAG.exec(p))
  if (parts.length === 0 || tags.some((t) => t === null)) {
    throw new BadRequest({
      message: `If-Match must be * or the ETag of the current value in double quotes (e.g. "3", as GET returned it), not ${header.slice(0, 100)}`,
    })
  }
  return { any: false, tags: tags.map((t) => ({ opaque: t![2]!, weak: t![1] !== undefined })) }
}

/**
 * The revision a write may replace, given the cell's current revision (undefined when it has none), or a 412 that
 * names the current ETag.
 *
 * @example
 * revisionIfMatched(parseIfMatch('"3"'), 3, "ecology.redline-area-km2 for 320509 in 2024") // 3
 * revisionIfMatched(parseIfMatch('W/"3"'), 3, "...") // throws PreconditionFailed (weak tags never match)
 */
export const revisionIfMatched = (condition: IfMatch, current: number | undefined, cell: string): number => {
  if (current === undefined) {
    throw new PreconditionFailed({
      message: `${cell} has no value yet, so If-Match cannot hold; send the first value without If-Match`,
      details: { etag: null },
    })
  }
  const etag = `"${current}"`
  if (condition.any || condition.tags.some((t) => !t.weak && t.opaque === String(current))) return current
  const weak = !condition.any && condition.tags.some((t) => t.weak && t.opaque === String(current))
  throw new PreconditionFailed({
    message:
      `${cell} is at revision ${current} (ETag ${etag}), which If-Match does not name` +
      (weak ? " (a weak tag W/... never matches for If-Match)" : "") +
      `; read it again and resend your change with If-Match: ${etag}`,
    details: { etag },
  })
}
