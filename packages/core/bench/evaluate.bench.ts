/**
 * Evaluate at national scale: 300 regions x 200 indicators x 20 years (1,200,000 observations) in a SQLite
 * file. Cases: the report of one region-year, and of all 300 regions for one year. Baseline: one SQL scan that
 * reads the same rows (goal: full evaluation within 2x the scan, i.e. ratio >= 0.5).
 */
import SqliteDatabase from "better-sqlite3"
import { Effect, Layer, ManagedRuntime } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Database, definePlugin, seededRandom, Engine, type IndicatorDefinition, ObservationStore, Registry, RegionSet } from "../src/index.js"

const REGIONS = 300
const INDICATORS = 200
const YEARS = 20
const FIRST_YEAR = 2005

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

export default {
  name: "core: evaluate (300 regions x 200 indicators x 20 years)",
  cases: (() => {
    let dir = ""
    let file = ""
    let runtime: ManagedRuntime.ManagedRuntime<Engine.Engine | ObservationStore.ObservationStore, unknown> | undefined
    let raw: SqliteDatabase.Database | undefined
    const setup = async () => {
      if (runtime) return
      dir = mkdtempSync(join(tmpdir(), "tijian-bench-eval-"))
      file = join(dir, "bench.sqlite")
      const live = Engine.layer.pipe(
        Layer.provideMerge(ObservationStore.layer),
        Layer.provideMerge(Database.layerSqlite({ filename: file })),
        Layer.provideMerge(Registry.layer([plugin], regions)),
      )
      runtime = ManagedRuntime.make(live)
      await runtime.runPromise(ObservationStore.ObservationStore)
      raw = new SqliteDatabase(file)
      const insert = raw.prepare(
        "insert into observations (indicator, region, year, revision, value, agency, submitted_at, source, note, status) values (?, ?, ?, 1, ?, 'bench', '2024-01-01T00:00:00.000Z', 'generated', null, 'final')",
      )
      const next = seededRandom(42)
      raw.transaction(() => {
        for (const region of regionCodes)
          for (const id of indicatorIds)
            for (let y = 0; y < YEARS; y++) insert.run(id, region, FIRST_YEAR + y, Math.round(next() * 100000) / 100)
      })()
    }
    const year = FIRST_YEAR + YEARS - 1
    const asOf = "2025-01-01T00:00:00.000Z"
    const evaluate = (scope: string) =>
      runtime!.runPromise(Effect.flatMap(Engine.Engine, (e) => e.evaluate({ scope, year, asOf })))
    const scan = (where: string, ...params: Array<string>) => {
      let n = 0
      for (const _ of raw!.prepare(`select * from observations ${where}`).iterate(...params)) n++
      return { figures: { rows: n } }
    }
    return [
      {
        name: "report of one region-year (200 indicators, 20 years of history)",
        runs: 20,
        setup,
        run: async () => {
          const r = await evaluate(regionCodes[17]!)
          return { figures: { indicators: r.summary.indicators } }
        },
        baseline: { name: "SQL scan of the region's rows (4,000)", run: () => scan("where region = ?", regionCodes[17]!) },
        goal: "ratio >= 0.5 (evaluation within 2x the scan)",
      },
      // cost growth: 1x, 2x and 4x the region count, each beside a scan of the same rows
      ...[75, 150, 300].map((n) => ({
        name: `reports of ${n} regions for one year (${n * INDICATORS * YEARS} observations)`,
        runs: n === 300 ? 2 : 3,
        setup,
        run: async () => {
          let evaluations = 0
          for (const code of regionCodes.slice(0, n)) evaluations += (await evaluate(code)).summary.indicators
          return { figures: { evaluations } }
        },
        baseline: {
          name: `one SQL scan of the ${n} regions' rows`,
          run: () => scan(`where region in (${regionCodes.slice(0, n).map(() => "?").join(",")})`, ...regionCodes.slice(0, n)),
        },
        goal: "ratio >= 0.5 (evaluation within 2x the scan); time near-linear in the region count",
        ...(n === 300
          ? {
              teardown: async () => {
                raw?.close()
                await runtime?.dispose()
                rmSync(dir, { recursive: true, force: true })
              },
            }
          : {}),
      })),
    ]
  })(),
}
