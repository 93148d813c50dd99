/**
 * Boolean overlay (polygon-clipping) in a worker thread with a time budget. polygon-clipping can throw, recurse
 * without end or loop forever on degenerate input (see its issues #46, #95, #153); running it off the main
 * thread means a stuck overlay is terminated when the budget runs out and the caller gets a CalculatorError
 * (reason "timeout" or "failed") naming the feature being processed, never a hung or crashed server.
 *
 * Operations go in batches (one message per chunk); the worker records the index of the operation it is on in
 * shared memory, so a timeout can say which operation was stuck.
 */
import { createRequire } from "node:module"
import { Worker } from "node:worker_threads"
import { CalculatorError } from "@tijian/core/plugin"
import { type MultiPolygon, type Polygon, vertexCount } from "./geometry.js"

/** Where an operation comes from, for error messages: the input file, the feature row, what was being done. */
export interface OpContext {
  readonly file: string
  readonly row?: number
  readonly what: string
}

/** One boolean operation: the union or intersection of all `geoms`, or the first less the others. */
export interface OverlayOp {
  readonly kind: "union" | "intersection" | "difference"
  readonly geoms: ReadonlyArray<Polygon | MultiPolygon>
  readonly context: OpContext
}

/** A running overlay worker. `run` resolves with one multipolygon per operation, in order. */
export interface Overlay {
  readonly run: (ops: ReadonlyArray<OverlayOp>) => Promise<Array<MultiPolygon>>
  /** Number of operations run so far. */
  readonly count: () => number
  /** Throws the timeout (or cancellation) error when the budget is spent or the caller has aborted; for long loops outside the worker. */
  readonly checkpoint: (what: string) => void
  readonly close: () => Promise<void>
}

/** Options: the budget for everything run on this overlay, a caller's abort signal, the worker's heap limit. */
export interface OverlayOptions {
  readonly timeoutMs: number
  readonly signal?: AbortSignal
  readonly maxHeapMb?: number
  /** Largest number of positions sent in one message (smaller chunks: finer abort checks). */
  readonly chunkPositions?: number
}

const workerSource = `
const { parentPort, workerData } = require("node:worker_threads")
const pc = require(workerData.polygonClipping)
const at = new Int32Array(workerData.progress)
parentPort.on("message", (msg) => {
  const out = []
  for (let i = 0; i < msg.ops.length; i++) {
    Atomics.store(at, 0, i)
    const op = msg.ops[i]
    try {
      out.push(pc[op[0]].apply(null, op[1]))
    } catch (e) {
      parentPort.postMessage({ id: msg.id, failedAt: i, message: String((e && e.message) || e) })
      return
    }
  }
  parentPort.postMessage({ id: msg.id, results: out })
})
`

const polygonClippingPath = createRequire(import.meta.url).resolve("polygon-clipping")

const positions = (op: OverlayOp): number =>
  op.geoms.reduce<number>((s, g) => {
    const first = g[0]?.[0]?.[0]
    const polygons = (Array.isArray(first) ? g : [g]) as MultiPolygon
    return s + vertexCount(polygons)
  }, 0)

const problemOf = (c: OpContext | undefined, message: string) => ({ file: c?.file ?? "overlay", ...(c?.row !== undefined ? { row: c.row } : {}), message })

interface PooledWorker {
  readonly worker: Worker
  /** Index of the operation the worker is on (shared memory). */
  readonly current: Int32Array
  readonly maxHeapMb: number
}

let idle: { readonly entry: PooledWorker; readonly timer: NodeJS.Timeout } | undefined

/** Keeps a healthy worker for the next run for a while (starting one costs tens to hundreds of milliseconds). */
const release = (entry: PooledWorker) => {
  if (idle) void idle.entry.worker.terminate()
  const timer = setTimeout(() => {
    if (idle?.entry === entry) idle = undefined
    void entry.worker.terminate()
  }, 30_000)
  timer.unref()
  idle = { entry, timer }
}

const acquire = (maxHeapMb: number): PooledWorker => {
  if (idle && idle.entry.maxHeapMb === maxHeapMb) {
    const { entry, timer } = idle
    idle = undefined
    clearTimeout(timer)
    return entry
  }
  const progress = new SharedArrayBuffer(4)
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { polygonClipping: polygonClippingPath, progress },
    resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
  })
  // An idle worker must not keep the process alive; while a chunk runs, its timer does.
  worker.unref()
  return { worker, current: new Int32Array(progress), maxHeapMb }
}

/** Starts an overlay (on a pooled worker). Always `close` it (in a `finally`). */
export const startOverlay = (options: OverlayOptions): Overlay => {
  const deadline = Date.now() + options.timeoutMs
  let entry: PooledWorker | undefined
  let done = 0
  let nextId = 0

  const runChunk = (ops: ReadonlyArray<OverlayOp>): Promise<Array<MultiPolygon>> =>
    new Promise((resolve, reject) => {
      const e = (entry ??= acquire(options.maxHeapMb ?? 4096))
      const w = e.worker
      const current = e.current
      const id = nextId++
      Atomics.store(current, 0, 0)
      const stuck = () => ops[Atomics.load(current, 0)]?.context
      const cleanup = () => {
        clearTimeout(timer)
        w.off("message", onMessage)
        w.off("error", onError)
        w.off("exit", onExit)
        options.signal?.removeEventListener("abort", onAbort)
      }
      const kill = (error: CalculatorError) => {
        cleanup()
        entry = undefined
        void w.terminate()
        reject(error)
      }
      const onMessage = (msg: { id: number; results?: Array<MultiPolygon>; failedAt?: number; message?: string }) => {
        if (msg.id !== id) return
        cleanup()
        if (msg.results) return resolve(msg.results)
        const c = ops[msg.failedAt ?? 0]?.context
        reject(
          new CalculatorError({
            reason: "failed",
            message: `overlay failed while ${c?.what ?? "processing"}: ${msg.message}. Check the feature for slivers or near-duplicate vertices, or snap to a coarser grid (snapM)`,
            problems: [problemOf(c, `overlay failed while ${c?.what ?? "processing"}: ${msg.message}`)],
          }),
        )
      }
      const onError = (e: Error) => {
        const c = stuck()
        kill(
          new CalculatorError({
            reason: "failed",
            message: `the overlay worker stopped while ${c?.what ?? "processing"}: ${e.message}`,
            problems: [problemOf(c, `the overlay worker stopped: ${e.message}`)],
          }),
        )
      }
      const onExit = (code: number) => {
        const c = stuck()
        kill(new CalculatorError({ reason: "failed", message: `the overlay worker exited (code ${code}) while ${c?.what ?? "processing"}`, problems: [problemOf(c, `the overlay worker exited (code ${code})`)] }))
      }
      const onTimeout = () => {
        const c = stuck()
        const seconds = (options.timeoutMs / 1000).toString()
        kill(
          new CalculatorError({
            reason: "timeout",
            message: `the overlay did not finish within its budget of ${seconds} s (stuck while ${c?.what ?? "starting"}); nothing was computed. Simplify or repair the geometry, or raise timeoutSeconds`,
            problems: [problemOf(c, `overlay did not finish within ${seconds} s while ${c?.what ?? "starting"}`)],
          }),
        )
      }
      const onAbort = () => {
        const c = stuck()
        kill(new CalculatorError({ reason: "timeout", message: "the calculation was cancelled by the caller; nothing was computed", problems: [problemOf(c, "cancelled")] }))
      }
      const timer = setTimeout(onTimeout, Math.max(0, deadline - Date.now()))
      w.on("message", onMessage)
      w.on("error", onError)
      w.on("exit", onExit)
      if (options.signal?.aborted) return onAbort()
      options.signal?.addEventListener("abort", onAbort, { once: true })
      w.postMessage({ id, ops: ops.map((o) => [o.kind, o.geoms]) })
    })

  const run = async (ops: ReadonlyArray<OverlayOp>): Promise<Array<MultiPolygon>> => {
    const out: Array<MultiPolygon> = []
    const limit = options.chunkPositions ?? 200_000
    let start = 0
    while (start < ops.length) {
      let end = start
      let size = 0
      while (end < ops.length && (end === start || size < limit)) size += positions(ops[end++]!)
      out.push(...(await runChunk(ops.slice(start, end))))
      done += end - start
      start = end
    }
    return out
  }

  const checkpoint = (what: string) => {
    const message = options.signal?.aborted
      ? "the calculation was cancelled by the caller; nothing was computed"
      : Date.now() > deadline
        ? `the calculation did not finish within its budget of ${options.timeoutMs / 1000} s (while ${what}); nothing was computed. Raise timeoutSeconds or split the input`
        : undefined
    if (message) throw new CalculatorError({ reason: "timeout", message, problems: [{ file: "overlay", message }] })
  }

  return {
    run,
    checkpoint,
    count: () => done,
    close: async () => {
      if (entry) release(entry)
      entry = undefined
    },
  }
}
