/**
 * Seeded pseudo-random numbers, so sensitivity runs, generated benchmark data and property tests are repeatable.
 */

/**
 * Mulberry32: a small, fast PRNG; the same seed gives the same sequence of values in [0, 1).
 *
 * @example
 * const next = seededRandom(42)
 * next() // always the same first value for seed 42
 */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
