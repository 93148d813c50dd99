/**
 * Concurrency: many writers revise the same three cells at once (each write sets all three, so they move
 * together), while readers fetch the report. Every report shows the three cells at one and the same revision
 * (one consistent snapshot, never half a write); every acknowledged write is in the history exactly once, and
 * nothing else is; the audit log has one entry per write.
 *
 * Every report read during the writes is read again afterwards as of the time it names, and must be the same:
 * core stamps a write inside its transaction, in commit order, and a report without `asOf` is as of the latest
 * committed stamp, so no write in flight can later land at or before a time a report has already named.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BACKENDS, postgresSkipped } from "../backends.js"
import { type Harness, makeHarness, type TokenName } from "./harness.js"

const WRITERS = 8
const WRITES_EACH = 8
const READERS = 3
const CELLS = ["ecology.forest-coverage", "beauty.growth", "ecology.redline-area-km2"] as const
const PATH = "/api/v1/observations?region=320509&year=2023"

/** The three values of write `u`: each derives from `u`, so a report mixing two writes shows it. */
const valuesOf = (u: number) => ({ "ecology.forest-coverage": (u % 100) / 100, "beauty.growth": u % 100, "ecology.redline-area-km2": u })

interface Seen {
  readonly asOf: string
  readonly revisions: ReadonlyArray<number>
  readonly values: ReadonlyArray<number | null>
}

for (const backend of BACKENDS) {
  describe(`concurrent writers and readers (${backend.name})`, () => {
    let h: Harness
    let tick = 0
    const base = Date.parse("2025-03-01T00:00:00.000Z")

    beforeAll(async () => {
      // every request gets its own millisecond, so as-of times tell every write apart
      h = await makeHarness(backend, { now: () => new Date(base + tick++), settings: { rateLimit: { requests: 0, windowSeconds: 60 } } })
    })
    afterAll(() => h.dispose())

    const revisionsOf = (ids: ReadonlyArray<string>) =>
      CELLS.map((cell) => Number(/\/r(\d+)$/.exec(ids.find((id) => id.startsWith(`${cell}/320509/2023/`)) ?? "/r0")![1]))

    const unstableSnapshots: Array<string> = []

    it("never shows half a write, never loses or duplicates one", async () => {
      const acknowledged: Array<{ u: number; revision: number }> = []
      let attempts = 0
      let conflicts = 0
      let writing = true
      const writer = async (w: number) => {
        const token: TokenName = w % 2 === 0 ? "admin" : "suzhouJs"
        let done = 0
        while (done < WRITES_EACH && attempts < WRITERS * WRITES_EACH * 40) {
          const current = new Map<string, number>(
            ((await h.call("GET", PATH)).json.observations as Array<{ indicator: string; revision: number }>).map((o) => [o.indicator, o.revision]),
          )
          const u = 1000 * (w + 1) + done + 1
          const values = valuesOf(u)
          attempts++
          const res = await h.call("POST", "/api/v1/observations", {
            token,
            body: { observations: CELLS.map((indicator) => ({ indicator, region: "320509", year: 2023, value: values[indicator], revision: current.get(indicator) ?? 0 })) },
          })
          if (res.status === 409) {
            conflicts++
            continue
          }
          expect(res.status, res.text).toBe(201)
          const revisions = (res.json.stored as Array<{ revision: number }>).map((s) => s.revision)
          expect(new Set(revisions).size, `one revision for the three cells: ${revisions.join(",")}`).toBe(1)
          acknowledged.push({ u, revision: revisions[0]! })
          done++
        }
      }
      const seen: Array<Seen> = []
      const reader = async () => {
        while (writing) {
          const report = (await h.call("GET", "/api/v1/reports/320509/2023")).json
          const values = CELLS.map((cell) => report.sections.flatMap((s: any) => s.evaluations).find((e: any) => e.indicator === cell)?.value ?? null)
          seen.push({ asOf: report.provenance.asOf, revisions: revisionsOf(report.provenance.revisions), values })
        }
      }
      const readers = Array.from({ length: READERS }, reader)
      await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)))
      writing = false
      await Promise.all(readers)

      // every report: the three cells at one revision, with the values of one write
      const byRevision = new Map(acknowledged.map((a) => [a.revision, a.u]))
      const torn = seen.filter((s) => {
        if (new Set(s.revisions).size !== 1) return true
        const r = s.revisions[0]!
        if (r === 0) return s.values.some((v) => v !== null)
        const values = valuesOf(byRevision.get(r)!)
        return CELLS.some((cell, i) => s.values[i] !== values[cell])
      })
      expect(torn).toEqual([])

      // the history: revisions 1..n of each cell, one per acknowledged write, with its values, in both orders alike
      const n = acknowledged.length
      expect(n).toBe(WRITERS * WRITES_EACH)
      expect([...byRevision.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1))
      for (const cell of CELLS) {
        const history = (await h.call("GET", `/api/v1/observations/${cell}/320509/2023/history`)).json.revisions as Array<{ revision: number; value: number }>
        expect(history.map((r) => [r.revision, r.value])).toEqual(history.map((r) => [r.revision, valuesOf(byRevision.get(r.revision)!)[cell]]))
        expect(history.map((r) => r.revision)).toEqual(Array.from({ length: n }, (_, i) => i + 1))
      }
      const audit = (await h.call("GET", "/api/v1/audit?action=observations.write&limit=1000", { token: "admin" })).json.entries as Array<{ count: number }>
      expect([audit.length, audit.every((e) => e.count === 3)]).toEqual([n, true])

      expect(seen.length).toBeGreaterThan(READERS)

      // each snapshot read again as of its time, now that every write has finished (asserted below)
      for (const s of seen.filter((_, i) => i % 3 === 0)) {
        const again = (await h.call("GET", `/api/v1/reports/320509/2023?asOf=${encodeURIComponent(s.asOf)}`)).json
        const revisions = revisionsOf(again.provenance.revisions)
        if (revisions.join() !== s.revisions.join()) unstableSnapshots.push(`as of ${s.asOf}: saw r${s.revisions.join("/")}, now r${revisions.join("/")}`)
      }
      console.info(
        `concurrency (${backend.name}): ${attempts} writes attempted, ${n} committed x ${CELLS.length} cells (${n * CELLS.length} revisions checked), ` +
          `${conflicts} refused with 409, ${seen.length} reports read during the writes, 0 torn, 0 lost, 0 duplicated; ` +
          `${unstableSnapshots.length} snapshots read differently later as of the same time`,
      )
    }, 60_000)

    it("a report read during a write reads the same later as of its own as-of time", () => {
      expect(unstableSnapshots).toEqual([])
    })
  })
}

if (postgresSkipped) describe.skip(postgresSkipped, () => it("runs the concurrency test on PostgreSQL", () => {}))
