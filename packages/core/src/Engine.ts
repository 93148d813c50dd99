/**
 * The evaluation engine: for a region or group and a year, reads the current observations as of a time,
 * builds every indicator's series (observed, aggregated, derived in DAG order), evaluates each against its
 * targets and history, and assembles the report. A failure inside one indicator's calculation marks that
 * row `error`; the report still renders.
 */
import { Context, Effect, Layer } from "effect"
import { NotFound, type StorageError } from "./Errors.js"
import { diagnose, summarize } from "./internal/diagnose.js"
import { errorEvaluation, evaluateIndicator } from "./internal/evaluateIndicator.js"
import { buildSeries } from "./internal/series.js"
import { ObservationStore } from "./ObservationStore.js"
import { Registry } from "./Registry.js"
import type { Plugin, SectionContext } from "./Plugin.js"
import { type Evaluation, type Report, sealReport, type SectionExtras } from "./Report.js"
import { unsafeCanonicalTime } from "./Time.js"

/** What to evaluate: a region or group code, the report year, and the time the data are read as of (ISO). */
export interface EvaluateInput {
  readonly scope: string
  readonly year: number
  readonly asOf: string
}

/** The engine's operations. */
export interface EngineService {
  /** The report of one region or group for one year, as of a time. */
  readonly evaluate: (input: EvaluateInput) => Effect.Effect<Report, NotFound | StorageError>
}

/** The engine service tag. */
export class Engine extends Context.Tag("@tijian/core/Engine")<Engine, EngineService>() {}

const sectionExtras = (plugin: Plugin, context: SectionContext): SectionExtras & { readonly error?: string } => {
  if (!plugin.reportSection) return {}
  try {
    return plugin.reportSection(context)
  } catch (e) {
    return { error: `the ${plugin.id} plugin's section failed: ${e instanceof Error ? e.message : String(e)}` }
  }
}

/** Makes the engine over the current `Registry` and `ObservationStore`. */
export const make = Effect.gen(function* () {
  const registry = yield* Registry
  const store = yield* ObservationStore

  const evaluate = Effect.fn("Engine.evaluate")(function* (input: EvaluateInput) {
    const scope = registry.regions.scope(input.scope)
    if (!scope) {
      return yield* new NotFound({
        reason: "region",
        message: `no region or group has code "${input.scope}"; regions are identified by code (e.g. 320500), see GET /api/v1/regions`,
      })
    }
    const asOf = unsafeCanonicalTime(input.asOf)
    const code = scope._tag === "region" ? scope.region.code : scope.group.code
    const members = scope._tag === "group" ? scope.members.map((m) => m.code) : []
    const observations = yield* store.current({ regions: [code, ...members], asOf })
    const series = buildSeries(registry, scope, observations, input.year)
    const rows = new Map<string, Evaluation>()
    for (const indicator of registry.indicators) {
      try {
        rows.set(
          indicator.id,
          evaluateIndicator(indicator, series.get(indicator.id)!, registry.targetsFor(indicator.id, code), input.year, (id) =>
            series.get(id)?.get(input.year)?._tag === "value",
          ),
        )
      } catch (e) {
        rows.set(indicator.id, errorEvaluation(indicator, `evaluation failed: ${e instanceof Error ? e.message : String(e)}`))
      }
    }
    const sections = registry.plugins.map((p) => {
      const evaluations = p.indicators.map((i) => rows.get(i.id)!)
      const extras = sectionExtras(p, { scope: code, year: input.year, evaluations })
      return {
        plugin: p.id,
        version: p.version,
        name: p.name,
        methodology: p.methodology ?? null,
        evaluations,
        notes: extras.notes ?? [],
        tables: extras.tables ?? [],
        error: extras.error ?? null,
      }
    })
    const all = sections.flatMap((s) => s.evaluations)
    const revisions = [...new Set(all.flatMap((r) => r.revisions))].sort()
    const used = new Set(revisions)
    const dataAsOf = observations
      .filter((o) => used.has(o.id))
      .reduce<string | null>((max, o) => (max === null || o.submittedAt > max ? o.submittedAt : max), null)
    const name = scope._tag === "region" ? scope.region : scope.group
    return sealReport({
      schemaVersion: 1,
      scope: { code, type: scope._tag, name: { zh: name.nameZh, en: name.nameEn }, members },
      year: input.year,
      summary: summarize(all),
      sections,
      diagnosis: diagnose(registry, all, input.year),
      provenance: { asOf, dataAsOf, revisions, contentHash: "" },
    })
  })

  return { evaluate } satisfies EngineService
})

/** The engine over whichever `Registry` and `ObservationStore` are provided. */
export const layer: Layer.Layer<Engine, never, Registry | ObservationStore> = Layer.effect(Engine, make)
