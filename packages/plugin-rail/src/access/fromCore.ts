/**
 * Travel from the core: a range RAPTOR from the core stops at each departure of the window (latest first, labels
 * kept), giving the arrival at every stop for every departure.
 */
import { RaptorSearch } from "../raptor/RaptorSearch.js"
import type { Timetable } from "../raptor/Timetable.js"

/** Arrival (seconds, `INF` when unreached) at stop `s` for departure `d`: `arrivals[d * stopCount + s]`. */
export const arrivalsFromCore = (
  tt: Timetable,
  core: ReadonlyArray<number>,
  departuresS: ReadonlyArray<number>,
  options: { readonly horizonS: number; readonly maxTrips: number },
): Int32Array => {
  const n = tt.stopCount
  const out = new Int32Array(departuresS.length * n)
  const search = new RaptorSearch(tt, { maxTrips: options.maxTrips })
  for (let d = departuresS.length - 1; d >= 0; d--) {
    const t = departuresS[d]!
    search.run(
      core.map((stop) => ({ stop, timeS: t })),
      t + options.horizonS,
    )
    out.set(search.best, d * n)
  }
  return out
}
