/**
 * The distance between two redlines across a straight piece of border (the widest held along at least 1 m of it),
 * and the stretch of border a gap spans, on shapes whose figures can be read off a sketch. The border is the toy
 * A | B border x = 1000, running north.
 */
import { describe, expect, it } from "vitest"
import type { MultiPolygon } from "../src/internal/geometry.js"
import { type BorderFrame, facingWidths, gapSpans, sustainedWidthM } from "../src/internal/gapWidth.js"
import { rect } from "./toyMap.js"

const border: BorderFrame = { p: [1000, 0], d: [0, 1], n: [-1, 0] }
const a = (...mp: MultiPolygon) => ({ side: "a", mp })
const b = (...mp: MultiPolygon) => ({ side: "b", mp })
const wedge: MultiPolygon = [
  [
    [
      [1000, 200],
      [1100, 200],
      [1100, 800],
      [1038, 800],
      [1000, 200],
    ],
  ],
]

const cases: Array<{ name: string; parts: Array<ReturnType<typeof a>>; widestM: number }> = [
  { name: "A to x = 962, B from x = 1000: 38 m", parts: [a(rect(900, 200, 962, 800)), b(rect(1000, 200, 1100, 800))], widestM: 38 },
  { name: "a wedge opening to 38 m at y = 800: 38 m less 1/600 of it, held along the last 1 m", parts: [a(rect(900, 200, 1000, 800)), b(...wedge)], widestM: (38 * 599) / 600 },
  { name: "A reaching further north and south than B: measured only where both are met", parts: [a(rect(900, 190, 962, 810)), b(rect(1000, 200, 1100, 800))], widestM: 38 },
  { name: "a gap on both sides of the border: A to x = 985, B from x = 1015", parts: [a(rect(980, 200, 985, 800)), b(rect(1015, 200, 1020, 800))], widestM: 30 },
  { name: "redlines that overlap: 0", parts: [a(rect(900, 200, 1005, 800)), b(rect(1000, 200, 1100, 800))], widestM: 0 },
  { name: "only one side: 0", parts: [a(rect(900, 200, 962, 800))], widestM: 0 },
  {
    name: "ends 4 mm out of square, receding from the border: a spike across the whole band, but no gap",
    parts: [a([[[900, 200], [1000, 200], [1000, 800], [900, 800.004], [900, 200]]]), b([[[1000, 200], [1100, 200], [1100, 800.004], [1000, 800], [1000, 200]]])],
    widestM: 0,
  },
  {
    name: "ground neither covers between them adds up: a 10 m gap inside A's ground and 38 m to B",
    parts: [a(rect(900, 200, 940, 800), rect(950, 200, 962, 800)), b(rect(1000, 200, 1100, 800))],
    widestM: 48,
  },
]

describe("the widest distance between two redlines", () => {
  for (const c of cases) it(c.name, () => expect(sustainedWidthM(facingWidths(c.parts, border))).toBeCloseTo(c.widestM, 6))

  it("the spike of out-of-square ends is there, nearly 200 m across, over 4 mm of border", () => {
    const spike = facingWidths(cases.find((c) => c.name.startsWith("ends 4 mm"))!.parts, border).filter((p) => Math.max(p.w0, p.w1) > 1)
    expect(Math.max(...spike.map((p) => Math.max(p.w0, p.w1)))).toBeCloseTo(200, 0)
    expect(spike.reduce((sum, p) => sum + p.u1 - p.u0, 0)).toBeCloseTo(0.004, 9)
  })
})

describe("gapSpans", () => {
  it("gives the stretch of border a gap spans, leaving out pieces at or below the sliver size", () => {
    const gap: MultiPolygon = [rect(962, 200, 1000, 800), rect(1000, 100, 1000.001, 700)]
    expect(gapSpans(gap, border, 1).map(([lo, hi]) => [Math.round(lo * 1e9) / 1e9, Math.round(hi * 1e9) / 1e9])).toEqual([[200, 800]])
    expect(gapSpans(gap, border, 0)).toHaveLength(2)
  })
})
