/**
 * A year's redline as one layer: the features dissolved where they overlap (so no ground counts twice), cut by
 * the territories (so every piece belongs to one region) and tiled for fast intersection.
 */
import Flatbush from "flatbush"
import { pushTo } from "./collections.js"
import { areaInBoxM2, boxAreaM2, boxOf, boxOverlap, geometryKey, type MultiPolygon, multiPolygonAreaM2, polygonAreaM2 } from "./geometry.js"
import { intersectionAreaM2 } from "./intersectionArea.js"
import type { LayerItem } from "./layerHits.js"
import type { Overlay, OverlayOp } from "./overlay.js"
import type { MetricFeature } from "./prepare.js"
import type { Territories } from "./territories.js"
import { indexTiles, tileGeometries, type TileSet, type TileSource } from "./tiles.js"

/** A year's redline, tiled by region. */
export interface RedlineLayer {
  readonly tiles: TileSet
  /** Area (m²) per region code. */
  readonly areaByUnitM2: ReadonlyMap<string, number>
  /** Area (m²) of the dissolved redline, inside a territory or not. */
  readonly totalM2: number
  /** Area (m²) outside every territory. */
  readonly outsideM2: number
}

/**
 * Groups features that overlap (transitively): candidate pairs from a flatbush self-join, kept when they share
 * area (features that only touch, like adjacent parcels, stay apart: they need no dissolving).
 */
export const overlapClusters = (features: ReadonlyArray<Pick<MetricFeature, "box" | "geometry">>): Array<Array<number>> => {
  if (features.length === 0) return []
  const parent = features.map((_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!
      i = parent[i]!
    }
    return i
  }
  const index = new Flatbush(features.length)
  for (const f of features) index.add(f.box[0], f.box[1], f.box[2], f.box[3])
  index.finish()
  features.forEach((f, i) => {
    for (const j of index.search(f.box[0], f.box[1], f.box[2], f.box[3])) {
      if (j <= i || !boxOverlap(f.box, features[j]!.box)) continue
      const a = find(i)
      const b = find(j)
      if (a !== b && intersectionAreaM2(f.geometry, features[j]!.geometry) > 0) parent[a] = b
    }
  })
  const groups = new Map<number, Array<number>>()
  features.forEach((_, i) => pushTo(groups, find(i), i))
  return [...groups.values()]
}

const rowsText = (rows: ReadonlyArray<number>) => (rows.length <= 6 ? rows.join(", ") : `${rows.slice(0, 5).join(", ")} and ${rows.length - 5} more`)

/** Dissolves redline features into non-overlapping items. */
export const dissolveFeatures = async (features: ReadonlyArray<MetricFeature>, overlay: Overlay): Promise<Array<LayerItem>> => {
  const clusters = overlapClusters(features)
  const multi = clusters.filter((c) => c.length > 1)
  const unions = await overlay.run(
    multi.map((c) => ({
      kind: "union",
      geoms: c.map((i) => features[i]!.geometry),
      context: { file: features[c[0]!]!.file, row: features[c[0]!]!.row, what: `dissolving features ${rowsText(c.map((i) => features[i]!.row))}` },
    })),
  )
  const items: Array<LayerItem> = []
  const push = (c: ReadonlyArray<number>, geometry: MultiPolygon) => {
    const first = features[c[0]!]!
    const label = c.length === 1 ? first.label : `features ${rowsText(c.map((i) => features[i]!.row))} (dissolved)`
    for (const polygon of geometry) {
      const g = [polygon]
      items.push({ file: first.file, row: first.row, label, geometry: g, box: boxOf(g), areaM2: polygonAreaM2(polygon), key: geometryKey(g) })
    }
  }
  clusters.filter((c) => c.length === 1).forEach((c) => push(c, features[c[0]!]!.geometry))
  multi.forEach((c, i) => push(c, unions[i]!))
  return items
}

/**
 * Cuts items by the territory tiles: the pieces of each item in each region. Pieces wholly inside a tile (or
 * tiles wholly inside an item) need no overlay.
 */
export const cutByTiles = async (items: ReadonlyArray<LayerItem>, tiles: TileSet, overlay: Overlay): Promise<Array<TileSource>> => {
  const out: Array<TileSource> = []
  const ops: Array<OverlayOp> = []
  const pending: Array<{ unit: string; item: LayerItem }> = []
  for (const item of items) {
    const context = { file: item.file, row: item.row, what: item.label }
    for (const t of tiles.search(item.box)) {
      const tile = tiles.tiles[t]!
      if (!boxOverlap(item.box, tile.box)) continue
      const inBox = areaInBoxM2([tile.geometry], item.box)
      if (inBox <= 0) continue
      if (inBox >= boxAreaM2(item.box) * (1 - 1e-9)) out.push({ unit: tile.unit, geometry: item.geometry, context })
      else if (areaInBoxM2(item.geometry, tile.box) >= boxAreaM2(tile.box) * (1 - 1e-9)) out.push({ unit: tile.unit, geometry: [tile.geometry], context })
      else {
        pending.push({ unit: tile.unit, item })
        ops.push({ kind: "intersection", geoms: [item.geometry, tile.geometry], context: { ...context, what: `cutting ${item.label} by the region boundaries` } })
      }
    }
  }
  ;(await overlay.run(ops)).forEach((geometry, k) => {
    const { unit, item } = pending[k]!
    if (multiPolygonAreaM2(geometry) > 0) out.push({ unit, geometry, context: { file: item.file, row: item.row, what: item.label } })
  })
  return out
}

/** Builds a year's redline layer from its features. */
export const buildRedlineLayer = async (features: ReadonlyArray<MetricFeature>, territories: Territories, overlay: Overlay): Promise<RedlineLayer> => {
  const items = await dissolveFeatures(features, overlay)
  const tiles = await tileGeometries(await cutByTiles(items, territories.tiles, overlay), overlay)
  const areaByUnitM2 = new Map<string, number>()
  for (const t of tiles) areaByUnitM2.set(t.unit, (areaByUnitM2.get(t.unit) ?? 0) + t.areaM2)
  const totalM2 = items.reduce((s, i) => s + i.areaM2, 0)
  const insideM2 = tiles.reduce((s, t) => s + t.areaM2, 0)
  return { tiles: indexTiles(tiles), areaByUnitM2, totalM2, outsideM2: Math.max(0, totalM2 - insideM2) }
}
