/**
 * Approval of data sets on both backends: the state machine, writes refused while a set is submitted or approved,
 * out-of-order actions refused with the current state, and two approvers at once (exactly one wins).
 */
import { Effect, Either, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { nextApprovalState } from "../src/Approval.js"
import * as Approvals from "../src/Approvals.js"
import * as Database from "../src/Database.js"
import * as ObservationStore from "../src/ObservationStore.js"
import { freshPostgresDatabase, postgresAvailability } from "../src/testing/index.js"

const set = { plugin: "ecology", region: "320509", year: 2023 }
const value = (v: number, revision?: number) => ({
  indicator: "ecology.redline-area-km2",
  region: "320509",
  year: 2023,
  value: v,
  agency: "wujiang",
  source: "survey",
  ...(revision === undefined ? {} : { expectedRevision: revision }),
})
const at = (minute: number) => `2025-03-01T00:${String(minute).padStart(2, "0")}:00.000Z`

const suite = (name: string, layer: () => Promise<Layer.Layer<Database.Database, any>>) =>
  describe(`approvals: ${name}`, () => {
    const run = async <A, E>(body: Effect.Effect<A, E, Approvals.Approvals | ObservationStore.ObservationStore>) =>
      Effect.runPromise(Effect.provide(body, Layer.mergeAll(Approvals.layer, ObservationStore.layer).pipe(Layer.provideMerge(await layer()))))

    it("moves a set open -> submitted -> returned -> submitted -> approved -> open; writes only while open or returned", async () => {
      const trail = await run(
        Effect.gen(function* () {
          const approvals = yield* Approvals.Approvals
          const store = yield* ObservationStore.ObservationStore
          const step = (action: Parameters<Approvals.ApprovalsService["transition"]>[1], actor: string, minute: number, comment: string | null = null) =>
            approvals.transition(set, action, { actor, comment, at: at(minute) })
          const write = (v: number, revision: number, minute: number) => Effect.either(store.append([value(v, revision)], at(minute)))
          const log: Array<unknown> = []
          expect((yield* approvals.status(set)).state).toBe("open")
          yield* store.append([value(30)], at(0))
          yield* step("submit", "wujiang", 1)
          const whileSubmitted = yield* write(31, 1, 2)
          log.push(Either.isLeft(whileSubmitted) ? [whileSubmitted.left._tag, (whileSubmitted.left as any).reason] : "stored")
          yield* step("return", "suzhou", 3, "redline area disagrees with the survey")
          log.push(Either.isRight(yield* write(31, 1, 4)) ? "stored" : "refused")
          yield* step("submit", "wujiang", 5)
          const approved = yield* step("approve", "suzhou", 6)
          const whileApproved = yield* write(32, 2, 7)
          log.push(Either.isLeft(whileApproved) ? (whileApproved.left as any).message : "stored")
          const approveAgain = yield* Effect.either(step("approve", "suzhou", 8))
          log.push(Either.isLeft(approveAgain) ? [(approveAgain.left as any).reason, (approveAgain.left as any).message] : "approved twice")
          yield* step("reopen", "suzhou", 9, "census revision")
          log.push(Either.isRight(yield* write(32, 2, 10)) ? "stored" : "refused")
          const status = yield* approvals.status(set)
          log.push(status.events.map((e) => [e.seq, e.action, e.state, e.actor, e.comment]))
          log.push((yield* store.history("ecology.redline-area-km2", "320509", 2023)).map((o) => o.value))
          log.push(approved.at)
          return log
        }),
      )
      expect(trail).toEqual([
        ["WriteConflict", "data-set-closed"],
        "stored",
        'row 0: ecology.redline-area-km2 belongs to data set ecology/320509/2023, approved by suzhou at 2025-03-01T00:06:00.000Z; nothing was stored. It takes no new values: an approver must reopen it first (POST /api/v1/approvals/ecology/320509/2023/reopen with a reason)',
        ["approval-state", 'ecology/320509/2023 is approved since 2025-03-01T00:06:00.000Z (suzhou); "approve" applies only to a data set that is submitted'],
        "stored",
        [
          [1, "submit", "submitted", "wujiang", null],
          [2, "return", "returned", "suzhou", "redline area disagrees with the survey"],
          [3, "submit", "submitted", "wujiang", null],
          [4, "approve", "approved", "suzhou", null],
          [5, "reopen", "open", "suzhou", "census revision"],
        ],
        [30, 31, 32],
        "2025-03-01T00:06:00.000Z",
      ])
    })

    it("refuses an action out of order with the current state; lists latest states by filter", async () => {
      const result = await run(
        Effect.gen(function* () {
          const approvals = yield* Approvals.Approvals
          const open = yield* Effect.either(approvals.transition(set, "approve", { actor: "suzhou", comment: null, at: at(0) }))
          yield* approvals.transition({ ...set, plugin: "rail" }, "submit", { actor: "wujiang", comment: null, at: at(1) })
          yield* approvals.transition({ ...set, region: "310118" }, "submit", { actor: "qingpu", comment: null, at: at(2) })
          const submitted = yield* approvals.list({ year: 2023, state: "submitted" })
          const ofRegion = yield* approvals.list({ region: "310118" })
          return { open: Either.isLeft(open) ? (open.left as any).message : "approved", submitted: submitted.map((e) => `${e.plugin}/${e.region}`), ofRegion: ofRegion.length }
        }),
      )
      expect(result).toEqual({
        open: 'ecology/320509/2023 is open; "approve" applies only to a data set that is submitted',
        submitted: ["ecology/310118", "rail/320509"],
        ofRegion: 1,
      })
    })

    it("two approvers at once: exactly one transition wins, the other gets 409 with the state", async () => {
      const outcomes = await run(
        Effect.gen(function* () {
          const approvals = yield* Approvals.Approvals
          yield* approvals.transition(set, "submit", { actor: "wujiang", comment: null, at: at(0) })
          const race = yield* Effect.all(
            [
              Effect.either(approvals.transition(set, "approve", { actor: "suzhou", comment: null, at: at(1) })),
              Effect.either(approvals.transition(set, "return", { actor: "jiangsu", comment: "check", at: at(1) })),
              Effect.either(approvals.transition(set, "approve", { actor: "yrd-office", comment: null, at: at(1) })),
            ],
            { concurrency: "unbounded" },
          )
          const status = yield* approvals.status(set)
          return { won: race.filter(Either.isRight).length, refused: race.filter(Either.isLeft).map((e) => (e.left as any).reason), events: status.events.length }
        }),
      )
      expect(outcomes).toEqual({ won: 1, refused: ["approval-state", "approval-state"], events: 2 })
    })
  })

describe("the approval state machine", () => {
  it("applies each action only where it may", () => {
    expect([nextApprovalState("open", "submit"), nextApprovalState("returned", "submit"), nextApprovalState("submitted", "approve")]).toEqual(["submitted", "submitted", "approved"])
    expect([nextApprovalState("submitted", "return"), nextApprovalState("approved", "reopen")]).toEqual(["returned", "open"])
    expect([nextApprovalState("open", "approve"), nextApprovalState("approved", "submit"), nextApprovalState("open", "reopen"), nextApprovalState("returned", "approve")]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ])
  })
})

suite("SQLite", async () => Database.layerSqlite({ filename: ":memory:" }))
const pg = postgresAvailability()
if (pg.run) suite("PostgreSQL", async () => Database.layerPostgres({ url: await freshPostgresDatabase(pg.url), maxConnections: 4 }))
else describe("approvals: PostgreSQL", () => it.skip(pg.reason, () => {}))
