import { describe, expect, it } from "vitest"
import { paramText } from "../src/calculatorRunText.js"

describe("a calculator run's parameters as text", () => {
  it("joins a list, shows an empty one as a dash, keeps texts, numbers and flags", () => {
    expect([paramText(["C", "D"]), paramText([]), paramText("07:00"), paramText(60), paramText(false)]).toEqual(["C, D", "—", "07:00", "60", "false"])
  })
})
