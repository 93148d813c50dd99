/**
 * Small collection helpers (in-place, linear).
 */

/** Appends `value` to the list under `key`, creating it. */
export const pushTo = <K, V>(map: Map<K, Array<V>>, key: K, value: V): void => {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** Groups `[key, value]` entries into lists, keys in first-seen order. */
export const groupEntries = <K, V>(entries: Iterable<readonly [K, V]>): Map<K, Array<V>> => {
  const m = new Map<K, Array<V>>()
  for (const [k, v] of entries) pushTo(m, k, v)
  return m
}
