/**
 * Territories: the regions' boundaries made into a partition. Features of one region are dissolved; where two
 * regions' boundaries overlap, the overlap is reported as a boundary data problem and given to the region with
 * the lower code (so areas are never counted twice); holes enclosed by the boundaries but inside none are
 * reported as gaps. Everything measured per region is attributed by territory.
 */
import { pushTo } from "./collections.js"
import { type Box, boxOf, boxOverlap, centroidOf, type MultiPolygon, multiPolygonAreaM2, type Pair, polygonAreaM2 } from "./geometry.js"
import type { OverlayOp, Overlay } from "./overlay.js"
import type { MetricFeature } from "./prepare.js"
import { indexTiles, tileGeometries, type TileSet } from "./tiles.js"

/** A problem with the boundary data: two regions claim the same ground, or ground enclosed by boundaries has no region. */
export interface BoundaryProblem {
  readonly kind: "overlap" | "gap"
  readonly regions: ReadonlyArray<string>
  readonly areaM2: number
  readonly at: Pair
}

/** The partition of the ground into regions (units are region codes, ascending). */
export interface Territories {
  readonly units: ReadonlyArray<string>
  readonly geometry: ReadonlyMap<string, MultiPolygon>
  readonly tiles: TileSet
  readonly problems: ReadonlyArray<BoundaryProblem>
}

/** Builds the territories from boundary features (each with a region code). */
export const resolveTerritories = async (boundaries: ReadonlyArray<MetricFeature>, overlay: Overlay, sliverM2: number): Promise<Territories> => {
  const byCode = new Map<string, Array<MetricFeature>>()
  for (const f of boundaries) pushTo(byCode, f.region!, f)
  const units = [...byCode.keys()].sort()
  const context = (code: string, what: string) => ({ file: "boundaries", row: byCode.get(code)![0]!.row, what: `${what} of region ${code}` })

  const multi = units.filter((u) => byCode.get(u)!.length > 1)
  const dissolved = await overlay.run(multi.map((u) => ({ kind: "union", geoms: byCode.get(u)!.map((f) => f.geometry), context: context(u, "dissolving the boundary") })))
  const claimed = new Map<string, MultiPolygon>(units.map((u) => [u, byCode.get(u)![0]!.geometry]))
  multi.forEach((u, i) => claimed.set(u, dissolved[i]!))
  const boxes = new Map<string, Box>(units.map((u) => [u, boxOf(claimed.get(u)!)]))

  const pairs: Array<[string, string]> = []
  for (let i = 0; i < units.length; i++) {
    for (let j = i + 1; j < units.length; j++) {
      if (boxOverlap(boxes.get(units[i]!)!, boxes.get(units[j]!)!)) pairs.push([units[i]!, units[j]!])
    }
  }
  const overlaps = await overlay.run(
    pairs.map(([a, b]) => ({ kind: "intersection", geoms: [claimed.get(a)!, claimed.get(b)!], context: context(b, `overlap with region ${a}`) })),
  )
  const problems: Array<BoundaryProblem> = []
  const yieldsTo = new Map<string, Array<string>>()
  overlaps.forEach((mp, k) => {
    const areaM2 = multiPolygonAreaM2(mp)
    if (areaM2 <= 0) return
    const [a, b] = pairs[k]!
    pushTo(yieldsTo, b, a)
    if (areaM2 > sliverM2) problems.push({ kind: "overlap", regions: [a, b], areaM2, at: centroidOf(mp) })
  })

  const trimmed = [...yieldsTo.keys()]
  const ops: Array<OverlayOp> = trimmed.map((b) => ({
    kind: "difference",
    geoms: [claimed.get(b)!, ...yieldsTo.get(b)!.map((a) => claimed.get(a)!)],
    context: context(b, "resolving overlaps"),
  }))
  const resolved = await overlay.run(ops)
  const geometry = new Map(claimed)
  trimmed.forEach((b, i) => geometry.set(b, resolved[i]!))

  if (units.length > 1) {
    const [all] = await overlay.run([{ kind: "union", geoms: units.map((u) => geometry.get(u)!), context: { file: "boundaries", what: "joining all boundaries" } }])
    for (const polygon of all ?? []) {
      for (const hole of polygon.slice(1)) {
        const areaM2 = polygonAreaM2([hole])
        if (areaM2 <= sliverM2) continue
        const hb = boxOf([[hole]])
        const around = units.filter((u) => {
          const b = boxes.get(u)!
          return b[0] <= hb[2] && hb[0] <= b[2] && b[1] <= hb[3] && hb[1] <= b[3]
        })
        problems.push({ kind: "gap", regions: around, areaM2, at: centroidOf([[hole]]) })
      }
    }
  }

  const tiles = await tileGeometries(
    units.map((u) => ({ unit: u, geometry: geometry.get(u)!, context: context(u, "the boundary") })),
    overlay,
  )
  return { units, geometry, tiles: indexTiles(tiles), problems }
}
