/**
 * Loading the plugins' reference data: into a fresh database at first start (`seedReferenceData`), and the
 * values of plugins added later into an existing one (`syncReferenceData`, `pnpm tijian plugins sync`).
 */
import {
  type Database,
  InvalidObservations,
  type NewObservation,
  ObservationStore,
  Registry,
  refusalMessage,
  registerObservations,
  type StorageError,
  validateObservations,
  type WriteConflict,
} from "@tijian/core"
import { Effect } from "effect"
import type { AuditActor } from "./audit/AuditLog.js"
import { withAuditedStore } from "./audit/auditedStore.js"

/** The agency recorded on reference values. */
export const REFERENCE_AGENCY = "reference-data"

/**
 * When the store holds no revisions at all, registers every registered plugin's reference observations (one
 * batch, all or nothing) stamped `submittedAt` (ISO time, passed in) and returns how many were stored;
 * otherwise stores nothing and returns 0.
 *
 * @example
 * const loaded = yield* seedReferenceData(new Date().toISOString())
 */
export const seedReferenceData = (
  submittedAt: string,
): Effect.Effect<
  number,
  InvalidObservations | WriteConflict | StorageError,
  Registry.Registry | ObservationStore.ObservationStore
> =>
  Effect.gen(function* () {
    const store = yield* ObservationStore.ObservationStore
    if ((yield* store.countRevisions()) > 0) return 0
    const registry = yield* Registry.Registry
    const rows: Array<NewObservation> = registry.plugins.flatMap((plugin) =>
      (plugin.referenceData?.observations ?? []).map((o) => ({ ...o, agency: REFERENCE_AGENCY })),
    )
    if (rows.length === 0) return 0
    const stored = yield* registerObservations(rows, submittedAt)
    return stored.length
  })

/** What `syncReferenceData` did, per plugin and in all. */
export interface ReferenceSync {
  /** Values stored, by plugin id (plugins with reference data only, in registry order). */
  readonly storedByPlugin: Readonly<Record<string, number>>
  readonly stored: number
  /** Reference values whose cell (indicator, region, year) already holds a value: kept as they are. */
  readonly present: number
  /** Reference values in a locked year: not stored (unlock the year, sync, lock it again). */
  readonly inLockedYears: number
}

const cellKey = (o: { readonly indicator: string; readonly region: string; readonly year: number }) => `${o.indicator}\u0000${o.region}\u0000${o.year}`

/** The reference values of the registered plugins, sorted by what a sync would do with each. */
interface ReferencePlan {
  readonly missing: ReadonlyArray<{ readonly plugin: string; readonly row: NewObservation }>
  readonly present: number
  readonly inLockedYears: number
}

const planReferenceSync: Effect.Effect<ReferencePlan, StorageError, Registry.Registry | ObservationStore.ObservationStore> = Effect.gen(function* () {
  const registry = yield* Registry.Registry
  const store = yield* ObservationStore.ObservationStore
  const rows = registry.plugins.flatMap((plugin) =>
    (plugin.referenceData?.observations ?? []).map((o) => ({ plugin: plugin.id, row: { ...o, agency: REFERENCE_AGENCY } })),
  )
  const indicators = [...new Set(rows.map((r) => r.row.indicator))]
  const held = new Set(indicators.length === 0 ? [] : (yield* store.currentValues({ indicators })).map(cellKey))
  const locked = new Set(yield* store.lockedYears())
  const absent = rows.filter((r) => !held.has(cellKey(r.row)))
  return {
    missing: absent.filter((r) => !locked.has(r.row.year)),
    present: rows.length - absent.length,
    inLockedYears: absent.filter((r) => locked.has(r.row.year)).length,
  }
})

const countByPlugin = (missing: ReferencePlan["missing"]): Record<string, number> => {
  const counts: Record<string, number> = {}
  for (const { plugin } of missing) counts[plugin] = (counts[plugin] ?? 0) + 1
  return counts
}

/**
 * How many reference values of each registered plugin `syncReferenceData` would store (cells holding no value,
 * outside locked years): what the server names at start so a plugin added to an existing database does not
 * silently lack its reference data. Empty when there is nothing to sync.
 *
 * @example
 * yield* pendingReferenceData // { water: 2 }
 */
export const pendingReferenceData: Effect.Effect<Readonly<Record<string, number>>, StorageError, Registry.Registry | ObservationStore.ObservationStore> =
  Effect.map(planReferenceSync, (plan) => countByPlugin(plan.missing))

/**
 * Loads into an existing database the reference values of the registered plugins whose cell (indicator, region,
 * year) holds no value yet — the published figures of a plugin added since the database was made — as one batch,
 * all or nothing, recorded in the audit log as `plugins.sync` by `actor` in the same transaction. A cell that holds
 * any value (the earlier reference value, or an agency's) is left alone, and so is a locked year; running it again
 * stores nothing and records nothing.
 *
 * @example
 * const sync = yield* syncReferenceData(new Date().toISOString(), CLI_ACTOR)
 * // { storedByPlugin: { water: 2 }, stored: 2, present: 37, inLockedYears: 0 }
 */
export const syncReferenceData = (
  submittedAt: string,
  actor: AuditActor,
): Effect.Effect<
  ReferenceSync,
  InvalidObservations | WriteConflict | StorageError,
  Registry.Registry | ObservationStore.ObservationStore | Database.Database
> =>
  Effect.gen(function* () {
    const registry = yield* Registry.Registry
    const { missing, present, inLockedYears } = yield* planReferenceSync
    const storedByPlugin = countByPlugin(missing)
    const result = { storedByPlugin, stored: missing.length, present, inLockedYears }
    if (missing.length === 0) return result
    const rows = missing.map((r) => r.row)
    const problems = validateObservations(registry, rows)
    if (problems.length > 0) return yield* new InvalidObservations({ message: refusalMessage(problems), problems })
    yield* withAuditedStore(
      // the summary of the append, read in its transaction (see auditedStore.ts)
      (summary: { readonly count: number; readonly submittedAt: string | null }) => ({
        at: summary.submittedAt ?? submittedAt,
        action: "plugins.sync" as const,
        actor,
        targets: Object.keys(storedByPlugin),
        count: summary.count,
        details: { storedByPlugin, present, inLockedYears },
      }),
      (audited) => audited.appendChunks([rows], submittedAt, { keep: 0 }),
    )
    return result
  })
