/**
 * A deterministic (seeded) synthetic rail network for cross-checks and benchmarks: stops on a jittered grid about
 * 1.5 km apart, routes as straight-ish self-avoiding walks over the grid starting from a stop no route serves yet
 * (so lines cover the grid, cross and share stops), each run both ways at a fixed headway with fixed running
 * times, so trips never overtake.
 */
import { seededRandom } from "@tijian/core/plugin"
import { buildTimetable, type Footpath, type Timetable, type TimetableTrip } from "../../src/raptor/Timetable.js"

/** The seeded PRNG the generator uses (core's mulberry32). */
export { seededRandom }

/** The generator's knobs. */
export interface SyntheticOptions {
  readonly seed: number
  readonly stops: number
  readonly routes: number
  readonly stopsPerRoute: number
  readonly headwayMin: number
  /** First and last departure from a route's first stop, in seconds. */
  readonly firstS: number
  readonly lastS: number
  readonly minTransferS?: number
}

const DIRS = [
  [1, 0],
  [1, 1],
  [0, 1],
  [-1, 1],
  [-1, 0],
  [-1, -1],
  [0, -1],
  [1, -1],
] as const

/** Generates the network: its timetable and stop coordinates. */
export const syntheticNetwork = (o: SyntheticOptions): { readonly timetable: Timetable; readonly lon: Float64Array; readonly lat: Float64Array } => {
  const random = seededRandom(o.seed)
  const side = Math.ceil(Math.sqrt(o.stops))
  const lon = new Float64Array(o.stops)
  const lat = new Float64Array(o.stops)
  for (let s = 0; s < o.stops; s++) {
    lon[s] = 120 + (s % side) * 0.015 + (random() - 0.5) * 0.004
    lat[s] = 30 + Math.floor(s / side) * 0.0135 + (random() - 0.5) * 0.004
  }
  const trips: Array<TimetableTrip> = []
  const unserved = new Set(Array.from({ length: o.stops }, (_, s) => s))
  for (let r = 0; r < o.routes; r++) {
    const path: Array<number> = []
    const seen = new Set<number>()
    const pool = unserved.size > 0 ? [...unserved] : [Math.floor(random() * o.stops)]
    const origin = pool[Math.floor(random() * pool.length)]!
    let x = origin % side
    let y = Math.floor(origin / side)
    let dir = Math.floor(random() * 8)
    while (path.length < o.stopsPerRoute) {
      const s = y * side + x
      if (s >= o.stops || seen.has(s)) break
      path.push(s)
      seen.add(s)
      const turn = random() < 0.75 ? 0 : random() < 0.5 ? 1 : 7
      const order = [turn, 0, 1, 7, 2, 6].map((d) => (dir + d) % 8)
      const open = (d: number, fresh: boolean) => {
        const nx = x + DIRS[d]![0]
        const ny = y + DIRS[d]![1]
        const cell = ny * side + nx
        return nx >= 0 && ny >= 0 && nx < side && cell < o.stops && !seen.has(cell) && (!fresh || unserved.has(cell))
      }
      const next = order.find((d) => open(d, true)) ?? order.find((d) => open(d, false))
      if (next === undefined) break
      dir = next
      x += DIRS[dir]![0]
      y += DIRS[dir]![1]
    }
    if (path.length < 2) continue
    for (const s of path) unserved.delete(s)
    const runS = path.slice(1).map(() => 90 + Math.floor(random() * 60))
    const offsetS = Math.floor(random() * o.headwayMin * 60)
    for (const stops of [path, [...path].reverse()]) {
      for (let start = o.firstS + offsetS; start <= o.lastS; start += o.headwayMin * 60) {
        const arrival = new Int32Array(stops.length)
        const departure = new Int32Array(stops.length)
        let t = start
        for (let j = 0; j < stops.length; j++) {
          if (j > 0) t += runS[j - 1]!
          arrival[j] = t
          departure[j] = j === 0 || j === stops.length - 1 ? t : t + 30
          t = departure[j]!
        }
        trips.push({ stops: Int32Array.from(stops), arrival, departure, route: r })
      }
    }
  }
  const footpaths: Array<Footpath> = []
  const minTransferS = new Int32Array(o.stops).fill(o.minTransferS ?? 120)
  return { timetable: buildTimetable({ stopCount: o.stops, trips, footpaths, minTransferS }), lon, lat }
}

/** Only the timetable of `syntheticNetwork`. */
export const syntheticTimetable = (o: SyntheticOptions): Timetable => syntheticNetwork(o).timetable
