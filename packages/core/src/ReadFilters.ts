/**
 * What the filters of a read (`GET /observations?indicator=...&region=...`) name that nothing is known by: an
 * indicator id no plugin declares and that is no retired id, a code that names no region, group or retired region.
 * A read that filters by such a name would answer "no values" for a typo; the server answers 404 with "did you
 * mean" instead. A retired indicator id or region code is known: values stored under it are still read.
 */
import { closest } from "./internal/suggest.js"
import { replacementOf } from "./internal/retiredIndicators.js"
import type { RegistryService } from "./Registry.js"

/** A name a read's filter gives that nothing is known by, and what to tell its reader. */
export interface UnknownName {
  readonly field: "indicator" | "region"
  readonly name: string
  readonly message: string
}

/**
 * The names of `filter` that nothing is known by, each with its message ("did you mean" when one is close).
 *
 * @example
 * unknownNames(registry, { indicators: ["beauty.growht"] })
 * // [{ field: "indicator", name: "beauty.growht", message: 'no indicator has id "beauty.growht"; did you mean "beauty.growth"?' }]
 */
export const unknownNames = (
  registry: RegistryService,
  filter: { readonly indicators?: ReadonlyArray<string>; readonly regions?: ReadonlyArray<string> },
): Array<UnknownName> => {
  const out: Array<UnknownName> = []
  const indicators = (filter.indicators ?? []).filter((id) => !registry.indicator(id) && replacementOf(id) === undefined)
  if (indicators.length > 0) {
    const ids = registry.indicators.map((i) => i.id)
    for (const name of indicators) {
      const hint = closest(name, ids)
      out.push({ field: "indicator", name, message: `no indicator has id "${name}"${hint ? `; did you mean "${hint}"?` : ""} (see GET /api/v1/indicators)` })
    }
  }
  const regions = (filter.regions ?? []).filter((code) => !registry.regions.has(code) && registry.regions.lineage.retired(code) === undefined)
  if (regions.length > 0) {
    const codes = [...registry.regions.regions.map((r) => r.code), ...registry.regions.groups.map((g) => g.code)]
    for (const name of regions) {
      const hint = closest(name, codes)
      out.push({
        field: "region",
        name,
        message: `no region or group has code "${name}"${hint ? `; did you mean "${hint}"?` : ""} (regions are identified by GB/T 2260 code, e.g. 320500; see GET /api/v1/regions)`,
      })
    }
  }
  return out
}
