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
import type { StoredObservation } from "../Observation.js"
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

    it.effect("stores a checked write only while nothing was written since its check (checkedAt)", () =>
      run(
        Effect.gen(function* () {
          const store = yield* ObservationStore.ObservationStore
          const empty = yield* store.lastChange()
          yield* store.appendChunks([[row(10)]], "2024-01-01T00:00:00.000Z", { checkedAt: empty })
          const checked = yield* store.lastChange()
          // another write commits between the check and the write: the write is refused, nothing stored
          yield* store.append([row(11, { region: "320600" })], "2024-01-02T00:00:00.000Z")
          const stale = yield* Effect.flip(store.appendChunks([[row(12, { expectedRevision: 1 })]], "2024-01-03T00:00:00.000Z", { checkedAt: checked }))
          expect([stale._tag, stale._tag === "WriteConflict" ? stale.reason : null]).toEqual(["WriteConflict", "checked-data-changed"])
          expect((yield* store.current({ regions: ["320500"] })).map((o) => o.value)).toEqual([10])
          // checked again as of the latest change, it is stored
          yield* store.appendChunks([[row(12, { expectedRevision: 1 })]], "2024-01-03T00:00:00.000Z", { checkedAt: yield* store.lastChange() })
          expect((yield* store.current({ regions: ["320500"] })).map((o) => o.value)).toEqual([12])
        }),
      ))

    it.effect("a new indicator's cells are not probed, and one given twice, in a later chunk or the same one, is refused whole", () =>
      run(
        Effect.gen(function* () {
          const store = yield* ObservationStore.ObservationStore
          const message = (e: { readonly _tag: string; readonly message?: string }) => [e._tag, e.message]
          const later = yield* Effect.flip(store.appendChunks([[row(1), row(2, { year: 2023 })], [row(3)]], "2024-01-01T00:00:00.000Z"))
          expect(message(later)).toEqual(["WriteConflict", "rows 2..2: a cell is given twice in this write; give each cell once. Nothing was stored"])
          // in one chunk the two rows are named: the 1st and the 3rd of the second chunk
          const same = yield* Effect.flip(store.appendChunks([[row(4, { region: "320600" })], [row(1), row(2, { year: 2023 }), row(3)]], "2024-01-01T00:00:00.000Z"))
          expect(message(same)).toEqual(["WriteConflict", "rows 1 and 3: test.value for 320500 in 2022 is given twice in this write; give each cell once. Nothing was stored"])
          const breakdown = { breakdown: "mode=metro", dimensions: { mode: "metro" } }
          const sameBreakdown = yield* Effect.flip(store.appendChunks([[row(0.5), row(0.2, breakdown), row(0.3, breakdown)]], "2024-01-01T00:00:00.000Z"))
          expect(message(sameBreakdown)).toEqual(["WriteConflict", "rows 1 and 2: test.value (mode=metro) for 320500 in 2022 is given twice in this write; give each cell once. Nothing was stored"])
          expect(yield* store.current({})).toEqual([])
          // a stored cell (probed) given twice in one chunk takes the next two revisions, as before
          yield* store.append([row(1)], "2024-01-02T00:00:00.000Z")
          const stored = yield* store.appendChunks([[row(2), row(3)]], "2024-01-03T00:00:00.000Z")
          expect(stored.stored.map((o) => [o.revision, o.value])).toEqual([[2, 2], [3, 3]])
        }),
      ))

    it.effect("a new year of a stored indicator is not probed either; a stored year still is, chunk after chunk", () =>
      run(
        Effect.gen(function* () {
          const store = yield* ObservationStore.ObservationStore
          yield* store.append([row(1)], "2024-01-01T00:00:00.000Z")
          // 2023 has no row yet: its cells are new, so one given again in a later chunk is refused whole; that chunk's
          // failure is what the write reports, though the chunk after it is wrong too (a stale expected revision)
          const chunks = [[row(5, { year: 2023 })], [row(6, { year: 2023 })], [row(7, { year: 2024, expectedRevision: 3 })]]
          const twice = yield* Effect.flip(store.appendChunks(chunks, "2024-01-02T00:00:00.000Z"))
          expect([twice._tag, twice._tag === "WriteConflict" ? twice.message : ""]).toEqual(["WriteConflict", "rows 1..1: a cell is given twice in this write; give each cell once. Nothing was stored"])
          // 2022 has a row: probed in every chunk, so 2 then 3; 2023 starts at 1
          const stored = yield* store.appendChunks([[row(5), row(7, { year: 2023 })], [row(6)]], "2024-01-03T00:00:00.000Z")
          expect(stored.stored.map((o) => [o.year, o.revision, o.value])).toEqual([[2022, 2, 5], [2023, 1, 7], [2022, 3, 6]])
        }),
      ))

    it.effect("stores every column as given, whether the rows of a chunk share it or not", () =>
      run(
        Effect.gen(function* () {
          const store = yield* ObservationStore.ObservationStore
          const rows = [
            row(1.25, { region: "320500", note: "估算", noteZh: "估算", noteEn: "estimate", status: "provisional" }),
            row(-2.5, { region: "320600", agency: "nantong-bureau", sourceZh: "年鉴", sourceEn: "yearbook" }),
            row(1e-7, { region: "320700", source: "it's \"quoted\", {braced}\\ NULL", breakdown: "mode=metro", dimensions: { mode: "metro" } }),
          ]
          yield* store.appendChunks([rows, [row(3, { region: "320800" }), row(4, { region: "320900" })]], "2024-01-01T00:00:00.000Z")
          const back = [...(yield* store.current({})), ...(yield* store.breakdowns({}))]
          const columns = (o: StoredObservation) => [o.region, o.value, o.agency, o.source, o.note, o.sourceZh, o.sourceEn, o.noteZh, o.noteEn, o.status, o.breakdown ?? "", o.revision, o.submittedAt]
          const at = "2024-01-01T00:00:00.000Z"
          expect(back.map(columns)).toEqual([
            ["320500", 1.25, "suzhou-bureau", "statistical yearbook", "估算", null, null, "估算", "estimate", "provisional", "", 1, at],
            ["320600", -2.5, "nantong-bureau", "statistical yearbook", null, "年鉴", "yearbook", null, null, "final", "", 1, at],
            ["320800", 3, "suzhou-bureau", "statistical yearbook", null, null, null, null, null, "final", "", 1, at],
            ["320900", 4, "suzhou-bureau", "statistical yearbook", null, null, null, null, null, "final", "", 1, at],
            ["320700", 1e-7, "suzhou-bureau", "it's \"quoted\", {braced}\\ NULL", null, null, null, null, null, "final", "mode=metro", 1, at],
          ])
        }),
      ))

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

    it.effect("keeps sources and notes in Chinese and English, revision by revision and as of any time", () =>
      run(
        Effect.gen(function* () {
          const store = yield* ObservationStore.ObservationStore
          const bilingual = { source: "江苏统计年鉴2023", sourceZh: "江苏统计年鉴2023", sourceEn: "Jiangsu Statistical Yearbook 2023", noteZh: "初步数", noteEn: "preliminary" }
          yield* store.append([row(10, bilingual)], "2024-01-01T00:00:00.000Z")
          yield* store.append([row(11)], "2024-02-01T00:00:00.000Z")
          const [then] = yield* store.current({ asOf: "2024-01-15T00:00:00.000Z" })
          expect([then!.source, then!.sourceZh, then!.sourceEn, then!.note, then!.noteZh, then!.noteEn]).toEqual(
            ["江苏统计年鉴2023", "江苏统计年鉴2023", "Jiangsu Statistical Yearbook 2023", null, "初步数", "preliminary"],
          )
          const [now] = yield* store.current({})
          expect([now!.source, now!.sourceZh, now!.sourceEn, now!.noteZh]).toEqual(["statistical yearbook", null, null, null])
          // a repeated value with another note in one language is a change, not a repeat
          const same = yield* store.append([row(11, { skipIfUnchanged: true })], "2024-03-01T00:00:00.000Z")
          const changed = yield* store.append([row(11, { skipIfUnchanged: true, noteEn: "revised" })], "2024-03-02T00:00:00.000Z")
          expect([same.length, changed.map((o) => [o.revision, o.noteEn])]).toEqual([0, [[3, "revised"]]])
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

    it.effect("reads current values narrowly: the same revisions as `current`, in the same order", () =>
      run(
        Effect.gen(function* () {
          const store = yield* ObservationStore.ObservationStore
          yield* store.append([row(1), row(10, { region: "320100" }), row(20, { region: "320100", year: 2021 }), row(30, { indicator: "test.other" })], "2024-01-01T00:00:00.000Z")
          yield* store.append([row(2), row(11, { region: "320100" })], "2024-02-01T00:00:00.000Z")
          yield* store.append([row(3)], "2024-03-01T00:00:00.000Z")
          const narrow = (o: { id: string; indicator: string; region: string; year: number; value: number; submittedAt: string }) => ({
            id: o.id, indicator: o.indicator, region: o.region, year: o.year, value: o.value, submittedAt: o.submittedAt,
          })
          for (const q of [{}, { asOf: "2024-02-15T00:00:00.000Z" }, { regions: ["320500"] }, { indicators: ["test.value"], years: [2022] }]) {
            expect(yield* store.currentValues(q)).toEqual((yield* store.current(q)).map(narrow))
          }
          expect((yield* store.currentValues({ asOf: "2024-02-15T00:00:00.000Z" })).map((o) => [o.id, o.value])).toEqual([
            ["test.other/320500/2022/r1", 30],
            ["test.value/320100/2021/r1", 20],
            ["test.value/320100/2022/r2", 11],
            ["test.value/320500/2022/r2", 2],
          ])
        }),
      ),
    )

    it.effect("stamps writes in commit order: never earlier than the latest committed write; lastChange names it", () =>
      run(
        Effect.gen(function* () {
          const store = yield* ObservationStore.ObservationStore
          expect(yield* store.lastChange()).toBe(null)
          const first = yield* store.append([row(1)], "2024-01-01T00:00:00.000Z")
          expect(first[0]!.submittedAt).toBe("2024-01-01T00:00:00.000Z")
          // the same clock time again, then a clock that runs behind: each is stamped 1 ms after the latest write
          const same = yield* store.append([row(2)], "2024-01-01T00:00:00.000Z")
          expect(same[0]!.submittedAt).toBe("2024-01-01T00:00:00.001Z")
          const behind = yield* store.append([row(3)], "2023-06-01T00:00:00.000Z")
          expect(behind[0]!.submittedAt).toBe("2024-01-01T00:00:00.002Z")
          const lock = yield* store.lockYear(2030, { actor: "admin", reason: "published", at: "2024-01-01T00:00:00.000Z" })
          expect(lock.at).toBe("2024-01-01T00:00:00.003Z")
          expect(yield* store.lastChange()).toBe("2024-01-01T00:00:00.003Z")
          // a refused write changes nothing, the clock included
          yield* Effect.flip(store.append([row(4, { year: 2030 })], "2025-01-01T00:00:00.000Z"))
          expect(yield* store.lastChange()).toBe("2024-01-01T00:00:00.003Z")
          const later = yield* store.append([row(5)], "2024-05-01T00:00:00.000Z")
          expect(later[0]!.submittedAt).toBe("2024-05-01T00:00:00.000Z")
          expect((yield* store.current({ asOf: "2024-01-01T00:00:00.001Z" })).map((o) => o.value)).toEqual([2])
        }),
      ),
    )

    it.effect("locks a year: writes to it fail with a message, other years still write, unlock is recorded", () =>
      run(
        Effect.gen(function* () {
          const store = yield* ObservationStore.ObservationStore
          yield* store.append([row(1)], "2024-01-01T00:00:00.000Z")
          const lock = yield* store.lockYear(2022, { actor: "admin", reason: "2022 report published", at: "2024-02-20T00:00:00.000Z" })
          expect(lock).toMatchObject({ year: 2022, seq: 1, action: "lock" })
          const refused = yield* Effect.flip(store.append([row(2, { year: 2021 }), row(2)], "2024-03-01T00:00:00.000Z"))
          expect(refused.reason).toBe("year-locked")
          expect(refused.message).toContain('row 1: 2022 is locked (published) since 2024-02-20T00:00:00.000Z by admin ("2022 report published")')
          expect(yield* store.countRevisions()).toBe(1)
          yield* store.append([row(2, { year: 2021 })], "2024-03-01T00:00:00.000Z")
          expect(yield* store.lockedYears()).toEqual([2022])
          const again = yield* Effect.flip(store.lockYear(2022, { actor: "admin", reason: "again", at: "2024-03-02T00:00:00.000Z" }))
          expect(again.reason).toBe("lock-state")
          yield* store.unlockYear(2022, { actor: "admin", reason: "correction of Suzhou figure", at: "2024-04-01T00:00:00.000Z" })
          const stored = yield* store.append([row(3)], "2024-04-02T00:00:00.000Z")
          expect(stored[0]!.revision).toBe(2)
          const state = yield* store.yearLock(2022)
          expect(state.locked).toBe(false)
          expect(state.events.map((e) => [e.seq, e.action, e.reason])).toEqual([
            [1, "lock", "2022 report published"],
            [2, "unlock", "correction of Suzhou figure"],
          ])
          expect(yield* store.lockedYears()).toEqual([])
        }),
      ),
    )
  })
}
