/**
 * The reference region sets a server can run with: `yrd`, the curated Yangtze River Delta set (the default), or
 * `national`, every province, prefecture and county-level unit of mainland China with the YRD's curated names and
 * groups (core's `nationalRegions`).
 */
import { nationalRegions, type RegionSet, yrdRegions } from "@tijian/core"

export const REFERENCE_REGION_SETS = ["yrd", "national"] as const
export type ReferenceRegionSet = (typeof REFERENCE_REGION_SETS)[number]

/** The region set named `name`. */
export const referenceRegions = (name: ReferenceRegionSet): RegionSet => (name === "national" ? nationalRegions() : yrdRegions())
