/**
 * Rows of a stop-to-stop travel-time matrix: one-to-all RAPTOR from each origin, summarised as checksums so
 * workers and the single-thread baseline can be compared without shipping 9 million cells around.
 */
import type { RaptorSearch } from "../src/raptor/RaptorSearch.js"
import { INF } from "../src/raptor/Timetable.js"

/** Pairs reached and the sum of their travel minutes. */
export interface MatrixSummary {
  readonly origins: number
  readonly pairsReached: number
  readonly totalMinutes: number
}

/** Computes the matrix rows of `origins` leaving at `departureS`. */
export const matrixRows = (search: RaptorSearch, origins: ArrayLike<number>, departureS: number): MatrixSummary => {
  let pairsReached = 0
  let totalMinutes = 0
  for (let i = 0; i < origins.length; i++) {
    search.reset()
    search.run([{ stop: origins[i]!, timeS: departureS }])
    const best = search.best
    for (let s = 0; s < best.length; s++) {
      if (best[s] !== INF) {
        pairsReached++
        totalMinutes += (best[s]! - departureS) / 60
      }
    }
  }
  return { origins: origins.length, pairsReached, totalMinutes }
}
