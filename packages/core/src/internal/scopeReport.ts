/**
 * The report of one region or group for one year from the current values it reads: what the engine does once the
 * store has answered, shared with the in-memory evaluation of plugin tests (`evaluatePlugins`).
 */
import { Effect } from "effect"
import { NotFound } from "../Errors.js"
import type { CurrentValue } from "../Observation.js"
import type { RegistryService } from "../Registry.js"
import { type Report, sealReport } from "../Report.js"
import { diagnose, summarize } from "./diagnose.js"
import { evaluateScope } from "./evaluateScope.js"

/** The current values (as of the report's time) of the given region and group codes. */
export type ReadCurrentValues<E> = (regions: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<CurrentValue>, E>

/** Evaluates `scope` in `year` as of `asOf` (canonical ISO), reading values through `read`. */
export const scopeReport = <E>(
  registry: RegistryService,
  input: { readonly scope: string; readonly year: number; readonly asOf: string },
  read: ReadCurrentValues<E>,
): Effect.Effect<Report, NotFound | E> =>
  Effect.gen(function* () {
    const scope = registry.regions.scope(input.scope)
    if (!scope) {
      return yield* new NotFound({
        reason: "region",
        message: `no region or group has code "${input.scope}"; regions are identified by code (e.g. 320500), see GET /api/v1/regions`,
      })
    }
    const code = scope._tag === "region" ? scope.region.code : scope.group.code
    const members = scope._tag === "group" ? scope.members.map((m) => m.code) : []
    // The regions that benchmark targets for this scope name: their own registered values are the standard.
    const benchmarkRegions = [
      ...new Set(
        registry.targets.flatMap((t) =>
          t.standard?.family === "benchmark" && (t.scope === code || t.scope === "*") ? [t.standard.region] : [],
        ),
      ),
    ]
    const { sections, notReported, evaluations, revisions, dataAsOf } = evaluateScope(
      registry,
      scope,
      code,
      yield* read([code, ...members]),
      input.year,
      benchmarkRegions.length === 0 ? [] : yield* read(benchmarkRegions),
    )
    const name = scope._tag === "region" ? scope.region : scope.group
    return sealReport({
      schemaVersion: 2,
      scope: { code, type: scope._tag, name: { zh: name.nameZh, en: name.nameEn }, members },
      year: input.year,
      summary: summarize(evaluations, notReported.length),
      sections,
      notReported,
      diagnosis: diagnose(registry, evaluations, input.year),
      provenance: { asOf: input.asOf, dataAsOf, revisions, contentHash: "" },
    })
  })
