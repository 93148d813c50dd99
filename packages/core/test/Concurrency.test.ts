import { Effect, Either, Layer, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import * as Database from "../src/Database.js"
import * as ObservationStore from "../src/ObservationStore.js"
import { freshPostgresDatabase, postgresAvailability } from "../src/testing/index.js"

const cell = { indicator: "t.value", region: "320500", year: 2022, agency: "writer", source: "race" }

/**
 * `pools` independent connection pools (standing in for server processes) each run `writers` writers at once;
 * every writer reads the cell's current revision and appends against it. Every write must be stored or refused
 * with a WriteConflict: none lost, none duplicated, and the history a gapless 1..n.
 */
const race = async (makeLayer: () => Layer.Layer<Database.Database, any>, pools: number, writers: number) => {
  const runtimes = Array.from({ length: pools }, () => ManagedRuntime.make(ObservationStore.layer.pipe(Layer.provide(makeLayer()))))
  try {
    const first = runtimes[0]!
    await first.runPromise(Effect.flatMap(ObservationStore.ObservationStore, (s) => s.append([{ ...cell, value: 0 }], "2024-01-01T00:00:00.000Z")))
    const attempt = (rt: (typeof runtimes)[number], i: number) =>
      rt.runPromise(
        Effect.gen(function* () {
          const store = yield* ObservationStore.ObservationStore
          const current = (yield* store.history(cell.indicator, cell.region, cell.year)).at(-1)!.revision
          return yield* Effect.either(store.append([{ ...cell, value: i, expectedRevision: current }], new Date(Date.UTC(2024, 1, 1, 0, 0, i)).toISOString()))
        }),
      )
    const results = await Promise.all(runtimes.flatMap((rt, p) => Array.from({ length: writers }, (_, w) => attempt(rt, p * writers + w + 1))))
    const stored = results.filter(Either.isRight).map((r) => r.right[0]!.value)
    const refused = results.filter(Either.isLeft).map((r) => r.left)
    const history = await first.runPromise(Effect.flatMap(ObservationStore.ObservationStore, (s) => s.history(cell.indicator, cell.region, cell.year)))
    return { stored, refused, history }
  } finally {
    await Promise.all(runtimes.map((r) => r.dispose()))
  }
}

const check = ({ stored, refused, history }: Awaited<ReturnType<typeof race>>, total: number) => {
  expect(stored.length + refused.length).toBe(total)
  expect(stored.length).toBeGreaterThanOrEqual(1)
  expect(refused.every((e) => e._tag === "WriteConflict" && e.reason === "stale-revision")).toBe(true)
  expect(history.map((h) => h.revision)).toEqual(Array.from({ length: stored.length + 1 }, (_, i) => i + 1))
  expect(history.slice(1).map((h) => h.value).sort((a, b) => a - b)).toEqual([...stored].sort((a, b) => a - b))
}

describe("concurrent revisions of one cell", () => {
  it("SQLite, one process: 30 writers at once — each stored or refused with 409, history gapless", async () => {
    const result = await race(() => Database.layerSqlite({ filename: ":memory:" }), 1, 30)
    check(result, 30)
  })

  const pg = postgresAvailability()
  if (pg.run) {
    it("PostgreSQL, 4 pools x 15 writers: each stored or refused, none lost or duplicated, total order", async () => {
      const url = await freshPostgresDatabase(pg.url)
      const result = await race(() => Database.layerPostgres({ url, maxConnections: 5 }), 4, 15)
      check(result, 60)
      expect(result.refused.length).toBeGreaterThan(0)
    })
  } else {
    it.skip(pg.reason, () => {})
  }
})
