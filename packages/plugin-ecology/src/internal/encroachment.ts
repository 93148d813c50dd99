/**
 * Encroachment: construction land inside the baseline redline, per region, in total and new since the baseline
 * (current construction less the baseline construction). Construction layers must not overlap themselves.
 */
import type { Pair } from "./geometry.js"
import { type Hit, intersectWithTiles, type LayerItem, pairsInTiles, refuseSelfOverlaps } from "./layerHits.js"
import type { Overlay } from "./overlay.js"
import type { RedlineLayer } from "./redlineLayer.js"

/** Encroachment of one region. */
export interface RegionEncroachment {
  readonly totalM2: number
  /** Undefined without a baseline construction layer. */
  readonly newM2: number | undefined
  /** Number of construction features with ground inside the redline. */
  readonly features: number
}

/** One construction feature inside the redline. */
export interface EncroachingFeature {
  readonly file: string
  readonly row: number
  readonly label: string
  readonly unit: string
  readonly areaM2: number
  readonly newM2: number | undefined
}

/** Encroachment per region and the features that encroach most. */
export interface Encroachment {
  /** Whether a baseline construction layer was given (so new encroachment is known). */
  readonly hasBaseline: boolean
  readonly byUnit: ReadonlyMap<string, RegionEncroachment>
  readonly features: ReadonlyArray<EncroachingFeature>
}

const sumBy = <T>(xs: ReadonlyArray<T>, key: (x: T) => number, value: (x: T) => number): Map<number, number> => {
  const m = new Map<number, number>()
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + value(x))
  return m
}

/** Measures encroachment of construction land (current year, and baseline year when given) into the baseline redline. */
export const measureEncroachment = async (input: {
  readonly redline: RedlineLayer
  readonly current: ReadonlyArray<LayerItem>
  readonly baseline?: ReadonlyArray<LayerItem>
  readonly overlay: Overlay
  readonly sliverM2: number
  readonly locate: (p: Pair) => string
}): Promise<Encroachment> => {
  const { redline, overlay } = input
  // A feature with no more than a sliver inside the redline (an edge digitised twice) is noise, not encroachment.
  const all = intersectWithTiles(input.current, redline.tiles, () => overlay.checkpoint("measuring construction land"))
  const insideM2 = sumBy(all, (h) => h.item, (h) => h.areaM2)
  const hits = all.filter((h) => insideM2.get(h.item)! > input.sliverM2)
  refuseSelfOverlaps(input.current, hits, input.sliverM2, input.locate)
  // Ground of each current hit (keyed item/tile) that was already construction land in the baseline year.
  const existingM2 = new Map<string, number>()
  if (input.baseline) {
    const baseHits = intersectWithTiles(input.baseline, redline.tiles, () => overlay.checkpoint("measuring construction land"))
    refuseSelfOverlaps(input.baseline, baseHits, input.sliverM2, input.locate)
    for (const p of await pairsInTiles(overlay, redline.tiles, { items: input.current, hits }, { items: input.baseline, hits: baseHits })) {
      const key = `${p.left}/${p.tile}`
      existingM2.set(key, (existingM2.get(key) ?? 0) + p.areaM2)
    }
  }
  const hasBaseline = input.baseline !== undefined
  const freshOf = (h: Hit) => h.areaM2 - (existingM2.get(`${h.item}/${h.tile}`) ?? 0)
  const freshM2 = sumBy(hits, (h) => h.item, freshOf)
  const newOf = (h: Hit) => (freshM2.get(h.item)! > input.sliverM2 ? Math.max(0, freshOf(h)) : 0)

  const units = new Map<string, { totalM2: number; newM2: number; items: Set<number> }>()
  const perItem = new Map<number, { areaM2: number; newM2: number; byUnit: Map<string, number> }>()
  hits.forEach((h) => {
    const unit = redline.tiles.tiles[h.tile]!.unit
    const u = units.get(unit) ?? { totalM2: 0, newM2: 0, items: new Set<number>() }
    u.totalM2 += h.areaM2
    u.newM2 += newOf(h)
    u.items.add(h.item)
    units.set(unit, u)
    const f = perItem.get(h.item) ?? { areaM2: 0, newM2: 0, byUnit: new Map<string, number>() }
    f.areaM2 += h.areaM2
    f.newM2 += newOf(h)
    f.byUnit.set(unit, (f.byUnit.get(unit) ?? 0) + h.areaM2)
    perItem.set(h.item, f)
  })
  const byUnit = new Map<string, RegionEncroachment>(
    // A region's new ground at or below a sliver is rounding in the overlay (the same parcel in both years).
    [...units].map(([unit, u]) => [unit, { totalM2: u.totalM2, newM2: hasBaseline ? (u.newM2 > input.sliverM2 ? u.newM2 : 0) : undefined, features: u.items.size }]),
  )
  const features = [...perItem]
    .map(([i, f]) => {
      const item = input.current[i]!
      const unit = [...f.byUnit].sort((a, b) => b[1] - a[1])[0]![0]
      return { file: item.file, row: item.row, label: item.label, unit, areaM2: f.areaM2, newM2: hasBaseline ? f.newM2 : undefined }
    })
    .sort((a, b) => b.areaM2 - a.areaM2 || a.row - b.row)
  return { hasBaseline, byUnit, features }
}
