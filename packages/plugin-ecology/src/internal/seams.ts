/**
 * Seams between neighbouring regions' redlines. Each region draws its own redline (features tagged with its
 * code); at a shared border the two should join.
 *
 * - Overlap: ground inside both regions' redlines (one has drawn across the border onto the other's redline).
 * - Shared border: where the two territories' boundaries run within `borderToleranceM` of each other.
 * - Gap: along the shared border, inside a band of ±`bandM`, wherever both redlines reach the band (they "face"
 *   each other), the ground between them that neither covers: per straight piece of border, the convex hull of
 *   both redlines' parts in the band, less the redlines. Its widest point (the distance across the border between
 *   the redlines) and its length along the border are measured too (gapWidth.ts). Where only one redline reaches the band, the length is reported (`aOnlyM`,
 *   `bOnlyM`), not area: the other region has no redline there, or the gap is wider than the band.
 */
import { groupEntries, pushTo } from "./collections.js"
import { facingWidths, gapSpans, sustainedWidthM, type WidthPiece } from "./gapWidth.js"
import { boxOf, boxOverlap, centroidOf, convexHull, expandBox, type MultiPolygon, multiPolygonAreaM2, type Pair, type Polygon } from "./geometry.js"
import type { Overlay, OverlayOp } from "./overlay.js"
import type { MetricFeature } from "./prepare.js"
import { dissolveFeatures } from "./redlineLayer.js"
import { type BorderSegment, intersectIntervals, intervalsLength, sharedBorder, unionOfIntervals } from "./sharedBorders.js"
import type { Territories } from "./territories.js"
import { indexTiles, tileGeometries, type TileSource } from "./tiles.js"

/**
 * The seam between regions `a` < `b`. Lengths in m, areas in m². A gap whose total area is at or below the sliver
 * size is digitising noise: its area, widest point and length are 0 (an overlap's area likewise).
 */
export interface SeamPair {
  readonly a: string
  readonly b: string
  readonly sharedBorderM: number
  readonly facingM: number
  readonly aOnlyM: number
  readonly bOnlyM: number
  readonly overlapM2: number
  readonly gapM2: number
  /** The widest distance (m) across the border between the two redlines, held along at least 1 m of it (gapWidth.ts). */
  readonly widestGapM: number
  /** The length of shared border (m) along which there is a gap. */
  readonly gapLengthM: number
  readonly overlapAt?: Pair
  readonly gapAt?: Pair
}

interface Segment extends BorderSegment {
  readonly key: string
  readonly a: string
  readonly b: string
  readonly d: Pair
  readonly n: Pair
  readonly len: number
}

interface Piece {
  readonly side: "a" | "b"
  readonly polygon: Polygon
  readonly lo: number
  readonly hi: number
}

const rect = (s: Segment, lo: number, hi: number, w: number): Polygon => {
  const at = (u: number, v: number): Pair => [s.p[0] + s.d[0] * u + s.n[0] * v, s.p[1] + s.d[1] * u + s.n[1] * v]
  return [[at(lo, -w), at(hi, -w), at(hi, w), at(lo, w), at(lo, -w)]]
}

/** How far (m) a redline's piece may reach beyond a facing stretch and still be taken whole. */
const ENDS_M = 0.01

const pairKey = (x: string, y: string) => (x < y ? `${x}|${y}` : `${y}|${x}`)

const group = groupEntries

/** Measures every seam between the regions of the redline features (regions mapped to territory units by `unitOf`). */
export const measureSeams = async (input: {
  readonly redlines: ReadonlyArray<MetricFeature>
  readonly unitOf: (region: string) => string | undefined
  readonly territories: Territories
  readonly overlay: Overlay
  readonly borderToleranceM: number
  readonly bandM: number
  readonly sliverM2: number
  /** The input file the redlines come from, for messages. */
  readonly file: string
}): Promise<{ readonly pairs: ReadonlyArray<SeamPair>; readonly unassigned: ReadonlyArray<MetricFeature> }> => {
  const { overlay, territories, bandM: w, borderToleranceM: tolerance, file } = input
  const unassigned = input.redlines.filter((f) => input.unitOf(f.region!) === undefined)
  const byUnit = group(input.redlines.filter((f) => input.unitOf(f.region!) !== undefined).map((f) => [input.unitOf(f.region!)!, f] as const))
  const sources: Array<TileSource> = []
  for (const [unit, features] of [...byUnit].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    for (const item of await dissolveFeatures(features, overlay)) {
      sources.push({ unit, geometry: item.geometry, context: { file: item.file, row: item.row, what: `the redline of region ${unit} (${item.label})` } })
    }
  }
  const tileSet = indexTiles(await tileGeometries(sources, overlay))
  const tiles = tileSet.tiles

  // Overlaps: tiles of different regions that share ground.
  const overlapOps: Array<OverlayOp> = []
  const overlapKeys: Array<string> = []
  tiles.forEach((t, i) => {
    for (const j of tileSet.search(t.box)) {
      const u = tiles[j]!
      if (j <= i || u.unit === t.unit || !boxOverlap(t.box, u.box)) continue
      overlapOps.push({ kind: "intersection", geoms: [t.geometry, u.geometry], context: { file, what: `comparing the redlines of regions ${t.unit} and ${u.unit}` } })
      overlapKeys.push(pairKey(t.unit, u.unit))
    }
  })
  const overlapPieces = group((await overlay.run(overlapOps)).map((mp, k) => [overlapKeys[k]!, mp] as const))

  // Shared borders between territories, cut into straight segments.
  const segments: Array<Segment> = []
  const units = territories.units
  for (let i = 0; i < units.length; i++) {
    for (let j = i + 1; j < units.length; j++) {
      const [a, b] = [units[i]!, units[j]!]
      const ga = territories.geometry.get(a)!
      const gb = territories.geometry.get(b)!
      if (!boxOverlap(expandBox(boxOf(ga), tolerance), boxOf(gb))) continue
      for (const s of sharedBorder(ga, gb, tolerance)) {
        const len = Math.hypot(s.q[0] - s.p[0], s.q[1] - s.p[1])
        const d: Pair = [(s.q[0] - s.p[0]) / len, (s.q[1] - s.p[1]) / len]
        segments.push({ ...s, key: pairKey(a, b), a, b, d, n: [-d[1], d[0]], len })
      }
    }
  }

  // Round 1: each side's redline inside each segment's band.
  const bandOps: Array<OverlayOp> = []
  const bandMeta: Array<{ seg: number; side: "a" | "b" }> = []
  segments.forEach((s, k) => {
    const band = rect(s, 0, s.len, w)
    for (const t of tileSet.search(boxOf([band]))) {
      const tile = tiles[t]!
      const side = tile.unit === s.a ? "a" : tile.unit === s.b ? "b" : undefined
      if (!side || !boxOverlap(tile.box, boxOf([band]))) continue
      bandOps.push({ kind: "intersection", geoms: [tile.geometry, band], context: { file, what: `the seam band between regions ${s.a} and ${s.b}` } })
      bandMeta.push({ seg: k, side })
    }
  })
  const pieces = new Map<number, Array<Piece>>()
  ;(await overlay.run(bandOps)).forEach((mp, i) => {
    const { seg, side } = bandMeta[i]!
    const s = segments[seg]!
    for (const polygon of mp) {
      const us = polygon[0]!.map(([x, y]) => (x - s.p[0]) * s.d[0] + (y - s.p[1]) * s.d[1])
      const lo = Math.max(0, Math.min(...us))
      const hi = Math.min(s.len, Math.max(...us))
      if (hi > lo) pushTo(pieces, seg, { side, polygon, lo, hi })
    }
  })

  // Facing stretches; round 2: both sides' redline in each stretch.
  const lengths = new Map<string, { sharedBorderM: number; facingM: number; aOnlyM: number; bOnlyM: number }>()
  const facingOps: Array<OverlayOp> = []
  const facingMeta: Array<string> = []
  const whole: Array<readonly [string, { side: string; mp: MultiPolygon }]> = []
  segments.forEach((s, k) => {
    const ps = pieces.get(k) ?? []
    const ia = unionOfIntervals(ps.filter((p) => p.side === "a").map((p) => [p.lo, p.hi] as const))
    const ib = unionOfIntervals(ps.filter((p) => p.side === "b").map((p) => [p.lo, p.hi] as const))
    const facing = intersectIntervals(ia, ib)
    const l = lengths.get(s.key) ?? { sharedBorderM: 0, facingM: 0, aOnlyM: 0, bOnlyM: 0 }
    const f = intervalsLength(facing)
    l.sharedBorderM += s.len
    l.facingM += f
    l.aOnlyM += intervalsLength(ia) - f
    l.bOnlyM += intervalsLength(ib) - f
    lengths.set(s.key, l)
    facing.forEach(([lo, hi], fi) => {
      const stretch = rect(s, lo, hi, w)
      for (const p of ps.filter((x) => x.hi > lo && x.lo < hi)) {
        // A piece inside the stretch but for digitising noise is taken whole: a cut along its own ends trips the overlay.
        if (p.lo >= lo - ENDS_M && p.hi <= hi + ENDS_M) whole.push([`${k}/${fi}`, { side: p.side, mp: [p.polygon] }])
        else {
          facingOps.push({ kind: "intersection", geoms: [p.polygon, stretch], context: { file, what: `the seam between regions ${s.a} and ${s.b}` } })
          facingMeta.push(`${k}/${fi}/${p.side}`)
        }
      }
    })
  })
  const cut = (await overlay.run(facingOps)).map((mp, i) => [facingMeta[i]!.replace(/\/[ab]$/, ""), { side: facingMeta[i]!.slice(-1), mp }] as const)
  const stretches = group([...whole, ...cut])

  // Round 3: the hull of both sides less both sides is the gap.
  const gapOps: Array<OverlayOp> = []
  const gapSegments: Array<number> = []
  const widths = new Map<string, Array<WidthPiece>>()
  for (const [stretch, parts] of stretches) {
    const sides = new Set(parts.filter((p) => p.mp.length > 0).map((p) => p.side))
    if (sides.size < 2) continue
    const all: MultiPolygon = parts.flatMap((p) => p.mp)
    const hull = convexHull(all.flatMap((polygon) => polygon[0]!.slice(0, -1)))
    if (hull.length === 0) continue
    const k = Number(stretch.split("/")[0])
    const s = segments[k]!
    for (const piece of facingWidths(parts, s)) pushTo(widths, s.key, piece)
    gapOps.push({ kind: "difference", geoms: [[hull], ...all], context: { file, what: `the seam gap between regions ${s.a} and ${s.b}` } })
    gapSegments.push(k)
  }
  const gapResults = await overlay.run(gapOps)
  const gapPieces = group(gapResults.map((mp, i) => [segments[gapSegments[i]!]!.key, mp] as const))

  // The gap's length along each piece of border, in that piece's frame.
  const spansBySegment = new Map<number, Array<readonly [number, number]>>()
  gapResults.forEach((mp, i) => {
    const s = segments[gapSegments[i]!]!
    for (const [lo, hi] of gapSpans(mp, s, input.sliverM2)) if (Math.min(hi, s.len) > Math.max(lo, 0)) pushTo(spansBySegment, gapSegments[i]!, [Math.max(lo, 0), Math.min(hi, s.len)] as const)
  })
  const gapLength = new Map<string, number>()
  for (const [k, spans] of spansBySegment) gapLength.set(segments[k]!.key, (gapLength.get(segments[k]!.key) ?? 0) + intervalsLength(unionOfIntervals(spans)))

  // Round 4: dissolve each pair's gap pieces (bands overlap at bends) and measure.
  const gapPairs = [...gapPieces].filter(([, mps]) => mps.some((mp) => mp.length > 0))
  const gapUnions = await overlay.run(
    gapPairs.map(([key, mps]) => ({ kind: "union", geoms: mps.filter((mp) => mp.length > 0), context: { file, what: `measuring the seam gap ${key.replace("|", "/")}` } })),
  )
  const gaps = new Map(gapPairs.map(([key], i) => [key, gapUnions[i]!]))

  const keys = new Set([...lengths.keys(), ...overlapPieces.keys()])
  const pairs = [...keys].sort().map((key): SeamPair => {
    const [a, b] = key.split("|") as [string, string]
    const overlap = (overlapPieces.get(key) ?? []).flat()
    const gap = gaps.get(key) ?? []
    const overlapM2 = multiPolygonAreaM2(overlap)
    const gapM2 = multiPolygonAreaM2(gap)
    const l = lengths.get(key) ?? { sharedBorderM: 0, facingM: 0, aOnlyM: 0, bOnlyM: 0 }
    return {
      a,
      b,
      ...l,
      overlapM2: overlapM2 > input.sliverM2 ? overlapM2 : 0,
      gapM2: gapM2 > input.sliverM2 ? gapM2 : 0,
      widestGapM: gapM2 > input.sliverM2 ? sustainedWidthM(widths.get(key) ?? []) : 0,
      gapLengthM: gapM2 > input.sliverM2 ? (gapLength.get(key) ?? 0) : 0,
      ...(overlapM2 > input.sliverM2 ? { overlapAt: centroidOf(overlap) } : {}),
      ...(gapM2 > input.sliverM2 ? { gapAt: centroidOf(gap) } : {}),
    }
  })
  return { pairs, unassigned }
}
