/**
 * Measuring a layer of features (construction land, land use) against a tile set (a redline): how much of each
 * feature lies in each tile, whether the layer overlaps itself, and how two layers overlap inside the tiles.
 * Only candidate pairs from the spatial index are considered; areas come from `intersectionAreaM2` (no overlay),
 * and polygon-clipping is asked only for the intersection of two different overlapping features, the one case
 * where a geometry has to be built before it can be measured against the tiles.
 */
import { CalculatorError } from "@tijian/core/plugin"
import Flatbush from "flatbush"
import { pushTo } from "./collections.js"
import { areaInBoxM2, type Box, boxAreaM2, boxOverlap, type MultiPolygon, type Pair } from "./geometry.js"
import { intersectionAreaM2 } from "./intersectionArea.js"
import type { Overlay, OverlayOp } from "./overlay.js"
import type { TileSet } from "./tiles.js"

/** A feature of a layer, in the metric frame. */
export interface LayerItem {
  readonly file: string
  readonly row: number
  readonly label: string
  readonly geometry: MultiPolygon
  readonly box: Box
  readonly areaM2: number
  readonly key: string
}

/** Layer item `item` has `areaM2` of ground inside tile `tile`. */
export interface Hit {
  readonly item: number
  readonly tile: number
  readonly areaM2: number
}

const ALMOST = 1 - 1e-9

/** How much of every item lies in every tile (only pairs with area). `checkpoint` is called every 1,000 items. */
export const intersectWithTiles = (items: ReadonlyArray<LayerItem>, tiles: TileSet, checkpoint?: () => void): Array<Hit> => {
  const hits: Array<Hit> = []
  items.forEach((item, i) => {
    if (i % 1000 === 999) checkpoint?.()
    for (const t of tiles.search(item.box)) {
      const tile = tiles.tiles[t]!
      if (!boxOverlap(item.box, tile.box)) continue
      const tileInItemBox = areaInBoxM2([tile.geometry], item.box)
      if (tileInItemBox <= 0) continue
      let areaM2: number
      if (tileInItemBox >= boxAreaM2(item.box) * ALMOST) areaM2 = item.areaM2
      else if (areaInBoxM2(item.geometry, tile.box) >= boxAreaM2(tile.box) * ALMOST) areaM2 = tile.areaM2
      else areaM2 = intersectionAreaM2(item.geometry, [tile.geometry])
      if (areaM2 > 0) hits.push({ item: i, tile: t, areaM2 })
    }
  })
  return hits
}

const pairsOfBoxes = (left: ReadonlyArray<Box>, right: ReadonlyArray<Box>, self: boolean): Array<[number, number]> => {
  if (left.length === 0 || right.length === 0) return []
  const index = new Flatbush(right.length)
  for (const b of right) index.add(b[0], b[1], b[2], b[3])
  index.finish()
  const out: Array<[number, number]> = []
  left.forEach((b, i) => {
    for (const j of index.search(b[0], b[1], b[2], b[3])) if ((!self || j > i) && boxOverlap(b, right[j]!)) out.push([i, j])
  })
  return out
}

const centre = (a: Box, b: Box): Pair => {
  const o = boxOverlap(a, b)!
  return [(o[0] + o[2]) / 2, (o[1] + o[3]) / 2]
}

/**
 * Refuses a layer two of whose features inside the tiles overlap by more than `sliverM2` (a land layer is a
 * partition: an overlap would count the same ground twice). Throws a CalculatorError naming both features.
 */
export const refuseSelfOverlaps = (items: ReadonlyArray<LayerItem>, hits: ReadonlyArray<Hit>, sliverM2: number, locate: (p: Pair) => string): void => {
  const used = [...new Set(hits.map((h) => h.item))]
  const problems = pairsOfBoxes(
    used.map((i) => items[i]!.box),
    used.map((i) => items[i]!.box),
    true,
  )
    .map(([x, y]) => ({ a: items[used[x]!]!, b: items[used[y]!]!, areaM2: intersectionAreaM2(items[used[x]!]!.geometry, items[used[y]!]!.geometry) }))
    .filter((o) => o.areaM2 > sliverM2)
    .map((o) => ({
      file: o.a.file,
      row: o.a.row,
      field: "geometry",
      message: `${o.a.label} overlaps ${o.b.label} by ${o.areaM2.toFixed(1)} m² near ${locate(centre(o.a.box, o.b.box))}; features of a land layer must not overlap (the ground would count twice)`,
    }))
  if (problems.length === 0) return
  throw new CalculatorError({
    reason: "invalid-input",
    message: `${problems[0]!.file}: ${problems.length} pair(s) of overlapping features inside the redline; nothing was computed`,
    problems: problems.slice(0, 20),
  })
}

/** Ground (m²) inside tile `tile` shared by item `left` of one layer and item `right` of another. */
export interface PairInTile {
  readonly left: number
  readonly right: number
  readonly tile: number
  readonly areaM2: number
}

/**
 * How two layers overlap inside the tiles, per pair of features and tile. Identical features share their whole
 * hits; different features that overlap are intersected (polygon-clipping, in the worker) and the result is
 * measured against the tiles the left feature reaches.
 */
export const pairsInTiles = async (
  overlay: Overlay,
  tiles: TileSet,
  left: { readonly items: ReadonlyArray<LayerItem>; readonly hits: ReadonlyArray<Hit> },
  right: { readonly items: ReadonlyArray<LayerItem>; readonly hits: ReadonlyArray<Hit> },
): Promise<Array<PairInTile>> => {
  const hitsOf = (hits: ReadonlyArray<Hit>) => {
    const m = new Map<number, Array<Hit>>()
    for (const h of hits) pushTo(m, h.item, h)
    return m
  }
  const leftHits = hitsOf(left.hits)
  const rightHits = hitsOf(right.hits)
  const l = [...leftHits.keys()]
  const r = [...rightHits.keys()]
  const out: Array<PairInTile> = []
  const changed: Array<{ left: number; right: number }> = []
  const ops: Array<OverlayOp> = []
  for (const [x, y] of pairsOfBoxes(l.map((i) => left.items[i]!.box), r.map((i) => right.items[i]!.box), false)) {
    const [li, ri] = [l[x]!, r[y]!]
    const [a, b] = [left.items[li]!, right.items[ri]!]
    if (a.key === b.key && a.areaM2 === b.areaM2) {
      for (const h of leftHits.get(li)!) out.push({ left: li, right: ri, tile: h.tile, areaM2: h.areaM2 })
      continue
    }
    if (intersectionAreaM2(a.geometry, b.geometry) <= 0) continue
    changed.push({ left: li, right: ri })
    ops.push({ kind: "intersection", geoms: [a.geometry, b.geometry], context: { file: a.file, row: a.row, what: `intersecting ${a.label} with ${b.file} ${b.label}` } })
  }
  const shared = await overlay.run(ops)
  changed.forEach((c, k) => {
    for (const h of leftHits.get(c.left)!) {
      const areaM2 = intersectionAreaM2(shared[k]!, [tiles.tiles[h.tile]!.geometry])
      if (areaM2 > 0) out.push({ ...c, tile: h.tile, areaM2 })
    }
  })
  return out
}
