/**
 * The storage conformance suite: one test body that every storage backend runs in one line.
 *
 * @example
 * observationStoreSuite("sqlite", () => Database.layerSqlite({ filename: ":memory:" }))
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import type { Database } from "../Database.js"
import type { StorageError } from "../Errors.js"
import * as ObservationStore from "../ObservationStore.js"

const row = (value: number, extra: Record<string, unknown> = {}) => ({
  indicator: "test.value",
  region: "320500",
  year: 2022,
  value,
  agency: "suzhou-bureau",
  source: "statistical yearbook",
  ...extra,
})

/** Runs the storage conformance tests against a fresh database from `makeDatabase` for each test. */
export const observationStoreSuite = (name: string, makeDatabase: () => Layer.Layer<Database, StorageError>): void => {
  describe(`ObservationStore conformance: ${name}`, () => {
    const run = <A, E>(body: Effect.Effect<A, E, ObservationStore.ObservationStore>) =>
      Effect.provide(body, ObservationStore.layer.pipe(Layer.provide(makeDatabase())))

    it.effect("appends revisions 1, 2, 3 and reads the value as of any time", () =>
      run(
        Effect.gen(function* () {
          const store = yield* ObservationStore.ObservationStore
          yield* store.append([row(10)], "2024-01-01T00:00:00.000Z")
          yield* store.append([row(11, { note: "corrected" })], "2024-02-01T00:00:00.000Z")
          yield* store.append([row(12)], "2024-03-01T00:00:00.000Z")
          const between = yield* store.current({ asOf: "2024-01-15T00:00:00.000Z" })
          expect(between.map((o) => [o.revision, o.value])).toEqual([[1, 10]])
          const before = yield* store.current({ asOf: "2023-12-31T23:59:59.999Z" })
          expect(before).toEqual([])
          const now = yield* store.current({})
          expect(now.map((o) => [o.id, o.value])).toEqual([["test.value/320500/2022/r3", 12]])
          const history = yield* store.history("test.value", "320500", 2022)
          expect(history.map((o) => [o.revision, o.value, o.note, o.submittedAt])).toEqual([
            [1, 10, null, "2024-01-01T00:00:00.000Z"],
            [2, 11, "corrected", "2024-02-01T00:00:00.000Z"],
            [3, 12, null, "2024-03-01T00:00:00.000Z"],
          ])
        }),
      ),
    )

    it.effect("keeps cells apart by region code: 320500 and 341300 are different Suzhous", () =>
      run(
        Effect.gen(function* () {
          const store = yield* ObservationStore.ObservationStore
          yield* store.append([row(1), row(2, { region: "341300" })], "2024-01-01T00:00:00.000Z")
          const js = yield* store.current({ regions: ["320500"] })
          const ah = yield* store.current({ regions: ["341300"] })
          expect(js.map((o) => o.value)).toEqual([1])
          expect(ah.map((o) => o.value)).toEqual([2])
        }),
      ),
    )

    it.effect("refuses a whole batch when one row's expected revision is stale, storing nothing", () =>
      run(
        Effect.gen(function* () {
          const store = yield* ObservationStore.ObservationStore
          yield* store.append([row(1)], "2024-01-01T00:00:00.000Z")
          const error = yield* Effect.flip(
            store.append([row(5, { year: 2023, expectedRevision: 0 }), row(2, { expectedRevision: 0 })], "2024-01-02T00:00:00.000Z"),
          )
          expect(error._tag).toBe("WriteConflict")
          expect(error.message).toContain("is at revision 1, not 0")
          expect(yield* store.countRevisions()).toBe(1)
          const ok = yield* store.append([row(2, { expectedRevision: 1 })], "2024-01-03T00:00:00.000Z")
          expect(ok.map((o) => o.revision)).toEqual([2])
        }),
      ),
    )

    it.effect("stores a 2,000-row batch in one call and filters by indicator, region and year", () =>
      run(
        Effect.gen(function* () {
          const store = yield* ObservationStore.ObservationStore
          const rows = Array.from({ length: 2000 }, (_, i) => row(i, { year: 2000 + (i % 20), region: `R${Math.floor(i / 20)}` }))
          const stored = yield* store.append(rows, "2024-01-01T00:00:00.000Z")
          expect(stored).toHaveLength(2000)
          expect(yield* store.countRevisions()).toBe(2000)
          const some = yield* store.current({ regions: ["R3", "R7"], years: [2005] })
          expect(some.map((o) => [o.region, o.value])).toEqual([
            ["R3", 65],
            ["R7", 145],
          ])
        }),
      ),
    )
  })
}
