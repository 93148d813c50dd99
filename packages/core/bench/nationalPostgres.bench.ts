/**
 * National scale on PostgreSQL (issue #20, item 4), when `TIJIAN_BENCH_PG_URL` or `TIJIAN_TEST_PG_URL` names a server
 * (each run works in a fresh database it creates and drops). The data of `nationalData.ts`: 2,978 counties x 10
 * indicators x 20 years = 595,000 values (`TIJIAN_BENCH_NATIONAL_INDICATORS=100` for the issue's 5.95 M). Cases,
 * each beside its baseline in the same run:
 * - import through the store (`appendChunks`: one transaction; rows of an (indicator, year) slice with no stored row
 *   skip the revision probe; `unnest` inserts of 10,000 rows, the next chunk built while one inserts) against raw
 *   `insert ... select from unnest(...)` statements of the same rows into the same schema, 10,000 rows each (goal:
 *   ratio >= 0.8);
 * - every county's report for one year, cold (one `Engine.evaluate` each) against one scan of the same rows
 *   (goal: ratio >= 0.5);
 * - the same reports from `Engine.evaluateMany` (a batch of counties' rows read in one query of each kind, the next
 *   batch's while this one is evaluated), against the same scan, on the same database.
 */
import { Effect, Layer, ManagedRuntime } from "effect"
import pg from "pg"
import { Database, Engine, ObservationStore, Registry } from "../src/index.js"
import { AS_OF, CHUNK, chunks, COUNTIES_A_CALL, counties, plugin, regions, ROWS, values, YEAR } from "./nationalData.js"

const PG_URL = process.env.TIJIAN_BENCH_PG_URL || process.env.TIJIAN_TEST_PG_URL || undefined

type Live = ManagedRuntime.ManagedRuntime<Engine.Engine | ObservationStore.ObservationStore, unknown>

const admin = async (statement: string) => {
  const c = new pg.Client({ connectionString: PG_URL })
  await c.connect()
  try {
    await c.query(statement)
  } finally {
    await c.end()
  }
}

const NAME = `tijian_bench_national_${process.pid}`
const databaseUrl = () => {
  const url = new URL(PG_URL!)
  url.pathname = `/${NAME}`
  return url.toString()
}

const live = (): Live =>
  ManagedRuntime.make(
    Engine.layer.pipe(
      Layer.provideMerge(ObservationStore.layer),
      Layer.provideMerge(Database.layerPostgres({ url: databaseUrl() })),
      Layer.provideMerge(Registry.layer([plugin], regions)),
    ),
  )

/** A fresh, migrated database. */
const freshDatabase = async () => {
  await admin(`drop database if exists ${NAME}`)
  await admin(`create database ${NAME}`)
  const runtime = live()
  await runtime.runPromise(ObservationStore.ObservationStore)
  await runtime.dispose()
}

const importThroughStore = async () => {
  const runtime = live()
  try {
    return (await runtime.runPromise(Effect.flatMap(ObservationStore.ObservationStore, (s) => s.appendChunks(chunks(), AS_OF, { keep: 0 })))).count
  } finally {
    await runtime.dispose()
  }
}

interface EvaluateState {
  runtime: Live
  client: pg.Client
}

let evaluating: Promise<EvaluateState> | undefined
let users = 2
/** The database the evaluate cases share, imported once. */
const evaluateState = () =>
  (evaluating ??= (async (): Promise<EvaluateState> => {
    await freshDatabase()
    await importThroughStore()
    const client = new pg.Client({ connectionString: databaseUrl() })
    await client.connect()
    await client.query("analyze observations")
    return { runtime: live(), client }
  })())

/** Drops the shared database after the last evaluate case. */
const release = async (state: EvaluateState) => {
  if (--users > 0) return
  await state.client.end()
  await state.runtime.dispose()
  await admin(`drop database if exists ${NAME}`)
}

const scan = async (state: EvaluateState) => ({ figures: { rows: (await state.client.query("select * from observations")).rows.length } })

const cases = [
  {
    name: `PostgreSQL: import ${ROWS.toLocaleString("en-US")} values for ${counties.length.toLocaleString("en-US")} counties through the store`,
    runs: 3,
    prepare: freshDatabase,
    run: async () => ({ figures: { rows: await importThroughStore() } }),
    baseline: {
      name: `raw insert ... select from unnest(...) of the same rows into the same schema, ${CHUNK.toLocaleString("en-US")} rows a statement`,
      prepare: freshDatabase,
      run: async () => {
        const client = new pg.Client({ connectionString: databaseUrl() })
        await client.connect()
        let n = 0
        try {
          await client.query("begin")
          let columns: [Array<string>, Array<string>, Array<number>, Array<number>] = [[], [], [], []]
          const flush = async () => {
            await client.query(
              "insert into observations (indicator, region, year, revision, value, agency, submitted_at, source, note, status) " +
                `select i, r, y, 1, v, 'bench', '${AS_OF}', 'generated', null, 'final' from unnest($1::text[], $2::text[], $3::int[], $4::float8[]) as t(i, r, y, v)`,
              columns,
            )
            n += columns[0].length
            columns = [[], [], [], []]
          }
          for (const [indicator, region, year, value] of values()) {
            columns[0].push(indicator)
            columns[1].push(region)
            columns[2].push(year)
            columns[3].push(value)
            if (columns[0].length === CHUNK) await flush()
          }
          if (columns[0].length > 0) await flush()
          await client.query("commit")
        } finally {
          await client.end()
        }
        return { figures: { rows: n } }
      },
    },
    teardown: () => admin(`drop database if exists ${NAME}`),
    goal: "ratio >= 0.8",
  },
  {
    name: `PostgreSQL: every county's report for ${YEAR}, cold (${counties.length.toLocaleString("en-US")} evaluations)`,
    runs: 2,
    setup: evaluateState,
    run: async (state: EvaluateState) => {
      let judged = 0
      for (const code of counties) {
        const report = await state.runtime.runPromise(Effect.flatMap(Engine.Engine, (e) => e.evaluate({ scope: code, year: YEAR, asOf: AS_OF })))
        judged += report.summary.withValue
      }
      return { figures: { values: judged } }
    },
    baseline: { name: "one scan of the same rows (pg, every column)", run: scan },
    teardown: release,
    goal: "ratio >= 0.5",
  },
  {
    name: `PostgreSQL: every county's report for ${YEAR}, cold, in batches (Engine.evaluateMany, ${COUNTIES_A_CALL} counties a call)`,
    runs: 2,
    setup: evaluateState,
    run: async (state: EvaluateState) => {
      let judged = 0
      for (let i = 0; i < counties.length; i += COUNTIES_A_CALL) {
        const scopes = counties.slice(i, i + COUNTIES_A_CALL)
        const reports = await state.runtime.runPromise(Effect.flatMap(Engine.Engine, (e) => e.evaluateMany({ scopes, year: YEAR, asOf: AS_OF })))
        for (const r of reports) judged += r.summary.withValue
      }
      return { figures: { values: judged } }
    },
    baseline: { name: "one scan of the same rows (pg, every column)", run: scan },
    teardown: release,
    goal: "ratio >= 0.5",
  },
]

export default {
  name: "national scale (PostgreSQL)",
  cases: PG_URL ? cases : [],
}
