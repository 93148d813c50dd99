/**
 * Calculator runs off the main thread, with budgets that end the work.
 *
 * Each run goes to a worker thread (`calculatorWorker.ts`) with a heap limit. When the time budget is spent or
 * the client goes away, the thread is terminated: a calculator stuck in a loop or in a synchronous decoder
 * stops, and its memory is returned with the thread. The answer to a spent budget is a `CalculatorError` with
 * reason `timeout` (HTTP 503 `calculator-timeout`); a thread that runs out of heap is reason `too-large`. At
 * most `maxJobs` runs go at once; one more is refused with `CalculatorBusy` (HTTP 429 with `Retry-After`)
 * rather than queued, so a burst of heavy uploads cannot pile up memory.
 *
 * Finished threads are kept (at most `maxJobs`; all but one for `idleMs` only) so the next run skips the
 * thread's start-up (about 0.1 s built, 2-3 s from TypeScript sources, which compile in each new thread); a
 * run's time budget starts once its thread has loaded. A plugin object made
 * in code (no built-in id, no package name; see `pluginOrigin`) cannot be loaded in another thread: its runs go
 * on the main thread under `runWithBudget`, counted against the same `maxJobs`.
 */
import {
  CalculatorError,
  type CalculatorOutput,
  type CalculatorProvenance,
  type InputLimits,
  type InputProblem,
  type Region,
  type RegionGroup,
} from "@tijian/core"
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { availableParallelism } from "node:os"
import { dirname, join } from "node:path"
import { pathToFileURL } from "node:url"
import { Worker } from "node:worker_threads"
import { CalculatorBusy } from "../errors.js"
import { type PluginOrigin, pluginOrigin } from "../plugins.js"
import { type CalculatorEntry, type RunRequest, type RunResult, runWithBudget } from "./runWithBudget.js"

/** What the pool sends a worker. */
export interface WorkerJob {
  readonly id: number
  readonly plugin: PluginOrigin
  readonly calculator: string
  readonly inputs: RunRequest["inputs"]
  readonly params: RunRequest["params"]
  readonly region: string
  readonly year: number
  readonly regions: ReadonlyArray<Region>
  readonly groups: ReadonlyArray<RegionGroup>
  readonly limits: InputLimits
}

/** What a worker answers. */
export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly output: CalculatorOutput; readonly provenance: CalculatorProvenance }
  | {
      readonly id: number
      readonly ok: false
      readonly calculatorError?: { readonly reason: CalculatorError["reason"]; readonly message: string; readonly problems: ReadonlyArray<InputProblem> }
      /** A defect (not a `CalculatorError`): the stack, for the log. */
      readonly failure?: string
    }

/** How the pool runs. */
export interface CalculatorPoolOptions {
  /** Runs at once; one more gets `CalculatorBusy`. Default: the number of cores. */
  readonly maxJobs?: number | undefined
  /** Heap of each worker thread, in MiB. Default `DEFAULT_CALCULATOR_HEAP_MB`. */
  readonly maxHeapMb?: number | undefined
  /** How long a finished thread is kept for the next run, in ms. Default 60 s. */
  readonly idleMs?: number
}

/** The default heap of a calculator thread: 2 GiB. */
export const DEFAULT_CALCULATOR_HEAP_MB = 2048

/** The default number of runs at once: one per core. */
export const defaultMaxJobs = (): number => availableParallelism()

/** One run's budget and limits. */
export interface RunBudget {
  readonly timeoutMs?: number | undefined
  readonly signal?: AbortSignal | undefined
  readonly limits: InputLimits
  /** How the caller raises the time budget, for the timeout message. */
  readonly budgetHint?: string
}

/** The pool. */
export interface CalculatorPool {
  /** Runs `entry` with `request` in a worker (see the module comment). */
  readonly run: (entry: CalculatorEntry, request: RunRequest, budget: RunBudget) => Promise<RunResult>
  /** Starts a thread now (when none is alive), so the first run does not wait for one. */
  readonly warm: () => Promise<void>
  /** Runs going now. */
  readonly running: () => number
  /** Threads alive (running or kept idle). */
  readonly threads: () => number
  /** Terminates every thread (idle and running). */
  readonly close: () => Promise<void>
}

/**
 * Where the worker module is, and how to start it: built, beside this module, over the built packages (see
 * `builtPackages.ts`); from TypeScript sources, through tsx's loader.
 */
const workerSource = (): string => {
  const self = import.meta.url
  const fromSource = self.endsWith(".ts")
  const worker = new URL(`./calculatorWorker${fromSource ? ".ts" : ".js"}`, self).href
  if (!fromSource) {
    const hooks = new URL("../builtPackages.js", self).href
    return `import("node:module").then((m) => { m.register(${JSON.stringify(hooks)}); return import(${JSON.stringify(worker)}) })`
  }
  // tsx's ES module API (its CommonJS one cannot register the ESM hooks in a thread).
  const manifest = createRequire(self).resolve("tsx/package.json")
  const api = (JSON.parse(readFileSync(manifest, "utf8")) as { exports: Record<string, { import: { default: string } }> }).exports["./esm/api"]!.import.default
  const tsx = pathToFileURL(join(dirname(manifest), api)).href
  return `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}) })`
}

const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`)

/**
 * Makes a pool. Close it when the server stops (`close` terminates the threads).
 *
 * @example
 * const pool = makeCalculatorPool({ maxJobs: 2 })
 * const { output } = await pool.run(entry, { inputs, params: {}, region: "320500", year: 2024, regions }, { timeoutMs: 60_000, limits: DEFAULT_INPUT_LIMITS })
 */
export const makeCalculatorPool = (options: CalculatorPoolOptions = {}): CalculatorPool => {
  const maxJobs = Math.max(1, options.maxJobs ?? defaultMaxJobs())
  const maxHeapMb = options.maxHeapMb ?? DEFAULT_CALCULATOR_HEAP_MB
  const idleMs = options.idleMs ?? 60_000
  const idle: Array<{ readonly worker: Worker; readonly timer: NodeJS.Timeout }> = []
  const busy = new Set<Worker>()
  let running = 0
  let nextId = 0
  let source: string | undefined

  /** Starts a thread; resolves once its module (with the plugins) has loaded, which is not counted in a run's budget. */
  const spawn = (): Promise<Worker> =>
    new Promise<Worker>((resolve, reject) => {
      source ??= workerSource()
      // workerData must be set: a dependency of geotiff (web-worker) takes a thread without it for its own.
      const worker = new Worker(source, { eval: true, workerData: {}, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } })
      worker.unref()
      const onReady = (message: { ready?: boolean }) => {
        if (message.ready !== true) return
        worker.off("message", onReady).off("error", onFailed).off("exit", onFailed)
        // A thread that fails or ends while kept idle leaves the pool (a run in flight has its own listeners).
        worker.on("error", () => {}).on("exit", () => {
          const at = idle.findIndex((k) => k.worker === worker)
          if (at >= 0) clearTimeout(idle.splice(at, 1)[0]!.timer)
        })
        resolve(worker)
      }
      const onFailed = (e: unknown) => {
        worker.off("message", onReady).off("error", onFailed).off("exit", onFailed)
        reject(new Error(`a calculator thread did not start: ${e instanceof Error ? (e.stack ?? e.message) : `exit code ${String(e)}`}`))
      }
      worker.on("message", onReady).on("error", onFailed).on("exit", onFailed)
    })

  const acquire = (): Promise<Worker> => {
    const kept = idle.pop()
    if (kept === undefined) return spawn()
    clearTimeout(kept.timer)
    return Promise.resolve(kept.worker)
  }

  /** Keeps a finished thread for the next run: the first one for good, the others for `idleMs`. */
  const release = (worker: Worker) => {
    if (idle.length >= maxJobs) return void worker.terminate()
    const timer = setTimeout(() => {
      const at = idle.findIndex((k) => k.worker === worker)
      if (at < 0 || idle.length + busy.size <= 1) return
      idle.splice(at, 1)
      void worker.terminate()
    }, idleMs)
    timer.unref()
    idle.push({ worker, timer })
  }

  const inWorker = (worker: Worker, origin: PluginOrigin, entry: CalculatorEntry, request: RunRequest, budget: RunBudget): Promise<RunResult> =>
    new Promise<RunResult>((resolve, reject) => {
      const { calculator } = entry
      const id = nextId++
      busy.add(worker)
      let timer: NodeJS.Timeout | undefined
      const settle = (keep: boolean) => {
        clearTimeout(timer)
        worker.off("message", onMessage)
        worker.off("error", onError)
        worker.off("exit", onExit)
        budget.signal?.removeEventListener("abort", onAbort)
        busy.delete(worker)
        if (keep) release(worker)
        else void worker.terminate()
      }
      const onMessage = (reply: WorkerReply) => {
        if (reply.id !== id) return
        settle(true)
        if (reply.ok) return resolve({ output: reply.output, provenance: reply.provenance })
        if (reply.calculatorError) return reject(new CalculatorError({ ...reply.calculatorError, problems: [...reply.calculatorError.problems] }))
        reject(new Error(`calculator ${calculator.id} failed in its worker: ${reply.failure ?? "no detail"}`))
      }
      const onError = (e: Error & { code?: string }) => {
        settle(false)
        if (e.code === "ERR_WORKER_OUT_OF_MEMORY") {
          const message = `${calculator.id} needed more than its memory budget of ${maxHeapMb} MiB and was stopped; nothing was stored. Try smaller inputs, or raise calculatorMaxHeapMb (TIJIAN_CALCULATOR_MAX_HEAP_MB)`
          return reject(new CalculatorError({ reason: "too-large", message, problems: [] }))
        }
        reject(new Error(`calculator ${calculator.id}'s worker stopped: ${e.stack ?? e.message}`))
      }
      const onExit = (code: number) => {
        settle(false)
        reject(new Error(`calculator ${calculator.id}'s worker exited (code ${code}) before answering`))
      }
      const onAbort = () => {
        settle(false)
        reject(new CalculatorError({ reason: "failed", message: `the run of ${calculator.id} was cancelled by the caller`, problems: [] }))
      }
      worker.on("message", onMessage)
      worker.on("error", onError)
      worker.on("exit", onExit)
      if (budget.signal?.aborted) return onAbort()
      budget.signal?.addEventListener("abort", onAbort, { once: true })
      const timeoutMs = budget.timeoutMs
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          settle(false)
          const hint = budget.budgetHint ?? "raise calculatorTimeoutSeconds (TIJIAN_CALCULATOR_TIMEOUT_SECONDS)"
          const message = `${calculator.id} did not finish within its time budget of ${duration(timeoutMs)} and was stopped; nothing was stored. Try smaller inputs, or ${hint}`
          reject(new CalculatorError({ reason: "timeout", message, problems: [] }))
        }, timeoutMs)
      }
      const job: WorkerJob = {
        id,
        plugin: origin,
        calculator: calculator.id,
        inputs: request.inputs,
        params: request.params,
        region: request.region,
        year: request.year,
        regions: request.regions.regions,
        groups: request.regions.groups,
        limits: budget.limits,
      }
      worker.postMessage(job)
    })

  return {
    run: async (entry, request, budget) => {
      if (running >= maxJobs) {
        throw new CalculatorBusy({
          message: `${running} calculator run(s) are going, the most this server takes at once (calculatorMaxJobs); retry in a few seconds`,
          retryAfterSeconds: 5,
        })
      }
      running++
      try {
        const origin = pluginOrigin(entry.plugin)
        if (origin === undefined) return await runWithBudget(entry, { ...request }, { timeoutMs: budget.timeoutMs, signal: budget.signal, ...(budget.budgetHint ? { budgetHint: budget.budgetHint } : {}), limits: budget.limits })
        const worker = await acquire()
        return await inWorker(worker, origin, entry, request, budget)
      } finally {
        running--
      }
    },
    warm: async () => {
      if (idle.length + busy.size === 0) release(await spawn())
    },
    running: () => running,
    threads: () => idle.length + busy.size,
    close: async () => {
      const all = [...idle.map((k) => (clearTimeout(k.timer), k.worker)), ...busy]
      idle.length = 0
      busy.clear()
      await Promise.all(all.map((w) => w.terminate()))
    },
  }
}
