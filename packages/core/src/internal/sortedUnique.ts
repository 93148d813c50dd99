/**
 * Sorted, de-duplicated lists of strings (revision ids), as `[...new Set(xs)].sort()` gives them: ascending by
 * UTF-16 code units. A list that arrives already strictly ascending — the usual case, as the engine gathers ids
 * cell by cell in key order — is checked in one pass and returned as it is, neither hashed into a set nor sorted;
 * so pass a list of your own, not one you share.
 *
 * @example
 * sortedUnique(["a/1/r1", "a/2/r1"]) // the same array (one pass)
 * sortedUnique(["b", "a", "b"])     // ["a", "b"]
 */
export const sortedUnique = (xs: Array<string>): Array<string> => {
  for (let i = 1; i < xs.length; i++) {
    if (!(xs[i - 1]! < xs[i]!)) return [...new Set(xs)].sort()
  }
  return xs
}
