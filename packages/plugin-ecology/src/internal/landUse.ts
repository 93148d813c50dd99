/**
 * Land use inside the redline: the share of natural land (forest, grassland, wetland, water) in the current
 * redline, and the conversion matrix inside the baseline redline (which class became which, in m²). Land-use
 * layers must not overlap themselves.
 */
import { type LandUseClass, naturalLandUseClasses } from "../landUseClasses.js"
import type { Pair } from "./geometry.js"
import { intersectWithTiles, type LayerItem, pairsInTiles, refuseSelfOverlaps } from "./layerHits.js"
import type { Overlay } from "./overlay.js"
import type { RedlineLayer } from "./redlineLayer.js"

/** A land-use feature: a layer item with its class. */
export type LandUseItem = LayerItem & { readonly landUse?: LandUseClass }

/** Natural and classified ground (m²) inside the redline of one region. */
export interface NaturalLand {
  readonly naturalM2: number
  readonly classifiedM2: number
}

interface Common {
  readonly overlay: Overlay
  readonly sliverM2: number
  readonly locate: (p: Pair) => string
}

/** Natural and classified ground per region inside a redline. */
export const measureNaturalLand = async (input: Common & { readonly redline: RedlineLayer; readonly landUse: ReadonlyArray<LandUseItem> }): Promise<Map<string, NaturalLand>> => {
  const hits = intersectWithTiles(input.landUse, input.redline.tiles, () => input.overlay.checkpoint("measuring land use"))
  refuseSelfOverlaps(input.landUse, hits, input.sliverM2, input.locate)
  const out = new Map<string, { naturalM2: number; classifiedM2: number }>()
  for (const h of hits) {
    const unit = input.redline.tiles.tiles[h.tile]!.unit
    const u = out.get(unit) ?? { naturalM2: 0, classifiedM2: 0 }
    u.classifiedM2 += h.areaM2
    if (naturalLandUseClasses.has(input.landUse[h.item]!.landUse!)) u.naturalM2 += h.areaM2
    out.set(unit, u)
  }
  return out
}

/** Conversion matrix: m² by `from` (baseline class) and `to` (current class), with each year's classified totals. */
export interface ConversionMatrix {
  readonly cells: ReadonlyMap<LandUseClass, ReadonlyMap<LandUseClass, number>>
  readonly baselineM2: ReadonlyMap<LandUseClass, number>
  readonly currentM2: ReadonlyMap<LandUseClass, number>
}

/** The conversion matrix inside the baseline redline, over the regions `include` accepts. */
export const measureConversion = async (
  input: Common & {
    readonly redline: RedlineLayer
    readonly baseline: ReadonlyArray<LandUseItem>
    readonly current: ReadonlyArray<LandUseItem>
    readonly include: (unit: string) => boolean
  },
): Promise<ConversionMatrix> => {
  const { overlay, redline } = input
  const from = intersectWithTiles(input.baseline, redline.tiles, () => overlay.checkpoint("measuring land use"))
  refuseSelfOverlaps(input.baseline, from, input.sliverM2, input.locate)
  const to = intersectWithTiles(input.current, redline.tiles, () => overlay.checkpoint("measuring land use"))
  refuseSelfOverlaps(input.current, to, input.sliverM2, input.locate)
  const included = (tile: number) => input.include(redline.tiles.tiles[tile]!.unit)
  const add = <K>(m: Map<K, number>, k: K, v: number) => m.set(k, (m.get(k) ?? 0) + v)
  const baselineM2 = new Map<LandUseClass, number>()
  const currentM2 = new Map<LandUseClass, number>()
  for (const h of from) if (included(h.tile)) add(baselineM2, input.baseline[h.item]!.landUse!, h.areaM2)
  for (const h of to) if (included(h.tile)) add(currentM2, input.current[h.item]!.landUse!, h.areaM2)
  const cells = new Map<LandUseClass, Map<LandUseClass, number>>()
  const pairs = await pairsInTiles(overlay, redline.tiles, { items: input.baseline, hits: from }, { items: input.current, hits: to })
  for (const o of pairs) {
    if (!included(o.tile)) continue
    const a = input.baseline[o.left]!.landUse!
    const b = input.current[o.right]!.landUse!
    const row = cells.get(a) ?? new Map<LandUseClass, number>()
    add(row, b, o.areaM2)
    cells.set(a, row)
  }
  return { cells, baselineM2, currentM2 }
}
