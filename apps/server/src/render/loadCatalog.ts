/**
 * The catalogue of reports the index page lists: every region and group with the years that have data (a
 * region's own values; a group's own values and its members').
 */
import { ObservationStore, Registry, type StorageError } from "@tijian/core"
import type { Catalog } from "@tijian/report"
import { Effect } from "effect"

/**
 * Reads the catalogue as of a time (ISO).
 *
 * @example
 * const catalog = yield* loadCatalog("2025-01-01T00:00:00.000Z")
 * catalog.regions.find((r) => r.code === "YRD")?.years // [2012, 2022]
 */
export const loadCatalog = (asOf: string): Effect.Effect<Catalog, StorageError, Registry.Registry | ObservationStore.ObservationStore> =>
  Effect.gen(function* () {
    const registry = yield* Registry.Registry
    const store = yield* ObservationStore.ObservationStore
    const years = new Map<string, Set<number>>()
    for (const o of yield* store.current({ asOf })) {
      const set = years.get(o.region) ?? new Set<number>()
      set.add(o.year)
      years.set(o.region, set)
    }
    const sorted = (codes: ReadonlyArray<string>) => [...new Set(codes.flatMap((c) => [...(years.get(c) ?? [])]))].sort((a, b) => a - b)
    return {
      regions: registry.regions.regions.map((r) => ({
        code: r.code,
        name: { zh: r.nameZh, en: r.nameEn },
        level: r.level,
        years: sorted([r.code]),
      })),
      groups: registry.regions.groups.map((g) => ({
        code: g.code,
        name: { zh: g.nameZh, en: g.nameEn },
        members: g.members.length,
        years: sorted([g.code, ...g.members]),
      })),
    }
  })
