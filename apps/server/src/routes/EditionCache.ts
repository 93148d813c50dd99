/**
 * The bytes served for published editions, kept in memory: an edition never changes once published, so what
 * was served for it (its JSON, or its page in one language) is served again as is. Bounded: the least
 * recently used entry goes when a new one would exceed the capacity.
 */

/** A body as served: its UTF-8 bytes (encoded once, not on every request), with its ETag (quoted). */
export interface ServedBody {
  readonly bytes: Uint8Array<ArrayBuffer>
  readonly etag: string
}

/** A bounded, least-recently-used cache of served bodies. */
export interface EditionCache {
  /** The body cached under `key`, else `load()`'s (cached when it succeeds; a failure is not cached). */
  readonly get: (key: string, load: () => Promise<ServedBody>) => Promise<ServedBody>
  /** How many bodies are cached. */
  readonly size: () => number
}

/**
 * Makes a cache holding at most `capacity` bodies.
 *
 * @example
 * const cache = makeEditionCache(2)
 * await cache.get("YRD/2022/1/json", () => load("YRD", 2022, 1)) // loads
 * await cache.get("YRD/2022/1/json", () => load("YRD", 2022, 1)) // from memory
 */
export const makeEditionCache = (capacity: number): EditionCache => {
  // A Map iterates in insertion order: re-inserting on each hit keeps the least recently used first.
  const entries = new Map<string, ServedBody>()
  return {
    get: async (key, load) => {
      const hit = entries.get(key)
      if (hit) {
        entries.delete(key)
        entries.set(key, hit)
        return hit
      }
      const loaded = await load()
      entries.set(key, loaded)
      if (entries.size > capacity) entries.delete(entries.keys().next().value!)
      return loaded
    },
    size: () => entries.size,
  }
}
