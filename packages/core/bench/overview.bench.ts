/**
 * The national overview (issue #20, items 3 and 4), SQLite: one indicator across all 2,978 county-level units for one year from
 * `WarmEvaluations`, over the national data set (`nationalData.ts`: 10 indicators x 20 years, 595,000 values). Cases,
 * each beside its baseline in the same run:
 * - warm (every county's report kept) against the bare SQL read of the 2,978 values it shows (goal: < 200 ms);
 * - after a write to one county (one report evaluated again, 2,974 kept), against the same read (goal: < 200 ms);
 * - cold (a fresh store: 2,978 reports evaluated) against one SQL scan of all the rows, as `national.bench.ts`.
 */
import SqliteDatabase from "better-sqlite3"
import { Effect, Layer, ManagedRuntime } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Database, ObservationStore, Registry, WarmEvaluations } from "../src/index.js"
import { AS_OF, chunks, counties, ids, plugin, regions, YEAR } from "./nationalData.js"

type Warm = ManagedRuntime.ManagedRuntime<WarmEvaluations.WarmEvaluations | ObservationStore.ObservationStore, unknown>
const warmOn = (file: string): Warm =>
  ManagedRuntime.make(
    WarmEvaluations.layer().pipe(
      Layer.provideMerge(ObservationStore.layer),
      Layer.provideMerge(Database.layerSqlite({ filename: file })),
      Layer.provideMerge(Registry.layer([plugin], regions)),
    ),
  )

const INDICATOR = ids[1]!

interface Built {
  readonly dir: string
  readonly file: string
  readonly raw: SqliteDatabase.Database
}

let building: Promise<Built> | undefined
/** The database file, imported once for every case. */
const built = () =>
  (building ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "tijian-bench-overview-"))
    const file = join(dir, "n.sqlite")
    const runtime = warmOn(file)
    await runtime.runPromise(Effect.flatMap(ObservationStore.ObservationStore, (s) => s.appendChunks(chunks(), AS_OF, { keep: 0 })))
    await runtime.dispose()
    return { dir, file, raw: new SqliteDatabase(file, { readonly: true }) }
  })())

interface State {
  readonly built: Built
  runtime: Warm
  /** The first overview of the store, evaluated from cold, in ms. */
  readonly firstMs: number
  /** The heap it grew by (MB): the kept reports (exact with `NODE_OPTIONS=--expose-gc`, else with garbage). */
  readonly keptMb: number
  writes: number
}

const overview = (runtime: Warm) =>
  runtime.runPromise(Effect.flatMap(WarmEvaluations.WarmEvaluations, (w) => w.overview({ indicator: INDICATOR, year: YEAR })))

const stats = (runtime: Warm) => runtime.runPromise(Effect.map(WarmEvaluations.WarmEvaluations, (w) => w.stats()))

/** A store kept warm by one overview (timed: the cold figure beside the warm ones). */
const warmState = async (): Promise<State> => {
  const b = await built()
  const runtime = warmOn(b.file)
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const heap = process.memoryUsage().heapUsed
  const start = performance.now()
  await overview(runtime)
  const firstMs = performance.now() - start
  gc?.()
  return { built: b, runtime, firstMs, keptMb: Math.round((process.memoryUsage().heapUsed - heap) / 1024 / 1024), writes: 0 }
}

/** The values the overview shows, read bare: one indicator's values of every county in the year. */
const readShownValues = (state: State) => {
  let n = 0
  for (const _ of state.built.raw.prepare("select region, value from observations where indicator = ? and year = ?").iterate(INDICATOR, YEAR)) n++
  return { figures: { rows: n } }
}

const figuresOf = async (state: State, rows: number) => {
  const s = await stats(state.runtime)
  return { figures: { rows, evaluated: s.evaluated, firstOverviewMs: Math.round(state.firstMs), keptMb: state.keptMb } }
}

let cases = 3
const done = async (state: State) => {
  await state.runtime.dispose()
  if (--cases > 0) return
  state.built.raw.close()
  rmSync(state.built.dir, { recursive: true, force: true })
}

export default {
  name: "national overview (SQLite)",
  cases: [
    {
      name: `overview of one indicator across ${counties.length.toLocaleString("en-US")} counties for ${YEAR}, warm`,
      runs: 20,
      setup: warmState,
      run: async (state: State) => figuresOf(state, (await overview(state.runtime)).rows.length),
      baseline: { name: `SQL read of the ${counties.length.toLocaleString("en-US")} values it shows`, run: readShownValues },
      teardown: done,
      goal: "< 200 ms",
    },
    {
      name: `overview after a write to one county (one report evaluated again, ${(counties.length - 1).toLocaleString("en-US")} kept)`,
      runs: 10,
      setup: warmState,
      prepare: async (state: State) => {
        state.writes++
        const at = new Date(Date.parse(AS_OF) + state.writes * 1000).toISOString()
        await state.runtime.runPromise(
          Effect.flatMap(ObservationStore.ObservationStore, (s) =>
            s.append([{ indicator: INDICATOR, region: counties[state.writes]!, year: YEAR, value: 50 + state.writes, agency: "bench", source: "write" }], at),
          ),
        )
      },
      run: async (state: State) => figuresOf(state, (await overview(state.runtime)).rows.length),
      baseline: { name: `SQL read of the ${counties.length.toLocaleString("en-US")} values it shows`, run: readShownValues },
      teardown: done,
      goal: `< 200 ms; evaluated = ${counties.length.toLocaleString("en-US")} + runs`,
    },
    {
      name: `overview from cold (a fresh store: ${counties.length.toLocaleString("en-US")} reports evaluated)`,
      runs: 3,
      setup: warmState,
      prepare: async (state: State) => {
        await state.runtime.dispose()
        state.runtime = warmOn(state.built.file)
        await stats(state.runtime)
      },
      run: async (state: State) => figuresOf(state, (await overview(state.runtime)).rows.length),
      baseline: {
        name: "one SQL scan of all the rows",
        run: (state: State) => {
          let n = 0
          for (const _ of state.built.raw.prepare("select * from observations").iterate()) n++
          return { figures: { rows: n } }
        },
      },
      teardown: done,
      goal: "measured (national.bench.ts: every county's report, cold)",
    },
  ],
}
