/**
 * RAPTOR (Delling, Pajor, Werneck 2012): earliest arrival from one or more source stops to every stop, in rounds:
 * round k finds the best arrivals using exactly k trips (k - 1 transfers). Between rounds, a stop's boarding time is
 * its arrival plus its minimum transfer time, and footpaths carry arrivals to nearby stops.
 *
 * Range mode (rRAPTOR): call `reset()` once, then `run` for departure times from the latest to the earliest;
 * labels are kept between runs (an earlier departure can always wait for a later one), so each run only does the
 * work its earlier departure adds. After each run, `best` holds the earliest arrival for that departure.
 */
import { INF, NO_TRANSFER, type Timetable } from "./Timetable.js"

/** A source of a search: a stop and the time the traveller is there, ready to board. */
export interface RaptorSource {
  readonly stop: number
  readonly timeS: number
}

/** Search options. */
export interface RaptorOptions {
  /** The most trips a journey may use (transfers + 1). Default 5. `Infinity`: rounds go on until no arrival improves. */
  readonly maxTrips?: number
}

/** A reusable search over one timetable (buffers are allocated once). */
export class RaptorSearch {
  /** Earliest arrival per stop over every round (`INF` where unreached), for the last `run`. */
  readonly best: Int32Array
  private readonly ready: Array<Int32Array>
  private readonly marked: Uint8Array
  private readonly markedList: Int32Array
  private markedCount = 0
  private readonly improved: Uint8Array
  private readonly improvedList: Int32Array
  private readonly queue: Int32Array
  private readonly queued: Int32Array
  readonly maxTrips: number

  constructor(
    readonly timetable: Timetable,
    options: RaptorOptions = {},
  ) {
    const n = timetable.stopCount
    this.maxTrips = options.maxTrips ?? 5
    this.best = new Int32Array(n)
    // One label array per round, added as rounds are reached (an unlimited search allocates only the rounds it runs).
    this.ready = Array.from({ length: Math.min(this.maxTrips, 5) + 1 }, () => new Int32Array(n).fill(INF))
    this.marked = new Uint8Array(n)
    this.markedList = new Int32Array(n)
    this.improved = new Uint8Array(n)
    this.improvedList = new Int32Array(n)
    this.queue = new Int32Array(timetable.patternCount).fill(-1)
    this.queued = new Int32Array(timetable.patternCount)
    this.reset()
  }

  /** Forgets every label (before a new source, or a new range of departures). */
  reset(): void {
    this.best.fill(INF)
    for (const r of this.ready) r.fill(INF)
  }

  private mark(stop: number): void {
    if (this.marked[stop] === 0) {
      this.marked[stop] = 1
      this.markedList[this.markedCount++] = stop
    }
  }

  /**
   * Runs the search from `sources`. Arrivals later than `maxArrivalS` are pruned (target pruning by a time
   * horizon). Labels of earlier runs are kept unless `reset()` was called.
   */
  run(sources: ReadonlyArray<RaptorSource>, maxArrivalS: number = INF - 1): void {
    const tt = this.timetable
    const { best, marked, markedList, improved, improvedList, queue, queued } = this
    const { footStart, footTo, footS, minTransferS, stopPatternStart, stopPatterns, stopPatternPos } = tt
    const { patternStopStart, patternStops, patternBoard, patternAlight, patternTripStart, patternTimeStart, arrival, departure } = tt
    const ready0 = this.ready[0]!
    this.markedCount = 0
    for (const { stop, timeS } of sources) {
      if (timeS > maxArrivalS) continue
      if (timeS < best[stop]!) best[stop] = timeS
      if (timeS < ready0[stop]!) {
        ready0[stop] = timeS
        this.mark(stop)
      }
      for (let e = footStart[stop]!; e < footStart[stop + 1]!; e++) {
        const q = footTo[e]!
        const w = timeS + footS[e]!
        if (w > maxArrivalS) continue
        if (w < best[q]!) best[q] = w
        if (w < ready0[q]!) {
          ready0[q] = w
          this.mark(q)
        }
      }
    }
    for (let k = 1; k <= this.maxTrips && this.markedCount > 0; k++) {
      const prevReady = this.ready[k - 1]!
      if (this.ready[k] === undefined) this.ready.push(new Int32Array(tt.stopCount).fill(INF))
      const readyK = this.ready[k]!
      let queuedCount = 0
      for (let m = 0; m < this.markedCount; m++) {
        const s = markedList[m]!
        marked[s] = 0
        for (let e = stopPatternStart[s]!; e < stopPatternStart[s + 1]!; e++) {
          const p = stopPatterns[e]!
          const pos = stopPatternPos[e]!
          if (queue[p] === -1) {
            queued[queuedCount++] = p
            queue[p] = pos
          } else if (pos < queue[p]!) queue[p] = pos
        }
      }
      this.markedCount = 0
      let improvedCount = 0
      for (let qi = 0; qi < queuedCount; qi++) {
        const p = queued[qi]!
        const from = queue[p]!
        queue[p] = -1
        const so = patternStopStart[p]!
        const n = patternStopStart[p + 1]! - so
        const tripCount = patternTripStart[p + 1]! - patternTripStart[p]!
        const timeBase = patternTimeStart[p]!
        let trip = -1
        let tripBase = 0
        for (let j = from; j < n; j++) {
          const s = patternStops[so + j]!
          if (trip >= 0 && patternAlight[so + j] === 1) {
            const a = arrival[tripBase + j]!
            if (a < best[s]! && a <= maxArrivalS) {
              best[s] = a
              if (improved[s] === 0) {
                improved[s] = 1
                improvedList[improvedCount++] = s
              }
            }
          }
          if (patternBoard[so + j] === 1) {
            const r = prevReady[s]!
            if (r !== INF && (trip < 0 || r <= departure[tripBase + j]!)) {
              let lo = 0
              let hi = trip < 0 ? tripCount - 1 : trip
              let found = -1
              while (lo <= hi) {
                const mid = (lo + hi) >> 1
                if (departure[timeBase + mid * n + j]! >= r) {
                  found = mid
                  hi = mid - 1
                } else lo = mid + 1
              }
              if (found >= 0) {
                trip = found
                tripBase = timeBase + found * n
              }
            }
          }
        }
      }
      for (let m = 0; m < improvedCount; m++) {
        const s = improvedList[m]!
        improved[s] = 0
        const a = best[s]!
        const change = minTransferS[s]!
        if (change !== NO_TRANSFER && a + change < readyK[s]!) {
          readyK[s] = a + change
          this.mark(s)
        }
        for (let e = footStart[s]!; e < footStart[s + 1]!; e++) {
          const q = footTo[e]!
          const w = a + footS[e]!
          if (w > maxArrivalS) continue
          if (w < best[q]!) best[q] = w
          if (w < readyK[q]!) {
            readyK[q] = w
            this.mark(q)
          }
        }
      }
    }
    for (let m = 0; m < this.markedCount; m++) marked[markedList[m]!] = 0
    this.markedCount = 0
  }
}
