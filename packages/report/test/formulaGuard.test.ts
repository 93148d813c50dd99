import { describe, expect, it } from "vitest"
import { csvField, guardFormula, unguardFormula } from "@tijian/report"

describe("formula guard", () => {
  it.each([
    ["=HYPERLINK(\"http://x\",\"click\")", "'=HYPERLINK(\"http://x\",\"click\")"],
    ["+1+1", "'+1+1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["-A1", "'-A1"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", "'\rcmd"],
    ["'=1", "''=1"],
    ["''+x", "'''+x"],
    ["-12.5", "-12.5"],
    ["-1e3", "-1e3"],
    ["'hello", "'hello"],
    ["2023 yearbook", "2023 yearbook"],
    ["", ""],
  ])("guards %j as %j and gives it back", (text, guarded) => {
    expect(guardFormula(text)).toBe(guarded)
    expect(unguardFormula(guarded)).toBe(text)
  })

  it("is the guard of CSV fields", () => {
    expect(csvField("'=1")).toBe("''=1")
    expect(csvField("=1,2")).toBe("\"'=1,2\"")
  })
})
