/**
 * Evaluations kept warm (issue #20, item 3): the live report of each (scope, year) asked for, kept in this process's
 * memory with the write-clock stamp it was evaluated at and the regions it read. Before answering, the store reads
 * the latest change and the regions changed since it last looked (values or approval states, `changedRegions`); a
 * kept report stays warm until a change touches a region it read, or its scope's own subtree (a written region's
 * parents and the groups holding it or them). Everything else is served as kept, restamped to the latest change:
 * the same data give the same report, so a warm answer equals a cold one (tested on SQLite and PostgreSQL).
 *
 * Only live reports are kept (no `asOf`, or an `asOf` at a change this store has watched through; every value, not
 * approved only): anything else is evaluated cold, as `Engine.evaluate` does. Several server processes each keep
 * their own store; each reads the shared write clock, so none serves a report another's write has made stale.
 */
import { Context, Effect, Layer } from "effect"
import { Database } from "./Database.js"
import * as Engine from "./Engine.js"
import { NotFound, type StorageError } from "./Errors.js"
import { changedRegions } from "./internal/changedRegions.js"
import { type ReadRegions, recordingReads } from "./internal/recordingReads.js"
import { query } from "./internal/run.js"
import { forEachBatched, readsInBatches } from "./internal/prefetchedReads.js"
import { reportReads } from "./internal/reportReads.js"
import { type ReportReads, requireScopes, scopeReport } from "./internal/scopeReport.js"
import { asOfOrLatest, ObservationStore } from "./ObservationStore.js"
import { type Overview, type OverviewInput, overviewOf } from "./Overview.js"
import { Registry } from "./Registry.js"
import type { Report } from "./Report.js"
import { restampReport } from "./ReportSeal.js"
import { unsafeCanonicalTime } from "./Time.js"

/** How many (scope, year) reports are kept at most; the least recently used go first. */
export interface WarmOptions {
  /** Default `DEFAULT_MAX_WARM_ENTRIES`. */
  readonly maxEntries?: number
}

/**
 * Every region of China (3,341) in one year, with room to spare. A county's report of ten indicators with 20-year
 * series holds some 61 KB (measured: 182 MB for 2,975), so the default keeps up to some 250 MB at that size.
 */
export const DEFAULT_MAX_WARM_ENTRIES = 4_000

/** What the store did since it was made: reports evaluated (cold), answered from memory (warm), kept now. */
export interface WarmStats {
  readonly evaluated: number
  readonly warm: number
  readonly entries: number
}

/** The warm store's operations. */
export interface WarmEvaluationsService {
  /**
   * The report, as `Engine.evaluate` gives it: from memory when kept and untouched since, else evaluated (and kept
   * when live). Byte-identical to a cold evaluation of the same data.
   */
  readonly evaluate: (input: Engine.EvaluateInput) => Effect.Effect<Report, NotFound | StorageError>
  /** The reports of many scopes, as `Engine.evaluateMany` gives them: each kept one from memory, the rest evaluated in batches (and kept when live). */
  readonly evaluateMany: (input: Engine.EvaluateManyInput) => Effect.Effect<ReadonlyArray<Report>, NotFound | StorageError>
  /**
   * One indicator across every region of a level (default county) in a year, as of the latest change, from the
   * regions' kept reports (each evaluated once when cold). `NotFound` for an unknown indicator.
   */
  readonly overview: (input: OverviewInput) => Effect.Effect<Overview, NotFound | StorageError>
  /** Counts since the store was made. */
  readonly stats: () => WarmStats
}

/** The warm store's tag. */
export class WarmEvaluations extends Context.Tag("@tijian/core/WarmEvaluations")<WarmEvaluations, WarmEvaluationsService>() {}

interface Entry {
  readonly scope: string
  readonly report: Report
  /** The stamp the report was evaluated as of. */
  readonly at: string
  readonly read: ReadRegions
}

const later = (stamp: string | undefined, than: string) => stamp !== undefined && stamp > than

/** Makes the store over the current `Registry`, `ObservationStore` and `Database`. */
export const make = (options: WarmOptions = {}) =>
  Effect.gen(function* () {
    const registry = yield* Registry
    const store = yield* ObservationStore
    const reads = yield* reportReads
    const { db } = yield* Database
    const batched = yield* readsInBatches
    const maxEntries = options.maxEntries ?? DEFAULT_MAX_WARM_ENTRIES
    const regions = registry.regions
    const groupsOf = new Map<string, Array<string>>()
    for (const g of regions.groups) for (const m of g.members) groupsOf.set(m, [...(groupsOf.get(m) ?? []), g.code])

    // (scope, year) -> entry, in order of last use
    const entries = new Map<string, Entry>()
    // region -> stamp of the latest change of its values or approvals seen; scope -> of any change within it
    const written = new Map<string, string>()
    const within = new Map<string, string>()
    let lastWritten: string | undefined
    // changes stamped after `watchedFrom` up to `syncedTo` are known; entries are evaluated as of `watchedFrom` or later
    let watchedFrom: string | undefined
    let syncedTo: string | undefined
    let evaluated = 0
    let warm = 0

    const raise = (map: Map<string, string>, key: string, at: string) => {
      if (!later(map.get(key), at)) map.set(key, at)
    }
    const note = (region: string, at: string) => {
      raise(written, region, at)
      if (!later(lastWritten, at)) lastWritten = at
      for (let code: string | undefined = region; code !== undefined; code = regions.get(code)?.parent) {
        raise(within, code, at)
        for (const g of groupsOf.get(code) ?? []) raise(within, g, at)
      }
    }

    const sync = (latest: string) =>
      Effect.gen(function* () {
        if (syncedTo === undefined) {
          watchedFrom = syncedTo = latest
          return
        }
        if (latest <= syncedTo) return
        const from = syncedTo
        const changed = yield* query("read the regions changed since the kept evaluations", () => changedRegions(db, from, latest))
        for (const [region, at] of changed) note(region, at)
        if (latest > syncedTo) syncedTo = latest
      })

    const fresh = (entry: Entry, asOf: string) =>
      entry.at <= asOf &&
      !later(within.get(entry.scope), entry.at) &&
      (entry.read.everything ? !later(lastWritten, entry.at) : [...entry.read.regions].every((r) => !later(written.get(r), entry.at)))

    const keyOf = (scope: string, year: number) => `${scope}\u0000${year}`

    /** The kept report of (scope, year) for `asOf` (a watched stamp) when it is fresh, counted as warm; else undefined. */
    const warmReport = (scope: string, year: number, asOf: string): Report | undefined => {
      const key = keyOf(scope, year)
      const entry = entries.get(key)
      if (!entry || !fresh(entry, asOf)) return undefined
      warm++
      entries.delete(key)
      entries.set(key, entry)
      return entry.report
    }

    /** (scope, year) evaluated for `asOf` (a watched stamp) reading through `through`, and kept. */
    const keep = (scope: string, year: number, asOf: string, through: ReportReads) =>
      Effect.gen(function* () {
        const key = keyOf(scope, year)
        const recorder = recordingReads(through)
        const report = yield* scopeReport(registry, { scope, year, asOf }, recorder.reads)
        evaluated++
        const now = entries.get(key)
        if (!now || now.at <= asOf) {
          entries.delete(key)
          entries.set(key, { scope: report.scope.code, report, at: asOf, read: recorder.read() })
          if (entries.size > maxEntries) entries.delete(entries.keys().next().value!)
        }
        return report
      })

    /** The kept report of (scope, year) for `asOf` (a watched stamp), or it evaluated and kept. */
    const kept = (scope: string, year: number, asOf: string) =>
      Effect.suspend(() => {
        const report = warmReport(scope, year, asOf)
        return report !== undefined ? Effect.succeed(report) : keep(scope, year, asOf, reads)
      })

    /**
     * The kept reports of `scopes` (known codes) in `year` for `asOf` (a watched stamp), in order; the cold ones
     * evaluated and kept a batch of scopes at a time, each batch's rows read at once (as `Engine.evaluateMany` does).
     */
    const keptMany = (scopes: ReadonlyArray<string>, year: number, asOf: string) =>
      Effect.gen(function* () {
        const reports: Array<Report | undefined> = scopes.map((scope) => warmReport(scope, year, asOf))
        const cold = scopes.flatMap((scope, i) => (reports[i] === undefined ? [i] : []))
        const evaluatedNow = yield* forEachBatched(registry, reads, { scopes: cold.map((i) => scopes[i]!), year, asOf, batched }, (scope, through) => keep(scope, year, asOf, through))
        cold.forEach((i, k) => (reports[i] = evaluatedNow[k]))
        return reports as Array<Report>
      })

    const evaluate: WarmEvaluationsService["evaluate"] = Effect.fn("WarmEvaluations.evaluate")(function* (input: Engine.EvaluateInput) {
      const latest = yield* asOfOrLatest(store, undefined)
      const asOf = input.asOf === undefined ? latest : unsafeCanonicalTime(input.asOf)
      if (input.approvedOnly !== true && asOf <= latest) {
        yield* sync(latest)
        if (watchedFrom !== undefined && asOf >= watchedFrom) return restampReport(yield* kept(input.scope, input.year, asOf), asOf)
      }
      evaluated++
      return yield* scopeReport(registry, { ...input, asOf }, reads)
    })

    const evaluateMany: WarmEvaluationsService["evaluateMany"] = Effect.fn("WarmEvaluations.evaluateMany")(function* (input: Engine.EvaluateManyInput) {
      yield* requireScopes(registry, input.scopes)
      const latest = yield* asOfOrLatest(store, undefined)
      const asOf = input.asOf === undefined ? latest : unsafeCanonicalTime(input.asOf)
      if (input.approvedOnly !== true && asOf <= latest) {
        yield* sync(latest)
        if (watchedFrom !== undefined && asOf >= watchedFrom) return (yield* keptMany(input.scopes, input.year, asOf)).map((r) => restampReport(r, asOf))
      }
      evaluated += input.scopes.length
      const { year, approvedOnly } = input
      return yield* forEachBatched(registry, reads, { scopes: input.scopes, year, asOf, batched }, (scope, through) => scopeReport(registry, { scope, year, asOf, approvedOnly }, through))
    })

    const overview: WarmEvaluationsService["overview"] = Effect.fn("WarmEvaluations.overview")(function* (input: OverviewInput) {
      const indicator = registry.indicator(input.indicator)
      if (!indicator) {
        return yield* new NotFound({ reason: "indicator", message: `no indicator has id "${input.indicator}"; see GET /api/v1/indicators` })
      }
      const level = input.level ?? "county"
      const latest = yield* asOfOrLatest(store, undefined)
      yield* sync(latest)
      const members = regions.atLevel(level)
      const reports = yield* keptMany(members.map((r) => r.code), input.year, latest)
      return overviewOf(indicator, input.year, level, latest, members, reports)
    })

    return { evaluate, evaluateMany, overview, stats: () => ({ evaluated, warm, entries: entries.size }) } satisfies WarmEvaluationsService
  })

/**
 * The warm store over whichever `Registry`, `ObservationStore` and `Database` are provided.
 *
 * @example
 * const warm = WarmEvaluations.layer({ maxEntries: 10_000 }).pipe(Layer.provideMerge(storeAndRegistry))
 */
export const layer = (options: WarmOptions = {}): Layer.Layer<WarmEvaluations, never, Registry | ObservationStore | Database> =>
  Layer.effect(WarmEvaluations, make(options))

/**
 * The engine whose `evaluate` and `evaluateMany` answer from the warm store (`composite` as `Engine.make` does): provide it instead of
 * `Engine.layer` and every live report the app reads is kept warm.
 */
export const engineLayer: Layer.Layer<Engine.Engine, never, WarmEvaluations | Registry | ObservationStore> = Layer.effect(
  Engine.Engine,
  Effect.gen(function* () {
    const cold = yield* Engine.make
    const warm = yield* WarmEvaluations
    return { ...cold, evaluate: warm.evaluate, evaluateMany: warm.evaluateMany } satisfies Engine.EngineService
  }),
)
