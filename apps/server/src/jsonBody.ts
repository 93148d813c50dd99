/**
 * Reading a JSON request body the way every JSON route needs it: the media type checked (415), the declared
 * charset honoured (UTF-8 by default; any other label the WHATWG Encoding Standard knows, such as ISO-8859-1 or
 * GB18030, is decoded as declared; an unknown label is a 415), bytes that are not valid in that charset refused
 * with the byte offset (400), a leading BOM dropped, and nesting bounded (400 past `MAX_JSON_DEPTH`) before any
 * Schema walks the value, so a small body of 4,000 nested arrays cannot overflow the stack.
 */
import type { Context } from "hono"
import { BadRequest, UnsupportedMediaType } from "./errors.js"
import type { AppEnv } from "./http.js"
import { readBodyBytes } from "./import/requestBody.js"

/** The deepest nesting of arrays and objects accepted: far beyond any body of this API (observations are 3 deep). */
export const MAX_JSON_DEPTH = 64

/**
 * How deep `text`'s arrays and objects nest (0 for a scalar), counted on the text without recursion, stopping as
 * soon as `limit` is passed. Brackets inside strings do not count.
 *
 * @example
 * jsonDepth('{"a": [1, [2]]}', 64) // 3
 */
export const jsonDepth = (text: string, limit: number): number => {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (inString) {
      if (ch === 0x5c) i++ // backslash: skip the escaped character
      else if (ch === 0x22) inString = false
    } else if (ch === 0x22) inString = true
    else if (ch === 0x5b || ch === 0x7b) {
      depth++
      if (depth > deepest) deepest = depth
      if (deepest > limit) return deepest
    } else if (ch === 0x5d || ch === 0x7d) depth--
  }
  return deepest
}

/** The charset a Content-Type declares, lower-cased, or undefined. */
const charsetOf = (type: string): string | undefined => /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(type)?.[1]?.toLowerCase()

/** What a JSON route accepts and how it says so. */
export interface JsonBodyOptions {
  /** The media types accepted, e.g. `/^application\/json\b/i`. Default: application/json. */
  readonly accepts?: RegExp
  /** The 415 message when the type is not accepted; `${type}` is what was sent. */
  readonly wrongType: (type: string) => string
  /** The largest body, in bytes (413 past it). */
  readonly maxBytes: number
}

/**
 * The parsed body (see the module comment): 415 for another media type or an unknown charset, 413 past `maxBytes`,
 * 400 for bytes not valid in the charset, text that is not JSON, or nesting deeper than `MAX_JSON_DEPTH`.
 *
 * @example
 * const body = await readJsonBody(c, { wrongType: (t) => `send JSON (got "${t}")`, maxBytes: 1 << 20 })
 */
export const readJsonBody = async (c: Context<AppEnv>, options: JsonBodyOptions): Promise<unknown> => {
  const type = c.req.header("content-type") ?? ""
  if (!(options.accepts ?? /^application\/json\b/i).test(type.trim())) throw new UnsupportedMediaType({ message: options.wrongType(type || "none") })
  const charset = charsetOf(type) ?? "utf-8"
  let decoder: InstanceType<typeof TextDecoder>
  try {
    decoder = new TextDecoder(charset, { fatal: true })
  } catch {
    throw new UnsupportedMediaType({ message: `charset "${charset}" is not one this server can decode; send the JSON as UTF-8 (Content-Type: application/json; charset=utf-8)` })
  }
  const bytes = await readBodyBytes(c.req.raw, options.maxBytes)
  let text: string
  try {
    text = decoder.decode(bytes)
  } catch {
    const valid = new TextDecoder(charset).decode(bytes).indexOf("\uFFFD")
    throw new BadRequest({
      message: `the body is not valid ${decoder.encoding.toUpperCase()}${valid >= 0 ? ` (near character ${valid + 1})` : ""}; save it as UTF-8, or declare its real charset in Content-Type`,
    })
  }
  const depth = jsonDepth(text, MAX_JSON_DEPTH)
  if (depth > MAX_JSON_DEPTH) {
    throw new BadRequest({ message: `the JSON nests arrays and objects more than ${MAX_JSON_DEPTH} deep; this API's bodies nest at most a few levels` })
  }
  try {
    return JSON.parse(text) as unknown
  } catch (e) {
    throw new BadRequest({ message: `the body is not valid JSON: ${e instanceof Error ? e.message : String(e)}` })
  }
}
