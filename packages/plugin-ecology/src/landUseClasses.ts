/**
 * The land-use classes the ecology calculator reads, with the Chinese names agencies' land-survey layers use
 * (accepted as aliases), and which of them count as natural land inside a redline.
 */
import type { I18nText } from "@tijian/core/plugin"

/** The seven land-use classes, in the order tables show them. */
export const landUseClasses = ["forest", "grassland", "wetland", "water", "cropland", "construction", "other"] as const
export type LandUseClass = (typeof landUseClasses)[number]

/** Classes counted as natural land (the "nature not changed" part of the redline rule). */
export const naturalLandUseClasses: ReadonlySet<LandUseClass> = new Set(["forest", "grassland", "wetland", "water"])

/** The bilingual name of each class. */
export const landUseClassNames: Readonly<Record<LandUseClass, I18nText>> = {
  forest: { zh: "林地", en: "forest" },
  grassland: { zh: "草地", en: "grassland" },
  wetland: { zh: "湿地", en: "wetland" },
  water: { zh: "水域", en: "water" },
  cropland: { zh: "耕地", en: "cropland" },
  construction: { zh: "建设用地", en: "construction" },
  other: { zh: "其他", en: "other" },
}

const aliases: ReadonlyMap<string, LandUseClass> = new Map([
  ...landUseClasses.map((c) => [c, c] as const),
  ...landUseClasses.map((c) => [landUseClassNames[c].zh, c] as const),
  ["水域及水利设施用地", "water"],
  ["built-up", "construction"],
  ["城镇村及工矿用地", "construction"],
])

/**
 * The class a land-use attribute names (English id, case-insensitive, or the Chinese name), or undefined.
 *
 * @example
 * landUseClassOf("Forest") // "forest"
 * landUseClassOf("湿地") // "wetland"
 */
export const landUseClassOf = (value: unknown): LandUseClass | undefined =>
  typeof value === "string" ? aliases.get(value.trim().toLowerCase()) ?? aliases.get(value.trim()) : undefined
