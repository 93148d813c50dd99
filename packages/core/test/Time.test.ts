import { describe, expect, it } from "vitest"
import { canonicalTime } from "../src/Time.js"

describe("canonical times", () => {
  it("normalises dates and zoned date-times to UTC; refuses zone-less or malformed ones", () => {
    expect(canonicalTime("2024-02-20T08:00:00+08:00")).toBe("2024-02-20T00:00:00.000Z")
    expect(canonicalTime("2024-02-20")).toBe("2024-02-20T00:00:00.000Z")
    expect(canonicalTime("2024-02-20T00:00:00.5Z")).toBe("2024-02-20T00:00:00.500Z")
    expect(canonicalTime("2024-02-20T08:00:00")).toBeUndefined()
    expect(canonicalTime("yesterday")).toBeUndefined()
    expect(canonicalTime("2024-13-01")).toBeUndefined()
  })
})
