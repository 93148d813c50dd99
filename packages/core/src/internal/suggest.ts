/** Levenshtein distance, for "did you mean" suggestions. */
const distance = (a: string, b: string): number => {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!
    prev[0] = i
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1))
      diag = up
    }
  }
  return prev[b.length]!
}

/** The candidate closest to `text`, if it is within a third of the text's length in edits. */
export const closest = (text: string, candidates: ReadonlyArray<string>): string | undefined => {
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(text.length / 3)) + 1
  const lower = text.toLowerCase()
  for (const c of candidates) {
    const other = c.toLowerCase()
    // the distance is at least the difference in length: a candidate that far off cannot be closer
    if (Math.abs(other.length - lower.length) >= bestDistance) continue
    const d = distance(lower, other)
    if (d < bestDistance) {
      best = c
      bestDistance = d
    }
  }
  return best
}
