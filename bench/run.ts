/**
 * `pnpm bench`: runs every benchmark suite (`packages/*\/bench/*.bench.ts`, `apps/*\/bench/*.bench.ts`), each
 * case several times beside its baseline measured in the same run (alternately: case, baseline, case, ...), prints min/median and the ratio
 * baseline/case (for throughput: >= 1 means as fast as the baseline), and writes `bench/results/latest.json`.
 *
 * A suite file default-exports `{ name, cases }`; a case is
 * `{ name, runs?, setup?(), prepare?(state), run(state), baseline?: { name, prepare?(state), run(state) }, teardown?(state),
 * goal? }` (`prepare` runs untimed before each run), where `run`
 * may return extra figures (`{ figures: { key: number } }`) to print beside the time. A run given a filter
 * (`pnpm bench import`) updates only its own cases in `latest.json`; each result says when it was measured.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { basename, join, relative } from "node:path"
import { performance } from "node:perf_hooks"
import { fileURLToPath, pathToFileURL } from "node:url"

type Figures = Readonly<Record<string, number>>
type RunResult = void | { readonly figures?: Figures }
interface BenchCase {
  readonly name: string
  readonly runs?: number
  readonly goal?: string
  readonly setup?: () => unknown
  /** Untimed work before each run (e.g. starting a server on a fresh database). */
  readonly prepare?: (state: any) => unknown
  readonly run: (state: any) => Promise<RunResult> | RunResult
  readonly baseline?: {
    readonly name: string
    readonly prepare?: (state: any) => unknown
    readonly run: (state: any) => Promise<RunResult> | RunResult
  }
  readonly teardown?: (state: any) => Promise<void> | void
}
interface BenchSuite {
  readonly name: string
  readonly cases: ReadonlyArray<BenchCase>
}

const root = fileURLToPath(new URL("..", import.meta.url))
const filter = process.argv[2]

const suiteFiles = ["packages", "apps"].flatMap((top) =>
  readdirSync(join(root, top), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const dir = join(root, top, d.name, "bench")
      try {
        return readdirSync(dir).filter((f) => f.endsWith(".bench.ts")).map((f) => join(dir, f))
      } catch {
        return []
      }
    }),
)

const stats = (ms: ReadonlyArray<number>) => {
  const sorted = [...ms].sort((a, b) => a - b)
  return { minMs: sorted[0]!, medianMs: sorted[Math.floor(sorted.length / 2)]!, runs: sorted.length }
}

/** One timed run, after its untimed `prepare`. */
const timeOnce = async (fn: () => Promise<RunResult> | RunResult, prepare?: () => unknown) => {
  if (prepare) await prepare()
  const start = performance.now()
  const r = await fn()
  return { ms: performance.now() - start, figures: r && r.figures ? r.figures : undefined }
}

/**
 * A case and its baseline `runs` times each, alternately (case, baseline, case, ...), so that a change in the
 * machine's load during the run weighs on both alike.
 */
const timePair = async (
  run: () => Promise<RunResult> | RunResult,
  baseline: (() => Promise<RunResult> | RunResult) | undefined,
  runs: number,
  prepare?: () => unknown,
  prepareBaseline?: () => unknown,
) => {
  const ms: Array<number> = []
  const baselineMs: Array<number> = []
  let figures: Figures | undefined
  let baselineFigures: Figures | undefined
  for (let i = 0; i < runs; i++) {
    const r = await timeOnce(run, prepare)
    ms.push(r.ms)
    figures = r.figures ?? figures
    if (baseline) {
      const b = await timeOnce(baseline, prepareBaseline)
      baselineMs.push(b.ms)
      baselineFigures = b.figures ?? baselineFigures
    }
  }
  return {
    measured: { ...stats(ms), ...(figures ? { figures } : {}) },
    baseline: baseline ? { ...stats(baselineMs), ...(baselineFigures ? { figures: baselineFigures } : {}) } : undefined,
  }
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(3) : ms < 1000 ? ms.toFixed(1) : ms.toFixed(0))

const results: Array<Record<string, unknown>> = []
// `pnpm bench serve` runs serve.bench.ts when a file has that name, else every suite whose name contains it
const byFile = filter ? suiteFiles.filter((f) => basename(f, ".bench.ts") === filter) : []
for (const file of byFile.length > 0 ? byFile : suiteFiles) {
  const suite = (await import(pathToFileURL(file).href)).default as BenchSuite
  if (filter && byFile.length === 0 && !suite.name.includes(filter)) continue
  console.log(`\n# ${suite.name} (${relative(root, file)})`)
  for (const c of suite.cases) {
    const state = c.setup ? await c.setup() : undefined
    const runs = c.runs ?? 5
    const { measured, baseline } = await timePair(
      () => c.run(state),
      c.baseline && (() => c.baseline!.run(state)),
      runs,
      c.prepare && (() => c.prepare!(state)),
      c.baseline?.prepare && (() => c.baseline!.prepare!(state)),
    )
    if (c.teardown) await c.teardown(state)
    const ratio = baseline ? baseline.medianMs / measured.medianMs : undefined
    const extra = measured.figures ? "  " + Object.entries(measured.figures).map(([k, v]) => `${k}=${Number(v.toPrecision(6))}`).join(" ") : ""
    console.log(
      `${c.name}: min ${fmt(measured.minMs)} ms, median ${fmt(measured.medianMs)} ms (${runs} runs)` +
        (baseline ? `; baseline "${c.baseline!.name}" median ${fmt(baseline.medianMs)} ms; ratio baseline/case ${ratio!.toFixed(3)}` : "") +
        extra +
        (c.goal ? `  [goal: ${c.goal}]` : ""),
    )
    results.push({ suite: suite.name, case: c.name, ...measured, ...(baseline ? { baseline: { name: c.baseline!.name, ...baseline }, ratio } : {}), ...(c.goal ? { goal: c.goal } : {}) })
  }
}
// a filtered run replaces its own cases and keeps the others' latest figures
const file = join(root, "bench", "results", "latest.json")
mkdirSync(join(root, "bench", "results"), { recursive: true })
const previous = ((): Array<Record<string, unknown>> => {
  try {
    return (JSON.parse(readFileSync(file, "utf8")) as { results: Array<Record<string, unknown>> }).results
  } catch {
    return []
  }
})()
const keyOf = (r: Record<string, unknown>) => `${String(r.suite)}\u0000${String(r.case)}`
const fresh = new Set(results.map(keyOf))
const merged = [...previous.filter((r) => !fresh.has(keyOf(r))), ...results.map((r) => ({ ...r, measuredAt: new Date().toISOString() }))]
writeFileSync(file, JSON.stringify({ node: process.version, cpus: (await import("node:os")).cpus().length, results: merged }, null, 2) + "\n")
console.log(`\nwrote bench/results/latest.json (${results.length} cases)`)
