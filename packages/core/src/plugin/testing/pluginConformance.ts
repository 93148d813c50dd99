/**
 * The plugin conformance suite: what every plugin must satisfy, called in one line from the plugin's tests.
 *
 * @example
 * pluginConformance(beautyIndex)
 */
import { describe, expect, it } from "vitest"
import { Effect } from "effect"
import type { Plugin } from "../../Plugin.js"
import { yrdRegions } from "../../ReferenceRegions.js"
import type { RegionSet } from "../../Region.js"
import { validateObservations } from "../../ObservationProblems.js"
import { buildRegistry } from "../../Registry.js"

/**
 * Checks that the plugin builds a registry on its own (with the plugins it `uses`), that every indicator has
 * zh and en names and units, that derived indicators compute finite numbers from in-range inputs, and that its
 * reference data pass registration.
 */
export const pluginConformance = (
  plugin: Plugin,
  options: { readonly with?: ReadonlyArray<Plugin>; readonly regions?: RegionSet } = {},
): void => {
  describe(`plugin conformance: ${plugin.id}`, () => {
    const regions = options.regions ?? yrdRegions()
    const registry = () => Effect.runSync(buildRegistry([...(options.with ?? []), plugin], regions))

    it("builds a registry without problems", () => {
      expect(() => registry()).not.toThrow()
    })

    it("names every indicator, unit and target source in zh and en", () => {
      for (const i of plugin.indicators) {
        for (const text of [i.name, i.unit]) {
          expect(text.zh.length, `${i.id} zh`).toBeGreaterThan(0)
          expect(text.en.length, `${i.id} en`).toBeGreaterThan(0)
        }
      }
      for (const t of plugin.targets ?? []) {
        expect(t.source.zh.length).toBeGreaterThan(0)
        expect(t.source.en.length).toBeGreaterThan(0)
      }
    })

    it("computes a finite value for every derived indicator from mid-range inputs", () => {
      const r = registry()
      for (const i of plugin.indicators.filter((x) => x.kind === "derived")) {
        const inputs: Record<string, number> = {}
        for (const id of i.inputs ?? []) {
          const range = r.indicator(id)?.range
          const lo = range?.min ?? 0
          const hi = range?.max ?? lo + 100
          inputs[id] = (lo + hi) / 2
        }
        const value = i.compute(inputs, { region: "YRD", year: 2022 })
        expect(Number.isFinite(value), `${i.id} = ${value}`).toBe(true)
      }
    })

    it("has reference data that pass registration", () => {
      const rows = (plugin.referenceData?.observations ?? []).map((o) => ({ ...o, agency: "reference-data" }))
      expect(validateObservations(registry(), rows)).toEqual([])
    })
  })
}
