/**
 * The types of ecological protection redline, after the national classification of the Guide for delineating
 * ecological protection redlines (生态保护红线划定指南, Ministry of Environmental Protection and NDRC, 2017): areas
 * of extremely important ecological function (水源涵养, 生物多样性维护, 水土保持, 防风固沙, 海岸生态稳定) and
 * extremely sensitive or fragile areas (水土流失, 石漠化, 土地沙化, 盐渍化). The Chinese names are accepted as
 * aliases of the codes, so a provincial layer's attribute can be used as it is.
 */
import type { Dimension, I18nText } from "@tijian/core/plugin"

/** The redline types, in the order reports show them (function types first); overlapping ground counts for the first. */
export const redlineTypes = [
  "water-conservation",
  "biodiversity",
  "soil-conservation",
  "windbreak-sand-fixation",
  "coastal-stability",
  "soil-erosion",
  "rocky-desertification",
  "land-desertification",
  "salinisation",
] as const
export type RedlineType = (typeof redlineTypes)[number]

/** The bilingual name of each type. */
export const redlineTypeNames: Readonly<Record<RedlineType, I18nText>> = {
  "water-conservation": { zh: "水源涵养", en: "water conservation" },
  biodiversity: { zh: "生物多样性维护", en: "biodiversity maintenance" },
  "soil-conservation": { zh: "水土保持", en: "soil and water conservation" },
  "windbreak-sand-fixation": { zh: "防风固沙", en: "windbreak and sand fixation" },
  "coastal-stability": { zh: "海岸生态稳定", en: "coastal ecological stability" },
  "soil-erosion": { zh: "水土流失", en: "soil erosion" },
  "rocky-desertification": { zh: "石漠化", en: "rocky desertification" },
  "land-desertification": { zh: "土地沙化", en: "land desertification" },
  salinisation: { zh: "盐渍化", en: "salinisation" },
}

const aliases: ReadonlyMap<string, RedlineType> = new Map([
  ...redlineTypes.map((t) => [t, t] as const),
  ...redlineTypes.map((t) => [redlineTypeNames[t].zh, t] as const),
])

/**
 * The type a redline feature's attribute names (code, case-insensitive, or the Chinese name), or undefined.
 *
 * @example
 * redlineTypeOf("Water-Conservation") // "water-conservation"
 * redlineTypeOf("水土保持") // "soil-conservation"
 */
export const redlineTypeOf = (value: unknown): RedlineType | undefined =>
  typeof value === "string" ? (aliases.get(value.trim().toLowerCase()) ?? aliases.get(value.trim())) : undefined

/** The allowed values, as a problem message lists them: `water-conservation (水源涵养), ...`. */
export const redlineTypeChoices = (): string => redlineTypes.map((t) => `${t} (${redlineTypeNames[t].zh})`).join(", ")

/**
 * The dimension `redline-type` of `ecology.redline-area-km2`: additive, the type areas add up to the total (the
 * calculator counts ground under features of two types once, for the type listed first).
 */
export const redlineTypeDimension = {
  id: "redline-type",
  name: { zh: "红线类型", en: "redline type" },
  additive: true,
  codes: redlineTypes.map((code) => ({ code, name: redlineTypeNames[code] })),
} as const satisfies Dimension
