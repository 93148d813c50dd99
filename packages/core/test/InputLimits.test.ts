import { describe, expect, it } from "vitest"
import { CalculatorError, DEFAULT_INPUT_LIMITS, inputTooLarge } from "../src/index.js"

describe("inputTooLarge", () => {
  it("names the file, the size found, the limit and how to raise it", () => {
    const e = inputTooLarge({ file: "feed.zip/stop_times.txt", limit: "maxUnpackedBytes", limits: DEFAULT_INPUT_LIMITS, found: 2 * 1024 ** 3 })
    expect(e).toBeInstanceOf(CalculatorError)
    expect(e.reason).toBe("too-large")
    expect(e.message).toBe(
      "feed.zip/stop_times.txt holds 2048 MiB unpacked bytes (limit maxUnpackedBytes = 512 MiB); split the input, or raise inputLimits.maxUnpackedMb in tijian.config.json (docs/security.md)",
    )
    expect(e.problems).toEqual([{ file: "feed.zip/stop_times.txt", message: e.message }])
  })

  it("says 'more than' the limit when reading stopped at it", () => {
    const e = inputTooLarge({ file: "pop.csv", limit: "maxRows", limits: { ...DEFAULT_INPUT_LIMITS, maxRows: 1000 }, found: 1001, atLeast: true })
    expect(e.message).toBe(
      "pop.csv holds more than 1,000 rows (limit maxRows = 1,000); split the input, or raise inputLimits.maxRows in tijian.config.json (docs/security.md)",
    )
  })
})
