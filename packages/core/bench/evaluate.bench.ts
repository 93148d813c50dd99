/**
 * Evaluate at national scale: 300 regions x 200 indicators x 20 years (1,200,000 observations) in a SQLite
 * file, and — when `TIJIAN_BENCH_PG_URL` or `TIJIAN_TEST_PG_URL` is set — the same rows in a fresh PostgreSQL
 * database on that server. Cases per backend: the report of one region-year, and of 75, 150 and 300 regions for
 * one year. Baseline: one SQL scan that reads the same rows (better-sqlite3, or `pg`; goal: full evaluation within
 * 2x the scan, i.e. ratio >= 0.5).
 */
import SqliteDatabase from "better-sqlite3"
import { Effect, Layer, ManagedRuntime } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import pg from "pg"
import { Database, definePlugin, seededRandom, Engine, type IndicatorDefinition, ObservationStore, Registry, RegionSet } from "../src/index.js"

const REGIONS = 300
const INDICATORS = 200
const YEARS = 20
const FIRST_YEAR = 2005
const PG_URL = process.env.TIJIAN_BENCH_PG_URL || process.env.TIJIAN_TEST_PG_URL || undefined

const indicatorIds = Array.from({ length: INDICATORS }, (_, i): `bench.${string}` => `bench.i${String(i).padStart(3, "0")}`)
const regionCodes = Array.from({ length: REGIONS }, (_, i) => String(110000 + i * 100))

const plugin = definePlugin({
  id: "bench",
  version: "0.0.0",
  name: { zh: "基准", en: "bench" },
  indicators: indicatorIds.map(
    (id, i): IndicatorDefinition<`bench.${string}`, `bench.${string}`> => ({
      id,
      kind: "observed",
      name: { zh: id, en: id },
      unit: { zh: "指数", en: "index" },
      direction: i % 3 === 0 ? "lower-is-better" : "higher-is-better",
      range: { min: 0, max: 1000 },
      decimals: 2,
      grades: [{ id: "good", min: 50, name: { zh: "好", en: "good" } }, { id: "poor", name: { zh: "差", en: "poor" } }],
    }),
  ),
  targets: indicatorIds.map((id, i) => ({
    indicator: id,
    scope: "*",
    kind: i % 3 === 0 ? ("at-most" as const) : ("at-least" as const),
    value: i % 3 === 0 ? 20 : 90,
    dueYear: 2035,
    binding: i % 10 === 0,
    source: { zh: "规划", en: "plan" },
  })),
})

const regions = RegionSet.unsafeMake(
  [
    { code: "CN", level: "region", nameZh: "全国", nameEn: "China" },
    ...regionCodes.map((code) => ({ code, level: "city" as const, parent: "CN", nameZh: code, nameEn: code })),
  ],
  [],
)

/** The generated observations, region by region: the same rows, in the same order, on both backends. */
function* generatedRows(): Generator<readonly [string, string, number, number]> {
  const next = seededRandom(42)
  for (const region of regionCodes)
    for (const id of indicatorIds)
      for (let y = 0; y < YEARS; y++) yield [id, region, FIRST_YEAR + y, Math.round(next() * 100000) / 100]
}

/** One storage backend of the bench: its engine over the generated data, and a plain scan of the same rows. */
interface Backend {
  readonly setup: () => Promise<void>
  readonly evaluate: (scope: string) => Promise<{ readonly summary: { readonly indicators: number } }>
  /** Reads every stored row of these regions with the driver alone; returns the row count. */
  readonly scan: (regions: ReadonlyArray<string>) => Promise<number> | number
  readonly teardown: () => Promise<void>
}

type Live = ManagedRuntime.ManagedRuntime<Engine.Engine | ObservationStore.ObservationStore, unknown>

const year = FIRST_YEAR + YEARS - 1
const asOf = "2025-01-01T00:00:00.000Z"
const evaluateWith = (runtime: Live, scope: string) =>
  runtime.runPromise(Effect.flatMap(Engine.Engine, (e) => e.evaluate({ scope, year, asOf })))
const liveOver = (database: Layer.Layer<Database.Database, unknown>): Live =>
  ManagedRuntime.make(
    Engine.layer.pipe(
      Layer.provideMerge(ObservationStore.layer),
      Layer.provideMerge(database),
      Layer.provideMerge(Registry.layer([plugin], regions)),
    ),
  )

const sqliteBackend = (): Backend => {
  let dir = ""
  let runtime: Live | undefined
  let raw: SqliteDatabase.Database | undefined
  return {
    setup: async () => {
      if (runtime) return
      dir = mkdtempSync(join(tmpdir(), "tijian-bench-eval-"))
      const file = join(dir, "bench.sqlite")
      runtime = liveOver(Database.layerSqlite({ filename: file }))
      await runtime.runPromise(ObservationStore.ObservationStore)
      raw = new SqliteDatabase(file)
      const insert = raw.prepare(
        "insert into observations (indicator, region, year, revision, value, agency, submitted_at, source, note, status) values (?, ?, ?, 1, ?, 'bench', '2024-01-01T00:00:00.000Z', 'generated', null, 'final')",
      )
      raw.transaction(() => {
        for (const row of generatedRows()) insert.run(...row)
      })()
    },
    evaluate: (scope) => evaluateWith(runtime!, scope),
    scan: (codes) => {
      let n = 0
      const where = codes.length === 1 ? "region = ?" : `region in (${codes.map(() => "?").join(",")})`
      for (const _ of raw!.prepare(`select * from observations where ${where}`).iterate(...codes)) n++
      return n
    },
    teardown: async () => {
      raw?.close()
      await runtime?.dispose()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Rows per `insert ... select from unnest(...)` statement when loading PostgreSQL (10 regions' rows). */
const PG_LOAD_ROWS = 10 * INDICATORS * YEARS

const postgresBackend = (adminUrl: string): Backend => {
  const name = `tijian_bench_eval_${process.pid}`
  let runtime: Live | undefined
  let client: pg.Client | undefined
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: adminUrl })
    await c.connect()
    try {
      await c.query(statement)
    } finally {
      await c.end()
    }
  }
  return {
    setup: async () => {
      if (runtime) return
      await admin(`drop database if exists ${name}`)
      await admin(`create database ${name}`)
      const url = new URL(adminUrl)
      url.pathname = `/${name}`
      runtime = liveOver(Database.layerPostgres({ url: url.toString() }))
      await runtime.runPromise(ObservationStore.ObservationStore)
      client = new pg.Client({ connectionString: url.toString() })
      await client.connect()
      const load = async (columns: readonly [Array<string>, Array<string>, Array<number>, Array<number>]) =>
        client!.query(
          "insert into observations (indicator, region, year, revision, value, agency, submitted_at, source, note, status) " +
            "select i, r, y, 1, v, 'bench', '2024-01-01T00:00:00.000Z', 'generated', null, 'final' " +
            "from unnest($1::text[], $2::text[], $3::int[], $4::float8[]) as t(i, r, y, v)",
          [...columns],
        )
      let columns = [[], [], [], []] as [Array<string>, Array<string>, Array<number>, Array<number>]
      for (const [indicator, region, y, value] of generatedRows()) {
        columns[0].push(indicator)
        columns[1].push(region)
        columns[2].push(y)
        columns[3].push(value)
        if (columns[0].length === PG_LOAD_ROWS) {
          await load(columns)
          columns = [[], [], [], []]
        }
      }
      if (columns[0].length > 0) await load(columns)
      await client.query("analyze observations")
    },
    evaluate: (scope) => evaluateWith(runtime!, scope),
    scan: async (codes) =>
      (await client!.query(`select * from observations where region in (${codes.map((_, i) => `$${i + 1}`).join(",")})`, [...codes])).rows
        .length,
    teardown: async () => {
      await client?.end()
      await runtime?.dispose()
      await admin(`drop database if exists ${name}`)
    },
  }
}

/** The cases of one backend; `label` prefixes the names of all but SQLite's, which keep their historical names. */
const casesOf = (backend: Backend, label: string) => [
  {
    name: `${label}report of one region-year (200 indicators, 20 years of history)`,
    runs: 20,
    setup: backend.setup,
    run: async () => ({ figures: { indicators: (await backend.evaluate(regionCodes[17]!)).summary.indicators } }),
    baseline: {
      name: `${label}SQL scan of the region's rows (4,000)`,
      run: async () => ({ figures: { rows: await backend.scan([regionCodes[17]!]) } }),
    },
    goal: "ratio >= 0.5 (evaluation within 2x the scan)",
  },
  // cost growth: 1x, 2x and 4x the region count, each beside a scan of the same rows
  ...[75, 150, 300].map((n) => ({
    name: `${label}reports of ${n} regions for one year (${n * INDICATORS * YEARS} observations)`,
    runs: n === 300 ? 2 : 3,
    setup: backend.setup,
    run: async () => {
      let evaluations = 0
      for (const code of regionCodes.slice(0, n)) evaluations += (await backend.evaluate(code)).summary.indicators
      return { figures: { evaluations } }
    },
    baseline: {
      name: `${label}one SQL scan of the ${n} regions' rows`,
      run: async () => ({ figures: { rows: await backend.scan(regionCodes.slice(0, n)) } }),
    },
    goal: "ratio >= 0.5 (evaluation within 2x the scan); time near-linear in the region count",
    ...(n === 300 ? { teardown: backend.teardown } : {}),
  })),
]

export default {
  name: "core: evaluate (300 regions x 200 indicators x 20 years)",
  cases: [...casesOf(sqliteBackend(), ""), ...(PG_URL ? casesOf(postgresBackend(PG_URL), "PostgreSQL: ") : [])],
}
