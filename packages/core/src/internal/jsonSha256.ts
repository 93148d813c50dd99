/**
 * The SHA-256 of a value's JSON — exactly the UTF-8 bytes of `JSON.stringify(value)` — computed piece by piece,
 * so the whole text is never built. For a report of ~550 KB, building the one string and then handing it to the
 * hash (which first copies V8's rope of string parts into one flat string, in fresh large-object memory) costs
 * more than the serialisation itself; pieces of a few KB are flattened cheaply in young memory.
 *
 * The outer levels (`depth` of them, and long arrays at any level) are written here with JSON's own rules (keys
 * in `Object.keys` order, quoted by `JSON.stringify`; `undefined`, functions and symbols skipped in objects and
 * `null` in arrays); everything below, and anything with a `toJSON` or a prototype of its own, is serialised by
 * `JSON.stringify` itself. Piece boundaries fall between JSON tokens, and `JSON.stringify` escapes lone
 * surrogates, so the UTF-8 of the pieces concatenates to the UTF-8 of the whole.
 *
 * @example
 * jsonSha256({ a: [1, "二"] }) === createHash("sha256").update(JSON.stringify({ a: [1, "二"] })).digest("hex") // true
 */
import { createHash } from "node:crypto"

/** Report -> sections -> one section -> its evaluations -> one evaluation per `JSON.stringify` call. */
const DEFAULT_DEPTH = 4

/** Text at least this long goes to the hash as it is; shorter tokens are gathered up to `GATHER_LIMIT` first. */
const DIRECT_AT = 256
const GATHER_LIMIT = 16_384

/** Arrays longer than this are written element by element at any depth (e.g. a plugin's large table). */
const LONG_ARRAY = 256

const isPlainObject = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/**
 * The SHA-256 (hex) of `JSON.stringify(value)` as UTF-8. Throws where `JSON.stringify` would (a cycle, a BigInt),
 * and a `TypeError` when the value has no JSON text (`undefined`, a function).
 */
export const jsonSha256 = (value: unknown, depth: number = DEFAULT_DEPTH): string => {
  const hash = createHash("sha256")
  let pending = ""
  const flush = () => {
    if (pending === "") return
    hash.update(pending, "utf8")
    pending = ""
  }
  const emit = (text: string) => {
    if (text.length >= DIRECT_AT) {
      flush()
      hash.update(text, "utf8")
    } else {
      pending += text
      if (pending.length >= GATHER_LIMIT) flush()
    }
  }
  /** Writes `v`; false when it has no JSON text (the caller skips the property or writes `null`). */
  const write = (v: unknown, levels: number): boolean => {
    if (typeof v === "object" && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== "function") {
      if (Array.isArray(v) && (levels > 0 || v.length > LONG_ARRAY)) {
        emit("[")
        for (let i = 0; i < v.length; i++) {
          if (i > 0) emit(",")
          if (!write(v[i], levels - 1)) emit("null")
        }
        emit("]")
        return true
      }
      if (levels > 0 && !Array.isArray(v) && isPlainObject(v)) {
        const record = v as Record<string, unknown>
        let first = true
        emit("{")
        for (const key of Object.keys(record)) {
          const x = record[key]
          if (x === undefined || typeof x === "function" || typeof x === "symbol") continue
          emit(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`)
          first = false
          write(x, levels - 1)
        }
        emit("}")
        return true
      }
    }
    const text = JSON.stringify(v) as string | undefined
    if (text === undefined) return false
    emit(text)
    return true
  }
  if (!write(value, depth)) throw new TypeError(`${typeof value} has no JSON text to hash`)
  flush()
  return hash.digest("hex")
}
