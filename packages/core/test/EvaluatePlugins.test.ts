/**
 * `evaluatePlugins` (plugin tests' in-memory report) gives the report the engine gives over a database, refuses
 * rows as registration does (breakdowns included), and reads a cell's later row as its later revision.
 */
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import * as Engine from "../src/Engine.js"
import { evaluatePlugins } from "../src/plugin/testing/evaluatePlugins.js"
import { registerObservations } from "../src/Registration.js"
import { mobilityPlugin } from "./breakdownFixtures.js"
import { chainPlugin, runWith } from "./fixtures.js"

const asOf = "2025-03-01T00:00:00.000Z"
const rows = [
  { indicator: "t.a", region: "320500", year: 2024, value: 40 },
  { indicator: "t.b", region: "320500", year: 2024, value: 2 },
  { indicator: "t.a", region: "320500", year: 2023, value: 30 },
  { indicator: "t.b", region: "320500", year: 2023, value: 3 },
]

describe("evaluatePlugins", () => {
  it("computes 40 + 2 = 42 and 42 × 10 = 420 from the registered rows", async () => {
    const { row, registered } = await evaluatePlugins([chainPlugin], rows, { scope: "320500", year: 2024, asOf })
    expect(row("t.sum").value).toBe(42)
    expect(row("t.total").value).toBe(420)
    expect(row("t.b").targets[0]).toMatchObject({ binding: true, met: true })
    expect(registered[0]).toMatchObject({ agency: "test", source: "test" })
  })

  it("gives the same report, content hash included, as the engine over SQLite", async () => {
    const inMemory = await evaluatePlugins([chainPlugin], rows, { scope: "320500", year: 2024, asOf })
    const stored = await runWith(
      [chainPlugin],
      Effect.gen(function* () {
        yield* registerObservations(rows.map((r) => ({ ...r, agency: "test", source: "test" })), asOf)
        return yield* (yield* Engine.Engine).evaluate({ scope: "320500", year: 2024, asOf })
      }),
    )
    expect(inMemory.report).toEqual(stored)
    expect(inMemory.report.provenance.contentHash).toBe(stored.provenance.contentHash)
  })

  it("reads a cell's later row as its revision 2", async () => {
    const { row, report } = await evaluatePlugins([chainPlugin], [...rows, { indicator: "t.a", region: "320500", year: 2024, value: 50 }], { scope: "320500", year: 2024, asOf })
    expect(row("t.sum").value).toBe(52)
    expect(report.provenance.revisions).toContain("t.a/320500/2024/r2")
  })

  it("refuses a value out of range with every problem in the message, and names an indicator missing from the report", async () => {
    await expect(evaluatePlugins([chainPlugin], [{ indicator: "t.a", region: "320500", year: 2024, value: 120 }, { indicator: "t.a", region: "999999", year: 2024, value: 1 }], { scope: "320500", year: 2024 })).rejects.toThrow(
      /2 problem\(s\) in 2 row\(s\); nothing was stored: row 0, value: 120 is outside the valid range 0\.\.100 of t\.a \(index\); row 1, region: unknown region code "999999"/,
    )
    const { row } = await evaluatePlugins([chainPlugin], rows, { scope: "320500", year: 2024 })
    expect(() => row("t.nothing")).toThrow(/the report of 320500 2024 has no evaluation of t\.nothing; it has t\./)
  })

  it("checks breakdowns as a write does: a breakdown needs its total among the rows, additive ones add up; the report reads the total", async () => {
    const cell = { indicator: "mob.green-share", region: "320500", year: 2022 }
    await expect(evaluatePlugins([mobilityPlugin], [{ ...cell, value: 0.3, dimensions: { mode: "metro" } }], { scope: "320500", year: 2022 })).rejects.toThrow(
      "1 problem(s) in 1 row(s); nothing was stored: row 0, dimensions: mob.green-share (mode=metro) for 320500 in 2022 is a breakdown without its total: register the total first, or in the same write",
    )
    // metro 30% + bus 25% + bike 15% = 70%
    const modes = [["metro", 0.3], ["bus", 0.25], ["bike", 0.15]] as const
    const { row } = await evaluatePlugins([mobilityPlugin], [{ ...cell, value: 0.7 }, ...modes.map(([mode, value]) => ({ ...cell, value, dimensions: { mode } }))], { scope: "320500", year: 2022 })
    expect(row("mob.green-share").value).toBe(0.7)
  })
})
