/**
 * Conditional GET over served bodies (RFC 9110 §13.1.2): a strong ETag made from the bytes, and `If-None-Match`
 * compared weakly, so a client that sends back the tag it was given (as is, or marked weak) gets a 304.
 */
import { createHash } from "node:crypto"

/**
 * The ETag of some bytes: their SHA-256, quoted.
 *
 * @example
 * etagOf(new TextEncoder().encode("abc")) // '"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"'
 */
export const etagOf = (bytes: Uint8Array): string => `"${createHash("sha256").update(bytes).digest("hex")}"`

/**
 * Whether an `If-None-Match` header names `etag` (weak comparison: `W/"x"` names `"x"`; `*` names any). Anything
 * that is not a tag (garbage) names nothing.
 *
 * @example
 * noneMatchHits('W/"abc", "def"', '"abc"') // true
 * noneMatchHits("abc", '"abc"') // false: not a quoted tag
 */
export const noneMatchHits = (header: string | undefined, etag: string): boolean =>
  header !== undefined &&
  header.split(",").some((tag) => {
    const t = tag.trim()
    return t === "*" || t.replace(/^W\//, "") === etag
  })
