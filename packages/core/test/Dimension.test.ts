import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { breakdownKey, codesOfBreakdown } from "../src/Dimension.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import { buildRegistry } from "../src/Registry.js"
import { mode, purpose } from "./breakdownFixtures.js"
import { observed, text } from "./fixtures.js"

const code = (c: string) => ({ code: c, name: text(c) })

describe("dimensions", () => {
  it("keys a breakdown by its codes in declaration order, and reads the key back", () => {
    expect(breakdownKey([mode, purpose], { purpose: "work", mode: "metro" })).toBe("mode=metro;purpose=work")
    expect(breakdownKey([mode, purpose], { purpose: "work" })).toBe("purpose=work")
    expect(breakdownKey([mode, purpose], undefined)).toBe("")
    expect(breakdownKey([mode, purpose], {})).toBe("")
    expect(codesOfBreakdown("mode=metro;purpose=work")).toEqual({ mode: "metro", purpose: "work" })
    expect(codesOfBreakdown("")).toEqual({})
  })

  it("refuses bad declarations when the registry is built, every problem in one error", () => {
    const plugin = {
      id: "bad",
      version: "0",
      name: text("bad"),
      indicators: [
        observed("bad.share", {
          dimensions: [
            { id: "Mode", name: text("mode"), codes: [code("metro")] },
            { id: "line", name: text("line"), codes: [code("s1"), code("s1"), code("s 2")], tolerance: 5 },
            { id: "line", name: text("line"), codes: [] },
          ],
        }),
      ],
    }
    const error = Effect.runSync(Effect.flip(buildRegistry([plugin], yrdRegions())))
    expect(error.reason).toBe("invalid-definition")
    expect(error.message.split("; ")).toEqual([
      'cannot build the registry (6 problems): indicator "bad.share": dimension id "Mode" must be lower-case kebab-case (e.g. "mode", "redline-type")',
      'indicator "bad.share": code "s1" of dimension "line" is declared twice',
      'indicator "bad.share": code "s 2" of dimension "line" must be letters, digits, "_", "." or "-" (no spaces, "=" or ";")',
      'indicator "bad.share": dimension "line" has tolerance 5, not a ratio in [0, 1) (0.001 = 0.1%)',
      'indicator "bad.share": dimension "line" is declared twice',
      'indicator "bad.share": dimension "line" declares no codes',
    ])
  })
})
