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

/** A name as a message quotes it: whole up to 80 characters, else its first 80 and its length (it came from a URL). */
const quoted = (name: string): string => (name.length <= 80 ? `"${name}"` : `"${name.slice(0, 80)}…" (${name.length} characters)`)

/**
 * The first name of `filter` (indicators first) that nothing is known by, with its message ("did you mean" when a
 * known one is close), or undefined when every name is known. Only that one is compared with the known names: a
 * filter of thousands of unknown codes costs one suggestion, not thousands.
 *
 * @example
 * unknownName(registry, { indicators: ["beauty.growht"] })
 * // { field: "indicator", name: "beauty.growht", message: 'no indicator has id "beauty.growht"; did you mean "beauty.growth"? (see GET /api/v1/indicators)' }
 */
export const unknownName = (
  registry: RegistryService,
  filter: { readonly indicators?: ReadonlyArray<string> | undefined; readonly regions?: ReadonlyArray<string> | undefined },
): UnknownName | undefined => {
  const indicator = filter.indicators?.find((id) => !registry.indicator(id) && replacementOf(id) === undefined)
  if (indicator !== undefined) {
    const hint = closest(indicator, registry.indicators.map((i) => i.id))
    return { field: "indicator", name: indicator, message: `no indicator has id ${quoted(indicator)}${hint ? `; did you mean "${hint}"?` : ""} (see GET /api/v1/indicators)` }
  }
  const region = filter.regions?.find((code) => !registry.regions.has(code) && registry.regions.lineage.retired(code) === undefined)
  if (region === undefined) return undefined
  const hint = closest(region, [...registry.regions.regions.map((r) => r.code), ...registry.regions.groups.map((g) => g.code)])
  return {
    field: "region",
    name: region,
    message: `no region or group has code ${quoted(region)}${hint ? `; did you mean "${hint}"?` : ""} (regions are identified by GB/T 2260 code, e.g. 320500; see GET /api/v1/regions)`,
  }
}
