import { describe, expect, it } from "vitest"
import { sortedUnique } from "../src/internal/sortedUnique.js"

const cases: ReadonlyArray<{ readonly name: string; readonly ids: ReadonlyArray<string>; readonly expect: ReadonlyArray<string> }> = [
  { name: "empty", ids: [], expect: [] },
  { name: "one id", ids: ["a/1/r1"], expect: ["a/1/r1"] },
  { name: "already ascending", ids: ["a/2021/r1", "a/2022/r1", "b/2021/r3"], expect: ["a/2021/r1", "a/2022/r1", "b/2021/r3"] },
  { name: "out of order, with repeats", ids: ["b/1/r1", "a/1/r1", "b/1/r1", "a/1/r1"], expect: ["a/1/r1", "b/1/r1"] },
  { name: "adjacent repeat in ascending input", ids: ["a", "a", "b"], expect: ["a", "b"] },
  { name: "by UTF-16 code units: r10 before r2, Z before a", ids: ["x/r2", "x/r10", "a", "Z"], expect: ["Z", "a", "x/r10", "x/r2"] },
]

describe("sortedUnique", () => {
  it.each(cases)("$name", ({ ids, expect: expected }) => {
    expect(sortedUnique([...ids])).toEqual(expected)
    expect(sortedUnique([...ids])).toEqual([...new Set(ids)].sort())
  })
})
