/**
 * The Effect runtime the server runs on: registry (plugins + YRD regions), SQLite database (migrated on
 * start), observation store and engine, built once and disposed on shutdown.
 */
import {
  Approvals,
  CalculatorRuns,
  Database,
  Editions,
  Engine,
  ObservationStore,
  type Plugin,
  type RegionSet,
  Registry,
  RegistryError,
  type StorageError,
  WarmEvaluations,
} from "@tijian/core"
import { Cause, Effect, Exit, Layer, ManagedRuntime } from "effect"
import type { ApiError } from "./errors.js"
import { referenceRegions, type ReferenceRegionSet } from "./referenceRegions.js"
import { layer as TokenStoreLayer, type TokenStore } from "./auth/TokenStore.js"
import { type AgencyNameStore, layer as AgencyNameStoreLayer } from "./agencies/AgencyNameStore.js"
import { type BoundaryStore, layer as BoundaryStoreLayer } from "./boundaries/BoundaryStore.js"

/** Every service the server uses. */
export type AppServices =
  | Registry.Registry
  | Database.Database
  | ObservationStore.ObservationStore
  | Engine.Engine
  | WarmEvaluations.WarmEvaluations
  | Editions.Editions
  | Approvals.Approvals
  | CalculatorRuns.CalculatorRuns
  | TokenStore
  | BoundaryStore
  | AgencyNameStore

/** The server's runtime. Building it (on first use) fails with a `RegistryError` or a `StorageError`. */
export type AppRuntime = ManagedRuntime.ManagedRuntime<AppServices, RegistryError | StorageError>

/** What the runtime is built from. */
export interface RuntimeOptions {
  /** The SQLite file, `":memory:"`, or a `postgres://` URL. */
  readonly filename: string
  readonly plugins: ReadonlyArray<Plugin>
  /** The regions and groups, or the name of a reference set (default: the YRD reference set). */
  readonly regions?: RegionSet | ReferenceRegionSet
  /**
   * How many live reports to keep warm (`WarmEvaluations`: evaluated once, kept until a write touches them, least
   * recently used out). Default core's `DEFAULT_MAX_WARM_ENTRIES`; 0 keeps none: every report is evaluated cold.
   */
  readonly warmReports?: number
  /** Open the database read-only (a replica): not migrated, its schema checked to be current; writes fail. Default false. */
  readonly readOnly?: boolean
}

/** The registry over the YRD reference regions; unreadable region data becomes a `RegistryError`. */
const registryLayer = (plugins: ReadonlyArray<Plugin>, regions?: RegionSet | ReferenceRegionSet): Layer.Layer<Registry.Registry, RegistryError> =>
  Layer.unwrapEffect(
    Effect.try({
      try: () => Registry.layer(plugins, typeof regions === "string" ? referenceRegions(regions) : (regions ?? referenceRegions("yrd"))),
      catch: (e) =>
        new RegistryError({
          reason: "invalid-region-data",
          message: `cannot read the reference regions: ${e instanceof Error ? e.message : String(e)}`,
        }),
    }),
  )

/**
 * The layer of every service: the engine (its live reports kept warm, `WarmEvaluations`, unless `warmReports` is 0),
 * boundaries and agency names over tokens (which migrate the server's tables first) over store and calculator runs
 * over database, all over the registry.
 */
export const appLayer = (options: RuntimeOptions): Layer.Layer<AppServices, RegistryError | StorageError> =>
  Layer.mergeAll(options.warmReports === 0 ? Engine.layer : WarmEvaluations.engineLayer, Editions.layer, Approvals.layer, BoundaryStoreLayer, AgencyNameStoreLayer).pipe(
    Layer.provideMerge(WarmEvaluations.layer(options.warmReports === undefined ? {} : { maxEntries: options.warmReports })),
    Layer.provideMerge(TokenStoreLayer),
    // committed calculator runs below the engine, which shows them in the plugins' sections when it finds them
    Layer.provideMerge(Layer.merge(ObservationStore.layer, CalculatorRuns.layer)),
    Layer.provideMerge(Database.layerFromUrl(options.filename, { readOnly: options.readOnly ?? false })),
    Layer.provideMerge(registryLayer(options.plugins, options.regions)),
  )

/**
 * Makes the runtime. Nothing is opened until first use; `runtime.dispose()` closes the database.
 *
 * @example
 * const runtime = makeRuntime({ filename: ":memory:", plugins: builtinPlugins })
 */
export const makeRuntime = (options: RuntimeOptions): AppRuntime => ManagedRuntime.make(appLayer(options))

/**
 * Runs an effect on the runtime and returns its value; a failure is thrown as the error itself (e.g. the core
 * `NotFound`, not a wrapper), so `toHttpError` can map it. A defect or interruption is thrown as an `Error`.
 */
export const runOrThrow = async <A, E extends ApiError>(runtime: AppRuntime, effect: Effect.Effect<A, E, AppServices>): Promise<A> => {
  const exit = await runtime.runPromiseExit(effect)
  if (Exit.isSuccess(exit)) return exit.value
  const error = Cause.squash(exit.cause)
  throw error instanceof Error ? error : new Error(String(error))
}
