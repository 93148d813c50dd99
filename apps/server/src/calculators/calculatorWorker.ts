/**
 * The calculator worker: a thread that runs one calculator at a time for `CalculatorPool`. It loads the plugin
 * the job names (a built-in by id, a package by name), rebuilds the region set, runs the calculator through
 * core's `runCalculator` and posts the output, or the `CalculatorError` as plain data. The pool terminates the
 * thread when the budget is spent, so a calculator that ignores its abort signal still stops, and its memory
 * goes with the thread.
 */
import { CalculatorError, type Plugin, RegionSet, runCalculator } from "@tijian/core"
import { parentPort } from "node:worker_threads"
import { loadPluginFrom, type PluginOrigin } from "../plugins.js"
import type { WorkerJob, WorkerReply } from "./CalculatorPool.js"

const plugins = new Map<string, Plugin>()

const pluginOf = (origin: PluginOrigin): Plugin => {
  const key = JSON.stringify(origin)
  let plugin = plugins.get(key)
  if (plugin === undefined) {
    plugin = loadPluginFrom(origin)
    plugins.set(key, plugin)
  }
  return plugin
}

const replyTo = async (job: WorkerJob): Promise<WorkerReply> => {
  try {
    const plugin = pluginOf(job.plugin)
    const calculator = plugin.calculators?.find((c) => c.id === job.calculator)
    if (calculator === undefined) throw new Error(`plugin "${plugin.id}" declares no calculator "${job.calculator}" in this worker`)
    const built = RegionSet.validate(job.regions, job.groups)
    if ("problems" in built) throw new Error(`the regions sent to the worker are inconsistent: ${built.problems.join("; ")}`)
    const { output, provenance } = await runCalculator(calculator, plugin, {
      inputs: job.inputs,
      params: job.params,
      region: job.region,
      year: job.year,
      regions: built.set,
      limits: job.limits,
    })
    return { id: job.id, ok: true, output, provenance }
  } catch (e) {
    if (e instanceof CalculatorError) return { id: job.id, ok: false, calculatorError: { reason: e.reason, message: e.message, problems: e.problems } }
    return { id: job.id, ok: false, failure: e instanceof Error ? (e.stack ?? e.message) : String(e) }
  }
}

parentPort?.on("message", (job: WorkerJob) => {
  void replyTo(job).then((reply) => parentPort?.postMessage(reply))
})
// Loaded (plugins and all): the pool starts a run's clock only now.
parentPort?.postMessage({ ready: true })
