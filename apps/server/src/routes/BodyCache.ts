/**
 * The bytes served for pages and documents, kept in memory: a published edition's JSON or page, and a live
 * report in one format and language as of one change (see `liveReport.ts`). One cache per app, bounded by a byte
 * budget: the least recently used bodies go when a new one would exceed it. Loads of the same key at the same time
 * share one load.
 */

/** A body as served: its UTF-8 bytes (encoded once, not on every request), its ETag (quoted), its headers. */
export interface ServedBody {
  readonly bytes: Uint8Array<ArrayBuffer>
  readonly etag: string
  /** Headers served with the body (Content-Type, Content-Disposition), when the route does not set them itself. */
  readonly headers?: Readonly<Record<string, string>>
}

/** A body from the cache, and whether it was in memory (`hit`) or loaded for this request (`miss`). */
export interface CachedBody {
  readonly body: ServedBody
  readonly cache: "hit" | "miss"
}

/** A bounded, least-recently-used cache of served bodies. */
export interface BodyCache {
  /** The body cached under `key`, else `load()`'s (cached when it succeeds and fits; a failure is not cached). */
  readonly get: (key: string, load: () => Promise<ServedBody>) => Promise<CachedBody>
  /** How many bodies are cached. */
  readonly size: () => number
  /** The bytes held: every cached body's bytes plus its key's length. Never above `maxBytes`. */
  readonly bytes: () => number
  /** The budget, in bytes (0: nothing is kept). */
  readonly maxBytes: number
}

/** The default budget: 64 MiB (some 300 rendered YRD report pages). */
export const DEFAULT_BODY_CACHE_BYTES = 64 * 1024 * 1024

const costOf = (key: string, body: ServedBody) => body.bytes.byteLength + key.length

/**
 * Makes a cache holding at most `maxBytes` of bodies; a body larger than the budget is served but not kept.
 *
 * @example
 * const cache = makeBodyCache(64 * 1024 * 1024)
 * await cache.get("edition/YRD/2022/1/json", () => load("YRD", 2022, 1)) // { body, cache: "miss" }
 * await cache.get("edition/YRD/2022/1/json", () => load("YRD", 2022, 1)) // { body, cache: "hit" }, from memory
 */
export const makeBodyCache = (maxBytes: number = DEFAULT_BODY_CACHE_BYTES): BodyCache => {
  // A Map iterates in insertion order: re-inserting on each hit keeps the least recently used first.
  const entries = new Map<string, ServedBody>()
  const loading = new Map<string, Promise<ServedBody>>()
  let held = 0

  const keep = (key: string, body: ServedBody) => {
    const cost = costOf(key, body)
    if (cost > maxBytes) return
    const previous = entries.get(key)
    if (previous) {
      entries.delete(key)
      held -= costOf(key, previous)
    }
    while (held + cost > maxBytes) {
      const [oldest, old] = entries.entries().next().value!
      entries.delete(oldest)
      held -= costOf(oldest, old)
    }
    entries.set(key, body)
    held += cost
  }

  return {
    get: async (key, load) => {
      const hit = entries.get(key)
      if (hit) {
        entries.delete(key)
        entries.set(key, hit)
        return { body: hit, cache: "hit" }
      }
      let pending = loading.get(key)
      if (!pending) {
        pending = (async () => load())().then(
          (body) => {
            loading.delete(key)
            keep(key, body)
            return body
          },
          (error: unknown) => {
            loading.delete(key)
            throw error
          },
        )
        loading.set(key, pending)
      }
      return { body: await pending, cache: "miss" }
    },
    size: () => entries.size,
    bytes: () => held,
    maxBytes,
  }
}
