/**
 * Problems as an answer lists them: the first `LISTED_PROBLEMS` kept, every one counted, with the number of rows
 * they are in. A write of 200,000 bad rows answers with a bounded body (it was 25 MB), and the rows past the first
 * thousand problems cost a count, not a message each.
 */

/** The most problems an answer lists (their total is always given). */
export const LISTED_PROBLEMS = 1000

/** The first problems, how many there were, and in how many rows. */
export interface ListedProblems<P> {
  readonly listed: ReadonlyArray<P>
  readonly total: number
  readonly rows: number
}

/**
 * Lists `problems` (an iterable, so that a generator can make them one at a time): the first `LISTED_PROBLEMS`,
 * counted all, with the distinct rows (`index`) they name.
 *
 * @example
 * listProblems([{ index: 0, field: "year", message: "..." }, { index: 0, field: "value", message: "..." }]) // { listed: [2 problems], total: 2, rows: 1 }
 */
export const listProblems = <P extends { readonly index: number }>(problems: Iterable<P>): ListedProblems<P> => {
  const listed: Array<P> = []
  const rows = new Set<number>()
  let total = 0
  for (const p of problems) {
    total++
    rows.add(p.index)
    if (listed.length < LISTED_PROBLEMS) listed.push(p)
  }
  return { listed, total, rows: rows.size }
}

/**
 * How a refusal names its problems: "3 problem(s) in 2 row(s)", and when not all are listed, which are.
 *
 * @example
 * countedProblems({ listed: [...1000], total: 200000, rows: 200000 }) // "200000 problem(s) in 200000 row(s) (the first 1,000 are listed)"
 */
export const countedProblems = (p: ListedProblems<unknown>): string =>
  `${p.total} problem(s) in ${p.rows} row(s)${p.total > p.listed.length ? ` (the first ${LISTED_PROBLEMS.toLocaleString("en-US")} are listed)` : ""}`
