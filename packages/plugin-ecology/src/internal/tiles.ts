/**
 * Tiles: polygons cut into pieces of at most a few hundred positions and indexed with flatbush, so that each
 * small feature is intersected only with the few small tiles near it (polygon-clipping's cost grows with every
 * segment of its inputs, and it has no spatial filter of its own). Tiles of one set never overlap.
 */
import Flatbush from "flatbush"
import { type Box, boxOf, boxPolygon, type MultiPolygon, type Polygon, polygonAreaM2, vertexCount } from "./geometry.js"
import type { OpContext, Overlay } from "./overlay.js"

/** A piece of a polygon that belongs to one unit (a region code). */
export interface Tile {
  readonly unit: string
  readonly geometry: Polygon
  readonly box: Box
  readonly areaM2: number
}

/** Tiles with a spatial index. `search` returns the indexes of tiles whose boxes meet the box. */
export interface TileSet {
  readonly tiles: ReadonlyArray<Tile>
  readonly search: (box: Box) => ReadonlyArray<number>
}

/** Indexes tiles. */
export const indexTiles = (tiles: ReadonlyArray<Tile>): TileSet => {
  if (tiles.length === 0) return { tiles, search: () => [] }
  const index = new Flatbush(tiles.length)
  for (const t of tiles) index.add(t.box[0], t.box[1], t.box[2], t.box[3])
  index.finish()
  return { tiles, search: (b) => index.search(b[0], b[1], b[2], b[3]) }
}

const makeTile = (unit: string, geometry: Polygon): Tile => ({ unit, geometry, box: boxOf([geometry]), areaM2: polygonAreaM2(geometry) })

/** A geometry to tile, with the unit its tiles belong to and where it comes from (for error messages). */
export interface TileSource {
  readonly unit: string
  readonly geometry: MultiPolygon
  readonly context: OpContext
}

/**
 * Cuts each polygon with more than `maxPositions` positions in halves along the longer side of its box, again
 * and again (one overlay batch per level), until every tile is small. Tiles with no area are dropped.
 */
export const tileGeometries = async (sources: ReadonlyArray<TileSource>, overlay: Overlay, maxPositions = 256): Promise<Array<Tile>> => {
  const tiles: Array<Tile> = []
  let pending: Array<{ unit: string; polygon: Polygon; context: OpContext }> = sources.flatMap((s) =>
    s.geometry.map((polygon) => ({ unit: s.unit, polygon, context: s.context })),
  )
  for (let depth = 0; pending.length > 0; depth++) {
    const split: typeof pending = []
    for (const p of pending) {
      if (vertexCount([p.polygon]) <= maxPositions || depth >= 24) {
        const t = makeTile(p.unit, p.polygon)
        if (t.areaM2 > 0) tiles.push(t)
      } else split.push(p)
    }
    if (split.length === 0) break
    const ops = split.flatMap((p) => {
      const [x0, y0, x1, y1] = boxOf([p.polygon])
      const halves: Array<Box> =
        x1 - x0 >= y1 - y0
          ? [
              [x0, y0, (x0 + x1) / 2, y1],
              [(x0 + x1) / 2, y0, x1, y1],
            ]
          : [
              [x0, y0, x1, (y0 + y1) / 2],
              [x0, (y0 + y1) / 2, x1, y1],
            ]
      return halves.map((h) => ({ kind: "intersection" as const, geoms: [p.polygon, boxPolygon(h)], context: { ...p.context, what: `tiling ${p.context.what}` } }))
    })
    const results = await overlay.run(ops)
    pending = results.flatMap((mp, i) => mp.map((polygon) => ({ unit: split[Math.floor(i / 2)]!.unit, polygon, context: split[Math.floor(i / 2)]!.context })))
  }
  return tiles
}
