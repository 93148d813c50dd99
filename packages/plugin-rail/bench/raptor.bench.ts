/**
 * RAPTOR on a generated feed of 3,000 stops and ~800,000 stop_times (seeded, built in memory): one-to-all query,
 * range query over a 2-hour window, and the full stop-to-stop matrix on two worker threads. Each case has a
 * baseline measured in the same run. `pnpm bench rail`.
 */
import { cpus } from "node:os"
import { Worker } from "node:worker_threads"
import { RaptorSearch } from "../src/raptor/RaptorSearch.js"
import { INF, type Timetable } from "../src/raptor/Timetable.js"
import { connectionScan, connectionsOf, type Connections, scanBuffers } from "../test/helpers/connectionScan.js"
import { seededRandom, syntheticNetwork } from "../test/helpers/syntheticFeed.js"
import { matrixRows, type MatrixSummary } from "./matrixRows.js"

const DEPARTURE_S = 7 * 3600
const MAX_TRIPS = 5

let cached: { readonly tt: Timetable; readonly connections: Connections } | undefined
/** Built on first use (the runner imports every suite, even those it then skips). */
const network = () => {
  if (!cached) {
    const { timetable } = syntheticNetwork({ seed: 2024, stops: 3000, routes: 300, stopsPerRoute: 18, headwayMin: 15, firstS: 5 * 3600, lastS: 23 * 3600 + 59 * 60 })
    cached = { tt: timetable, connections: connectionsOf(timetable) }
  }
  return cached
}

const origins = (count: number, seed: number) => {
  const random = seededRandom(seed)
  return Int32Array.from({ length: count }, () => Math.floor(random() * 3000))
}

const reachedCount = (best: Int32Array) => best.reduce((n, x) => (x === INF ? n : n + 1), 0)

const label = (tt: Timetable) => `${tt.stopCount.toLocaleString("en-US")} stops, ${tt.arrival.length.toLocaleString("en-US")} stop_times`

/** Hands out origins in chunks of 100 to whichever worker is free (balanced even when one core is busier). */
const runOnWorkers = async (workers: ReadonlyArray<Worker>, all: Int32Array): Promise<MatrixSummary> => {
  const CHUNK = 100
  let next = 0
  const total = { origins: 0, pairsReached: 0, totalMinutes: 0 }
  const ask = (w: Worker, origins: Int32Array) =>
    new Promise<MatrixSummary>((resolve, reject) => {
      w.once("error", reject)
      w.once("message", (m: MatrixSummary) => {
        w.off("error", reject)
        resolve(m)
      })
      w.postMessage({ origins, departureS: DEPARTURE_S })
    })
  await Promise.all(
    workers.map(async (w) => {
      while (next < all.length) {
        const origins = all.slice(next, (next += CHUNK))
        const part = await ask(w, origins)
        total.origins += part.origins
        total.pairsReached += part.pairsReached
        total.totalMinutes += part.totalMinutes
      }
    }),
  )
  return total
}

/**
 * Worker bootstrap: on Node 20, loader hooks (tsx) are not inherited by worker threads, so the worker registers
 * tsx itself before importing the TypeScript module.
 */
const tsWorker = (url: URL) =>
  `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}) })`

const figures = (m: MatrixSummary) => ({ origins: m.origins, pairsReached: m.pairsReached, meanMinutes: m.totalMinutes / m.pairsReached })

export default {
  name: "rail: RAPTOR",
  cases: [
    {
      name: "one-to-all RAPTOR query at 07:00, <= 5 trips (3,000 stops, ~800k stop_times; 101 seeded origins, one per run)",
      runs: 101,
      goal: "median under 20 ms",
      setup: () => {
        const { tt, connections } = network()
        console.log(`  network: ${label(tt)}, ${tt.patternCount} patterns, ${connections.departure.length.toLocaleString("en-US")} connections`)
        return { tt, connections, search: new RaptorSearch(tt, { maxTrips: MAX_TRIPS }), buffers: scanBuffers(tt, connections), origins: origins(101, 1), i: 0, j: 0 }
      },
      run: (s: { search: RaptorSearch; origins: Int32Array; i: number }) => {
        s.search.reset()
        s.search.run([{ stop: s.origins[s.i++ % s.origins.length]!, timeS: DEPARTURE_S }])
        return { figures: { reachedStops: reachedCount(s.search.best) } }
      },
      baseline: {
        name: "connection scan: one pass over the same stop_times from 07:00 (any number of trips)",
        run: (s: { tt: Timetable; connections: Connections; buffers: ReturnType<typeof scanBuffers>; origins: Int32Array; j: number }) => {
          connectionScan(s.tt, s.connections, s.origins[s.j++ % s.origins.length]!, DEPARTURE_S, s.buffers)
        },
      },
    },
    {
      name: "range RAPTOR 07:00-09:00 every minute (121 departures, labels kept), one origin per run",
      runs: 11,
      goal: "cheaper than 121 independent queries (ratio > 1)",
      setup: () => ({ tt: network().tt, search: new RaptorSearch(network().tt, { maxTrips: MAX_TRIPS }), origins: origins(11, 2), i: 0, j: 0 }),
      run: (s: { search: RaptorSearch; origins: Int32Array; i: number }) => {
        const origin = s.origins[s.i++ % s.origins.length]!
        s.search.reset()
        for (let t = 9 * 3600; t >= DEPARTURE_S; t -= 60) s.search.run([{ stop: origin, timeS: t }])
        return { figures: { reachedStopsAt0700: reachedCount(s.search.best) } }
      },
      baseline: {
        name: "121 independent one-to-all queries",
        run: (s: { search: RaptorSearch; origins: Int32Array; j: number }) => {
          const origin = s.origins[s.j++ % s.origins.length]!
          for (let t = 9 * 3600; t >= DEPARTURE_S; t -= 60) {
            s.search.reset()
            s.search.run([{ stop: origin, timeS: t }])
          }
        },
      },
    },
    {
      name: "full stop-to-stop matrix 3,000 x 3,000 at 07:00 (all origins, no sampling), 2 worker threads",
      runs: 3,
      goal: `whole matrix well under 60 s; about 2x the one-thread baseline on ${cpus().length} cores`,
      setup: async () => {
        const { tt } = network()
        const workers = [0, 1].map(() => new Worker(tsWorker(new URL("./matrixWorker.ts", import.meta.url)), { eval: true, workerData: { timetable: tt, maxTrips: MAX_TRIPS } }))
        await Promise.all(workers.map((w) => new Promise((resolve) => w.once("online", resolve))))
        // Warm the workers' JIT as the earlier cases warmed the main thread's (untimed).
        await runOnWorkers(workers, Int32Array.from({ length: 400 }, (_, s) => s))
        return { tt, workers, search: new RaptorSearch(tt, { maxTrips: MAX_TRIPS }), all: Int32Array.from({ length: tt.stopCount }, (_, s) => s) }
      },
      run: async (s: { workers: ReadonlyArray<Worker>; all: Int32Array }) => ({ figures: figures(await runOnWorkers(s.workers, s.all)) }),
      baseline: {
        name: "the same matrix on the main thread (one core)",
        run: (s: { search: RaptorSearch; all: Int32Array }) => {
          matrixRows(s.search, s.all, DEPARTURE_S)
        },
      },
      teardown: async (s: { workers: ReadonlyArray<Worker> }) => {
        await Promise.all(s.workers.map((w) => w.terminate()))
      },
    },
  ],
}
