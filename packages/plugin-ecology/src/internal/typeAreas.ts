/**
 * The current redline's area by redline type, per region: additive by construction. The types present are taken in
 * the classification's order and the redline of the first k types is built for each k (the last is the whole
 * redline, already built): type k's area is the difference of two such layers, so ground under features of two
 * types counts once, for the type listed first, and the type areas add up to the total.
 */
import { type RedlineType, redlineTypes } from "../redlineTypes.js"
import type { Overlay } from "./overlay.js"
import type { MetricFeature } from "./prepare.js"
import { buildRedlineLayer, type RedlineLayer } from "./redlineLayer.js"
import type { Territories } from "./territories.js"

/** Area (m²) per region code, for each type present in the layer. */
export type AreaByType = ReadonlyMap<RedlineType, ReadonlyMap<string, number>>

/**
 * The area of each type present, per region code; undefined when no feature has a type. `whole` is the layer of
 * every feature (its `areaByUnitM2` is the total the type areas add up to).
 */
export const measureTypeAreas = async (
  features: ReadonlyArray<MetricFeature>,
  whole: RedlineLayer,
  territories: Territories,
  overlay: Overlay,
): Promise<AreaByType | undefined> => {
  if (!features.some((f) => f.redlineType !== undefined)) return undefined
  const present = redlineTypes.filter((t) => features.some((f) => f.redlineType === t))
  const out = new Map<RedlineType, Map<string, number>>()
  let before: ReadonlyMap<string, number> = new Map()
  for (let k = 0; k < present.length; k++) {
    const upTo = new Set(present.slice(0, k + 1))
    const layer = k === present.length - 1 ? whole : await buildRedlineLayer(features.filter((f) => upTo.has(f.redlineType!)), territories, overlay)
    const units = new Set([...layer.areaByUnitM2.keys(), ...before.keys()])
    // a difference of two overlays: never below zero, though rounding in either may make it so
    out.set(present[k]!, new Map([...units].map((u) => [u, Math.max(0, (layer.areaByUnitM2.get(u) ?? 0) - (before.get(u) ?? 0))])))
    before = layer.areaByUnitM2
  }
  return out
}
