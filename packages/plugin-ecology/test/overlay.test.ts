/**
 * The overlay worker: results in order, and the failure modes of the geometry library turned into
 * CalculatorErrors — an overlay that cannot finish in its budget is stopped ("timeout"), one that throws is
 * reported ("failed"), both naming the feature being processed.
 */
import { CalculatorError } from "@tijian/core/plugin"
import { describe, expect, it } from "vitest"
import { multiPolygonAreaM2, type Polygon } from "../src/internal/geometry.js"
import { type OverlayOp, startOverlay } from "../src/internal/overlay.js"
import { collection, geoFeature, runRedlines } from "./lonLatToy.js"
import { A, B, C, R, rect } from "./toyMap.js"

const op = (kind: OverlayOp["kind"], ...geoms: Array<Polygon>): OverlayOp => ({ kind, geoms, context: { file: "test", row: 7, what: "testing" } })

/** `n` overlapping star-shaped polygons: a union that takes a while. */
const stars = (n: number): Array<Polygon> => {
  let seed = 42
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647
  return Array.from({ length: n }, () => {
    const [cx, cy, r] = [rnd() * 5000, rnd() * 5000, 300 + rnd() * 300]
    const ring: Array<[number, number]> = Array.from({ length: 40 }, (_, i) => {
      const a = (2 * Math.PI * i) / 40
      const rr = r * (i % 2 === 0 ? 1 : 0.5 + rnd() * 0.3)
      return [cx + rr * Math.cos(a), cy + rr * Math.sin(a)]
    })
    return [[...ring, ring[0]!]]
  })
}

describe("overlay worker", () => {
  it("returns one result per operation, in order", async () => {
    const overlay = startOverlay({ timeoutMs: 30_000, chunkPositions: 10 })
    try {
      const results = await overlay.run([op("intersection", rect(0, 0, 10, 10), rect(5, 5, 20, 20)), op("union", rect(0, 0, 10, 10), rect(10, 0, 20, 10)), op("difference", rect(0, 0, 10, 10), rect(0, 0, 10, 5))])
      expect(results.map(multiPolygonAreaM2)).toEqual([25, 200, 50])
      expect(overlay.count()).toBe(3)
    } finally {
      await overlay.close()
    }
  })

  it("stops an overlay that runs past its budget with a 'timeout' error naming the operation, promptly", async () => {
    const overlay = startOverlay({ timeoutMs: 50 })
    const started = Date.now()
    try {
      const error = await overlay.run([{ kind: "union", geoms: stars(3000), context: { file: "redlines-current", row: 12, what: "dissolving features 12, 13" } }]).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(CalculatorError)
      expect(error).toMatchObject({ reason: "timeout", problems: [{ file: "redlines-current", row: 12 }] })
      expect((error as CalculatorError).message).toContain("did not finish within its budget of 0.05 s")
      expect(Date.now() - started).toBeLessThan(5_000)
    } finally {
      await overlay.close()
    }
  })

  it("reports a geometry the library cannot read as 'failed', naming the feature", async () => {
    const overlay = startOverlay({ timeoutMs: 30_000 })
    try {
      const broken = { kind: "union", geoms: [[[["x", 1]]]] as never, context: { file: "construction-current", row: 3, what: "intersecting feature 3 with the redline" } } as const
      await expect(overlay.run([op("union", rect(0, 0, 1, 1)), broken])).rejects.toMatchObject({
        reason: "failed",
        problems: [{ file: "construction-current", row: 3, message: expect.stringContaining("overlay failed while intersecting feature 3 with the redline") }],
      })
      // The worker survives a failed operation.
      expect((await overlay.run([op("union", rect(0, 0, 1, 1))])).map(multiPolygonAreaM2)).toEqual([1])
    } finally {
      await overlay.close()
    }
  })

  it("stops when the caller aborts", async () => {
    const controller = new AbortController()
    const overlay = startOverlay({ timeoutMs: 60_000, signal: controller.signal })
    setTimeout(() => controller.abort(), 20)
    try {
      await expect(overlay.run([op("union", ...stars(3000))])).rejects.toMatchObject({ reason: "timeout", message: expect.stringContaining("cancelled") })
    } finally {
      await overlay.close()
    }
  })

  it("turns a calculator run past its timeoutSeconds into a 'timeout' error and no values", async () => {
    const boundaries = collection([geoFeature(rect(0, 0, 1000, 1000), { region: A }), geoFeature(rect(1000, 0, 2000, 1000), { region: B }), geoFeature(rect(2000, 0, 3000, 1000), { region: C })])
    const redline = collection([geoFeature(R, { region: B })])
    const run = runRedlines({ "redlines-baseline": redline, "redlines-current": redline, boundaries }, { params: { timeoutSeconds: 0.000001 } })
    await expect(run).rejects.toMatchObject({ _tag: "CalculatorError", reason: "timeout" })
  })
})
