/**
 * The reads `Engine.evaluateMany` answers from one batch's rows: what they hold is answered from them exactly as the
 * store would (same rows, same cell order), and anything else — another time, a region outside the batch, a query of
 * every region — goes to the store. Rows: indicators a and b, regions 1, 2 and 3, years 2020-2021.
 */
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { prefetch, prefetchedReads, scopeBatches } from "../src/internal/prefetchedReads.js"
import type { ReportReads } from "../src/internal/scopeReport.js"
import { memoryReads } from "../src/plugin/testing/memoryReads.js"

const AS_OF = "2024-01-01T00:00:00.000Z"
const rows = ["a", "b"].flatMap((indicator) =>
  ["1", "2", "3"].flatMap((region) => [2020, 2021].map((year) => ({ indicator, region, year, value: Number(region) * 100 + (year - 2020), agency: "t", source: "t" }))),
)
const store = memoryReads(rows, AS_OF)

/** The store, counting the reads that reach it. */
const counted = () => {
  let reached = 0
  const reads: ReportReads = {
    ...store,
    currentValues: (q) => Effect.suspend(() => (reached++, store.currentValues(q))),
    approvalStates: (q) => Effect.suspend(() => (reached++, store.approvalStates(q))),
  }
  return { reads, reached: () => reached }
}

describe("prefetched reads", () => {
  it("answers a query within the batch from its rows, as the store does, in cell order", async () => {
    const { reads, reached } = counted()
    const rowsOf12 = await Effect.runPromise(prefetch(reads, { regions: ["2", "1"], scopes: ["1", "2"], year: 2021, asOf: AS_OF, dimensioned: [] }))
    expect(reached()).toBe(2) // values and approval states, once
    const batch = prefetchedReads(reads, rowsOf12)
    const queries = [
      { regions: ["2", "1"], asOf: AS_OF },
      { regions: ["1"], asOf: AS_OF, indicators: ["b"] },
      { regions: ["2", "1"], asOf: AS_OF, years: [2021], indicators: ["a", "b"] },
    ]
    for (const q of queries) expect(await Effect.runPromise(batch.currentValues(q))).toEqual(await Effect.runPromise(store.currentValues(q)))
    expect(reached()).toBe(2)
    // cell order: indicator, then region, then year (a/1/2020, a/1/2021, a/2/2020, ...)
    expect((await Effect.runPromise(batch.currentValues(queries[0]!))).map((v) => v.value)).toEqual([100, 101, 200, 201, 100, 101, 200, 201])
  })

  it("passes to the store what the batch does not hold: region 3, another time, every region", async () => {
    const { reads, reached } = counted()
    const batch = prefetchedReads(reads, await Effect.runPromise(prefetch(reads, { regions: ["1", "2"], scopes: ["1", "2"], year: 2021, asOf: AS_OF, dimensioned: [] })))
    const outside = [{ regions: ["1", "3"], asOf: AS_OF }, { regions: ["1"], asOf: "2025-01-01T00:00:00.000Z" }, { asOf: AS_OF }]
    for (const q of outside) expect(await Effect.runPromise(batch.currentValues(q))).toEqual(await Effect.runPromise(store.currentValues(q)))
    expect(reached()).toBe(2 + 3)
    expect((await Effect.runPromise(batch.currentValues(outside[0]!))).map((v) => v.region)).toContain("3")
  })
})

describe("scope batches", () => {
  const lengths = (scopes: number, indicators: number) => scopeBatches(Array.from({ length: scopes }, (_, i) => i), indicators).map((b) => b.length)

  it("cuts about 50,000 rows a batch, starting 16 times smaller and doubling, in the order given", () => {
    // 10 indicators x 20 years: 250 counties a batch; 16 + 32 + 64 + 128 = 240, then 2,735 = 10 x 250 + 235
    expect(lengths(2978, 10)).toEqual([16, 32, 64, 128, ...Array<number>(10).fill(250), 238])
    // 100 indicators: 25 a batch, from ceil(25 / 16) = 2
    expect(lengths(100, 100)).toEqual([2, 4, 8, 16, 25, 25, 20])
    // none declared: 2,500 a batch, from 157
    expect(lengths(600, 0)).toEqual([157, 314, 129])
    // more indicators than fit a batch: one scope at a time
    expect(lengths(3, 5000)).toEqual([1, 1, 1])
    expect(lengths(0, 10)).toEqual([])
    expect(scopeBatches(["a", "b", "c", "d"], 1000).flat()).toEqual(["a", "b", "c", "d"])
  })
})

