/**
 * The planar primitives, on shapes whose answers are known: areas, box clipping, hulls, ring validity and the
 * shared border of two territories.
 */
import { describe, expect, it } from "vitest"
import { areaInBoxM2, centroidOf, convexHull, type Pair, polygonAreaM2, ringSignedAreaM2 } from "../src/internal/geometry.js"
import { polygonDefects } from "../src/internal/ringValidity.js"
import { sharedBorder } from "../src/internal/sharedBorders.js"
import { rect } from "./toyMap.js"

/** A U shape: [0,30]x[0,30] less the notch [10,20]x[10,30] (700 m²). */
const u: Array<Pair> = [[0, 0], [30, 0], [30, 30], [20, 30], [20, 10], [10, 10], [10, 30], [0, 30], [0, 0]]

describe("planar geometry", () => {
  it("measures rings and polygons with holes, whatever the winding", () => {
    expect(ringSignedAreaM2(u)).toBe(700)
    expect(ringSignedAreaM2([...u].reverse())).toBe(-700)
    expect(polygonAreaM2([rect(0, 0, 100, 100)[0]!, rect(10, 10, 20, 20)[0]!])).toBe(9_900)
    expect(centroidOf([rect(0, 0, 10, 20)])).toEqual([5, 10])
  })

  it("measures the part of a concave polygon inside a box without an overlay", () => {
    expect(areaInBoxM2([[u]], [0, 0, 30, 30])).toBe(700)
    expect(areaInBoxM2([[u]], [5, 5, 25, 25])).toBe(400 - 10 * 15)
    expect(areaInBoxM2([[u]], [12, 12, 18, 18])).toBe(0)
    expect(areaInBoxM2([rect(0, 0, 100, 100).concat(rect(40, 40, 60, 60))], [50, 0, 100, 100])).toBe(5_000 - 200)
  })

  it("builds a counter-clockwise convex hull", () => {
    expect(convexHull([[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 0]])).toEqual([[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]])
    expect(convexHull([[0, 0], [1, 1], [2, 2]])).toEqual([])
  })
})

describe("ring validity", () => {
  it("finds a bow tie's crossing and where it is", () => {
    expect(polygonDefects([[[0, 0], [10, 10], [10, 0], [0, 10], [0, 0]]])).toEqual([{ ringA: 0, edgeA: 0, ringB: 0, edgeB: 2, at: [5, 5] }])
  })

  it("finds a spike (an edge doubling back) and a ring touching itself", () => {
    expect(polygonDefects([[[0, 0], [10, 0], [20, 0], [10, 0], [10, 10], [0, 0]]]).length).toBeGreaterThan(0)
    expect(polygonDefects([[[0, 0], [10, 0], [5, 5], [10, 10], [0, 10], [5, 5], [0, 0]]]).length).toBeGreaterThan(0)
  })

  it("accepts a clean ring, a hole touching its shell at one point, and finds a hole crossing its shell", () => {
    expect(polygonDefects([u])).toEqual([])
    expect(polygonDefects([rect(0, 0, 10, 10)[0]!, [[0, 5], [5, 4], [5, 6], [0, 5]]])).toEqual([])
    expect(polygonDefects([rect(0, 0, 10, 10)[0]!, rect(5, 5, 15, 8)[0]!]).length).toBeGreaterThan(0)
  })

  it("checks long rings through the spatial index", () => {
    const circle: Array<Pair> = Array.from({ length: 500 }, (_, i) => [Math.cos((2 * Math.PI * i) / 500) * 100, Math.sin((2 * Math.PI * i) / 500) * 100])
    expect(polygonDefects([[...circle, circle[0]!]])).toEqual([])
    const crossed = [...circle.slice(0, 250), [150, 0] as Pair, ...circle.slice(250)]
    expect(polygonDefects([[...crossed, crossed[0]!]]).length).toBeGreaterThan(0)
  })
})

describe("shared border", () => {
  it("finds the 1,000 m border of two touching squares, and of two squares 3 m apart within a 10 m tolerance", () => {
    const length = (segs: ReturnType<typeof sharedBorder>) => segs.reduce((s, g) => s + Math.hypot(g.q[0] - g.p[0], g.q[1] - g.p[1]), 0)
    expect(length(sharedBorder([rect(0, 0, 1000, 1000)], [rect(1000, 0, 2000, 1000)], 10))).toBe(1000)
    expect(length(sharedBorder([rect(0, 0, 1000, 1000)], [rect(1003, 0, 2000, 1000)], 10))).toBe(1000)
    expect(sharedBorder([rect(0, 0, 1000, 1000)], [rect(1020, 0, 2000, 1000)], 10)).toEqual([])
  })

  it("keeps only the stretch that runs along the neighbour, not an edge crossing it at an angle", () => {
    const segs = sharedBorder([rect(0, 0, 1000, 1000)], [rect(1000, 400, 2000, 600)], 10)
    expect(segs).toEqual([{ p: [1000, 400], q: [1000, 600] }])
  })
})
