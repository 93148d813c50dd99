/**
 * The evaluation engine: for a region or group and a year, reads the current observations as of a time,
 * builds every indicator's series (observed, aggregated, derived in DAG order), evaluates each against its
 * targets and history, and assembles the report. A failure inside one indicator's calculation marks that
 * row `error`; the report still renders.
 */
import { Context, Effect, Either, Layer } from "effect"
import { type MembersRanking, rankMembers } from "./CompositeDeclaration.js"
import { CompositeError, NotFound, type StorageError } from "./Errors.js"
import { lineageJoin } from "./internal/lineageJoin.js"
import { reportReads } from "./internal/reportReads.js"
import { memberValues } from "./internal/memberValues.js"
import { requireScopes, scopeReport } from "./internal/scopeReport.js"
import { forEachBatched, readsInBatches } from "./internal/prefetchedReads.js"
import { asOfOrLatest, ObservationStore } from "./ObservationStore.js"
import { Registry } from "./Registry.js"
import type { Report } from "./Report.js"
import type { I18nText } from "./Text.js"

/**
 * What to evaluate: a region or group code, the report year, and the time the data are read as of (ISO). Without
 * `asOf`, the report is as of the latest committed change (`ObservationStore.lastChange`), which reads the same
 * again later; a database never written to reads as of the epoch.
 */
export interface EvaluateInput {
  readonly scope: string
  readonly year: number
  readonly asOf?: string | undefined
  /** Evaluate approved values only: values of data sets not approved as of the report's time are left out. */
  readonly approvedOnly?: boolean | undefined
}

/** Several scopes' reports for one year, as of one time. */
export interface EvaluateManyInput extends Omit<EvaluateInput, "scope"> {
  readonly scopes: ReadonlyArray<string>
}

/** The as-of time of a database never written to. */
export { EPOCH } from "./ObservationStore.js"

/** Which composite to rank, over which scope's members (a group's, or a region's children), in which year. */
export interface CompositeInput extends Omit<EvaluateInput, "approvedOnly"> {
  readonly indicator: string
}

/** A declared composite's ranking of a scope's members, with what it was computed from. */
export interface CompositeRankingReport extends MembersRanking {
  readonly indicator: string
  readonly plugin: string
  readonly name: I18nText
  readonly scope: { readonly code: string; readonly name: I18nText }
  readonly year: number
  readonly asOf: string
  readonly method: "arithmetic" | "geometric"
  readonly weights: Readonly<Record<string, number>>
}

/** The engine's operations. */
export interface EngineService {
  /** The report of one region or group for one year, as of a time. */
  readonly evaluate: (input: EvaluateInput) => Effect.Effect<Report, NotFound | StorageError>
  /**
   * The reports of many scopes for one year, all as of one time (without `asOf`, the latest change), in the order
   * asked: each equals `evaluate` of its scope, but a batch of scopes reads its rows in one query of each kind
   * instead of four queries a report (every county of China: 2,978 reports from some 12 batches of reads).
   * `NotFound` for the first unknown scope. The reports are held until the call returns, and the heap grows to some
   * four times what is held: ask for large reports in calls of tens (25 counties of 100 indicators, about 15 MB held,
   * peaked at 359 MB; 100 a call at 773 MB).
   */
  readonly evaluateMany: (input: EvaluateManyInput) => Effect.Effect<ReadonlyArray<Report>, NotFound | StorageError>
  /**
   * A plugin-declared composite's ranking of the members of a group (or the children of a region) in a year: each
   * member's composite, rank, rank interval and Sobol' indices (`rankMembers`). `NotFound` for an unknown scope or
   * an indicator that is not a declared composite; `CompositeError` when the scope has no members or too few with
   * the inputs to rank.
   */
  readonly composite: (input: CompositeInput) => Effect.Effect<CompositeRankingReport, NotFound | StorageError | CompositeError>
}

/** The engine service tag. */
export class Engine extends Context.Tag("@tijian/core/Engine")<Engine, EngineService>() {}

/**
 * Makes the engine over the current `Registry` and `ObservationStore`. When a `CalculatorRuns` service is in the
 * context too (the server provides it), each plugin's section shows the latest committed run of each of its
 * calculators for the scope and year (`ReportSection.calculatorRuns`); without it, sections carry no runs.
 */
export const make = Effect.gen(function* () {
  const registry = yield* Registry
  const store = yield* ObservationStore
  const reads = yield* reportReads
  const batched = yield* readsInBatches

  const evaluate = Effect.fn("Engine.evaluate")(function* (input: EvaluateInput) {
    const asOf = yield* asOfOrLatest(store, input.asOf)
    return yield* scopeReport(registry, { ...input, asOf }, reads)
  })

  const evaluateMany = Effect.fn("Engine.evaluateMany")(function* (input: EvaluateManyInput) {
    yield* requireScopes(registry, input.scopes)
    const asOf = yield* asOfOrLatest(store, input.asOf)
    const { scopes, year, approvedOnly } = input
    return yield* forEachBatched(registry, reads, { scopes, year, asOf, batched }, (scope, batch) => scopeReport(registry, { scope, year, asOf, approvedOnly }, batch))
  })

  const composite = Effect.fn("Engine.composite")(function* (input: CompositeInput) {
    const declared = registry.composites.find((c) => c.composite.indicator === input.indicator)
    if (!declared) {
      const known = registry.composites.map((c) => c.composite.indicator)
      return yield* new NotFound({
        reason: "indicator",
        message: `"${input.indicator}" is not a declared composite; ${known.length === 0 ? "no plugin declares one" : `the composites are ${known.join(", ")}`} (GET /api/v1/composites)`,
      })
    }
    const scope = registry.regions.scope(input.scope)
    if (!scope) {
      return yield* new NotFound({ reason: "region", message: `no region or group has code "${input.scope}"; see GET /api/v1/regions` })
    }
    const code = scope._tag === "region" ? scope.region.code : scope.group.code
    const members = scope._tag === "group" ? scope.members : registry.regions.children(code)
    if (members.length === 0) {
      return yield* new CompositeError({ reason: "no-values", message: `"${code}" has no members to rank (a group's members or a region's children); use a group such as YRD-CENTRAL-27` })
    }
    const asOf = yield* asOfOrLatest(store, input.asOf)
    const lineage = lineageJoin(registry.regions.lineage, members.map((m) => m.code))
    const observations = lineage.join(yield* store.currentValues({ regions: lineage.read, asOf }))
    const { composite: c, plugin } = declared
    const weights = Object.fromEntries(Object.entries(c.weights).filter((e): e is [string, number] => e[1] !== undefined))
    const values = memberValues(registry, members, observations, input.year)(Object.keys(weights))
    const ranking = rankMembers(c, values)
    if (Either.isLeft(ranking)) return yield* ranking.left
    const name = scope._tag === "region" ? scope.region : scope.group
    return {
      ...ranking.right,
      indicator: c.indicator,
      plugin: plugin.id,
      name: registry.indicator(c.indicator)!.name,
      scope: { code, name: { zh: name.nameZh, en: name.nameEn } },
      year: input.year,
      asOf,
      method: c.method,
      weights,
    } satisfies CompositeRankingReport
  })

  return { evaluate, evaluateMany, composite } satisfies EngineService
})

/** The engine over whichever `Registry` and `ObservationStore` are provided (and `CalculatorRuns`, when it is: see `make`). */
export const layer: Layer.Layer<Engine, never, Registry | ObservationStore> = Layer.effect(Engine, make)
