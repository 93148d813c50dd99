/**
 * Writes of any size within the body limit: a backfill of 20 indicators x 60 years touches 1,200 distinct
 * (indicator, year) pairs, one more than SQLite's expression depth allowed when every pair was one OR of one
 * lookup ("Expression tree is too large (maximum depth 1000)", a 500 with the SQL error sent to the client).
 * Now the lookups go in chunks: one JSON write and one CSV import of 1,200 cells each store every value, on both
 * backends.
 */
import { Registry } from "@tijian/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runOrThrow } from "../../src/runtime.js"
import { BACKENDS } from "../backends.js"
import { type Harness, makeHarness } from "./harness.js"

const YEARS = Array.from({ length: 60 }, (_, i) => 1966 + i) // 1966 ... 2025

for (const backend of BACKENDS) {
  describe(`large writes (${backend.name})`, () => {
    let h: Harness
    let indicators: ReadonlyArray<{ id: string; value: number }>

    beforeAll(async () => {
      h = await makeHarness(backend)
      const registry = await runOrThrow(h.runtime, Registry.Registry)
      // 20 observed indicators, each with a value inside its range (the middle of it, or 1 when open)
      indicators = registry.indicators
        .filter((i) => i.kind === "observed")
        .slice(0, 20)
        .map((i) => ({ id: i.id, value: i.range?.min !== undefined && i.range.max !== undefined ? (i.range.min + i.range.max) / 2 : 1 }))
      expect(indicators).toHaveLength(20)
    })
    afterAll(() => h.dispose())

    const count = async (region: string) => {
      const res = await h.call("GET", `/api/v1/observations?region=${region}`)
      return (res.json.observations as ReadonlyArray<unknown>).length
    }

    it("one JSON write of 20 indicators x 60 years: 1,200 values stored", async () => {
      const observations = indicators.flatMap((i) => YEARS.map((year) => ({ indicator: i.id, region: "320509", year, value: i.value, source: "backfill" })))
      const res = await h.call("POST", "/api/v1/observations", { token: "admin", body: { observations } })
      expect([res.status, res.json.stored?.length], res.text.slice(0, 300)).toEqual([201, 1200])
      expect(await count("320509")).toBe(1200)
      // the same write again changes nothing (every cell is looked up, in chunks, and found equal)
      const again = await h.call("POST", "/api/v1/observations", { token: "admin", body: { observations: observations.map((o) => ({ ...o, value: o.value })) } })
      expect(again.status, again.text.slice(0, 300)).toBeLessThan(500)
    })

    it("one CSV import of 20 indicators x 60 years: 1,200 values stored", async () => {
      const lines = indicators.flatMap((i) => YEARS.map((year) => `${i.id},310118,${year},${i.value},backfill,`))
      const csv = `indicator,region,year,value,source,note\n${lines.join("\n")}\n`
      const res = await h.call("POST", "/api/v1/observations/import", { token: "admin", body: csv, headers: { "content-type": "text/csv" } })
      expect([res.status, res.json.count, res.json.stored?.length], res.text.slice(0, 300)).toEqual([201, 1200, 1000]) // the answer lists the first 1,000
      expect(await count("310118")).toBe(1200)
    })
  })
}
