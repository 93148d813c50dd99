/**
 * Computed values are registered as observations whose source carries the run's provenance (calculator, plugin
 * version, file hashes, parameters), and the engine judges them against the binding targets. A run refused for
 * invalid input stores nothing.
 */
import { provenanceSource } from "@tijian/core/plugin"
import { evaluatePlugins } from "@tijian/core/plugin/testing"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { ecology } from "../src/index.js"
import { collection, geoFeature, runRedlines } from "./lonLatToy.js"
import { A, B, C, K, R, rect } from "./toyMap.js"

const asOf = "2025-03-01T00:00:00.000Z"

/** Runs the calculator and registers its values (only if it succeeds), then evaluates DEMO-ZONE for 2024. */
const runAndStore = async (files: Record<string, unknown>) => {
  const run = await Effect.runPromise(Effect.either(Effect.tryPromise(() => runRedlines(files, { params: { baselineYear: "2020" } }))))
  const rows = run._tag === "Right" ? run.right.output.values.map((v) => ({ ...v, agency: "demo-zone-ecology", source: provenanceSource(run.right.provenance) })) : []
  const { registered, report, row } = await evaluatePlugins([ecology], rows, { scope: "DEMO-ZONE", year: 2024, asOf })
  return { run, stored: registered, report, row }
}

const boundaries = collection([
  geoFeature(rect(0, 0, 1000, 1000), { region: A }),
  geoFeature(rect(1000, 0, 2000, 1000), { region: B }),
  geoFeature(rect(2000, 0, 3000, 1000), { region: C }),
])

describe("storing computed redline values", () => {
  it("stores one value per indicator per region with the run's provenance, and the engine flags the binding misses", async () => {
    const { stored, row, report } = await runAndStore({
      "redlines-baseline": collection([geoFeature(R, { region: B })]),
      "redlines-current": collection([geoFeature(rect(500, 200, 2500, 790), { region: B })]),
      boundaries,
      "construction-baseline": collection([]),
      "construction-current": collection([geoFeature(K)]),
    })
    const retention = stored.find((o) => o.indicator === "ecology.redline-area-retention" && o.region === "DEMO-ZONE")!
    expect(retention.value).toBeCloseTo(0.98333, 4)
    expect(retention.agency).toBe("demo-zone-ecology")
    // the plugin's version is its package's (package.json)
    expect(retention.source).toMatch(/^calculator ecology\.redline-integrity \(ecology 0\.1\.0\); inputs: boundaries=boundaries\.geojson sha256:[0-9a-f]{12}, /)
    expect(retention.source).toContain('params: {"baselineYear":2020,"regionField":"region"')
    expect(new Set(stored.map((o) => o.region))).toEqual(new Set([A, B, C, "DEMO-ZONE"]))
    expect(stored).toHaveLength(4 * 6)
    expect(row("ecology.redline-area-retention").targets[0]).toMatchObject({ binding: true, met: false })
    expect(row("ecology.redline-new-encroachment-km2").targets[0]).toMatchObject({ binding: true, met: false })
    expect(report.summary.bindingMissed).toBe(3)
  })

  it("stores nothing when a feature is invalid", async () => {
    const bowTie = collection([{ type: "Feature", properties: { region: B }, geometry: { type: "Polygon", coordinates: [[[121, 31], [121.01, 31.01], [121.01, 31], [121, 31.01], [121, 31]]] } }])
    const { run, stored } = await runAndStore({ "redlines-baseline": bowTie, "redlines-current": bowTie, boundaries })
    expect(run._tag).toBe("Left")
    expect(stored).toEqual([])
  })
})
