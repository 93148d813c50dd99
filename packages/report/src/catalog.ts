/**
 * The catalogue of reports the index page lists: every region and group with the years that have data.
 */
import type { I18nText, RegionLevel } from "@tijian/core"

/** A region or group with its report years, ascending. */
export interface CatalogEntry {
  readonly code: string
  readonly name: I18nText
  readonly years: ReadonlyArray<number>
}

/** What the index lists. */
export interface Catalog {
  readonly regions: ReadonlyArray<CatalogEntry & { readonly level: RegionLevel }>
  readonly groups: ReadonlyArray<CatalogEntry & { readonly members: number }>
}
