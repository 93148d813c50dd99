/**
 * Untrusted GeoJSON (issue #23): files generated here are refused by their size, feature count or vertex count
 * before they are parsed or checked, each message naming the file, what was counted, the limit and the setting.
 */
import { CalculatorError } from "@tijian/core/plugin"
import { describe, expect, it } from "vitest"
import { PositionCounter } from "../src/internal/readGeoJsonText.js"
import { collection, geoFeature, refused, runRedlines } from "./lonLatToy.js"
import { A, B, C, R, rect } from "./toyMap.js"

const HOW = "split the input, or raise inputLimits"
const boundaries = collection([
  geoFeature(rect(0, 0, 1000, 1000), { region: A }),
  geoFeature(rect(1000, 0, 2000, 1000), { region: B }),
  geoFeature(rect(2000, 0, 3000, 1000), { region: C }),
])
const good = collection([geoFeature(R, { region: B }, "R")])
/** 1,000 squares of 10 m, each a closed ring of 5 positions: 5,000 vertices. */
const thousandSquares = collection(Array.from({ length: 1000 }, (_, i) => geoFeature(rect(i, 0, i + 10, 10), { region: B })))

const refusal = (current: unknown, options: Parameters<typeof runRedlines>[1]): Promise<CalculatorError> =>
  refused(runRedlines({ "redlines-baseline": good, "redlines-current": current, boundaries }, options))

describe("GeoJSON under the input limits", () => {
  it("refuses a 2 MiB file over a 1 MiB limit from its size, before reading it", async () => {
    const text = JSON.stringify(good)
    const e = await refusal(text + " ".repeat(2 * 1024 * 1024 - text.length), { limits: { maxUnpackedBytes: 1024 * 1024 } })
    expect(e.reason).toBe("too-large")
    expect(e.message).toBe(
      `redlines-current holds 2 MiB unpacked bytes (limit maxUnpackedBytes = 1 MiB); ${HOW}.maxUnpackedMb in tijian.config.json (docs/security.md)`,
    )
    expect(e.problems).toEqual([{ file: "redlines-current", message: e.message }])
  })

  it("refuses 1,000 features over a limit of 999", async () => {
    const e = await refusal(thousandSquares, { limits: { maxFeatures: 999 } })
    expect(e.reason).toBe("too-large")
    expect(e.message).toBe(`redlines-current holds 1,000 features (limit maxFeatures = 999); ${HOW}.maxFeatures in tijian.config.json (docs/security.md)`)
  })

  it("refuses 5,000 vertices over a limit of 4,999, counted while reading (the other files hold 5 and 15)", async () => {
    const e = await refusal(thousandSquares, { limits: { maxVertices: 4_999 } })
    expect(e.reason).toBe("too-large")
    expect(e.message).toBe(
      `redlines-current holds more than 4,999 vertices (limit maxVertices = 4,999); ${HOW}.maxVertices in tijian.config.json (docs/security.md)`,
    )
  })

  it("computes when every file is within the limits: boundaries at exactly 3 features and 15 vertices", async () => {
    const { output } = await runRedlines({ "redlines-baseline": good, "redlines-current": good, boundaries }, { limits: { maxFeatures: 3, maxVertices: 15 } })
    expect(output.values.length).toBeGreaterThan(0)
  })

  it("stops reading when the run is aborted, with the abort's reason", async () => {
    const reason = new CalculatorError({ reason: "timeout", message: "time budget of 0 s spent", problems: [] })
    const controller = new AbortController()
    controller.abort(reason)
    expect(await refusal(thousandSquares, { signal: controller.signal })).toBe(reason)
  })

  it("counts positions, not numbers in strings, across chunk boundaries: 2 in this text fed a byte at a time", () => {
    const counter = new PositionCounter()
    for (const byte of Buffer.from('{"name":"[1,2] \\"[3,4]","c":[[1,2],[ -3,4]],"t":["a"]}')) counter.feed(Uint8Array.of(byte))
    expect(counter.count).toBe(2)
  })
})
