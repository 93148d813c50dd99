/**
 * The report's "Data quality" part: the plugins' validation rules that fail or cannot be evaluated at the scope and
 * the regions in it for the report year, and the year's outliers with their notes (a note makes one confirmed).
 * Rules read every stored value as of the report's time, approved or not: a violation among provisional values is
 * still something a reviewer should see.
 */
import { Effect } from "effect"
import type { StorageError } from "../Errors.js"
import { cellKey } from "../Observation.js"
import type { ObservationStoreService } from "../ObservationStore.js"
import type { RegistryService } from "../Registry.js"
import type { DataQuality, OutlierNote } from "../Report.js"
import { evaluateRuleInstance, instanceCells, ruleInstancesFor } from "../Validation.js"
import type { ObservedValue } from "./series.js"
import { yearOutliers } from "./yearOutliers.js"

const unique = <A>(xs: Iterable<A>): Array<A> => [...new Set(xs)]

/** What the data-quality part is read for. */
export interface DataQualityInput {
  readonly code: string
  /** The scope and its members: whose values the outliers are looked for among. */
  readonly regions: ReadonlyArray<string>
  readonly year: number
  readonly asOf: string
  /** The observations the report evaluated (the outliers are looked for among them). */
  readonly observations: ReadonlyArray<ObservedValue>
}

/** Failed and broken rules, then outliers with their notes; two small reads at most (rule cells, flagged notes). */
export const readDataQuality = (registry: RegistryService, store: ObservationStoreService, input: DataQualityInput): Effect.Effect<DataQuality, StorageError> =>
  Effect.gen(function* () {
    const instances = registry.rules.length === 0 ? [] : ruleInstancesFor(registry, input.code, input.year)
    const cells = instances.flatMap((i) => instanceCells(registry, i))
    const values = new Map<string, number>()
    if (cells.length > 0) {
      const read = yield* store.currentValues({
        indicators: unique(cells.map((c) => c.indicator)),
        regions: unique(cells.map((c) => c.region)),
        years: [input.year],
        asOf: input.asOf,
      })
      for (const v of read) values.set(cellKey(v), v.value)
    }
    const results = instances.map((i) => evaluateRuleInstance(registry, i, (c) => values.get(cellKey(c))))
    const rules = results.filter((r) => r.state === "failed" || r.state === "error")
    const passed = results.filter((r) => r.state === "passed").length
    const flagged = yearOutliers(registry, input.observations, new Set(input.regions), input.year)
    const notes = new Map<string, OutlierNote["note"]>()
    if (flagged.length > 0) {
      const stored = yield* store.current({
        indicators: unique(flagged.map((f) => f.indicator)),
        regions: unique(flagged.map((f) => f.region)),
        years: [input.year],
        asOf: input.asOf,
      })
      for (const o of stored) {
        const zh = o.noteZh ?? o.note
        const en = o.noteEn ?? o.note
        if (zh !== null || en !== null) notes.set(cellKey(o), { zh: zh ?? en ?? "", en: en ?? zh ?? "" })
      }
    }
    const outliers = flagged.map((f): OutlierNote => {
      const note = notes.get(cellKey(f)) ?? null
      return { ...f, confirmed: note !== null, note }
    })
    return { checked: instances.length, passed, notApplicable: instances.length - passed - rules.length, rules, outliers }
  })
