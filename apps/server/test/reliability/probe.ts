/**
 * Probing a server process from outside: start `hostileServer.ts` in its own process, read its resident memory
 * and CPU time from /proc, and keep asking `/api/v1/health` while a request runs, timing each answer.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const here = dirname(fileURLToPath(import.meta.url))
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href

/** A running probe server. */
export interface ProbeServer {
  readonly url: string
  readonly token: string
  readonly pid: number
  readonly stop: () => Promise<void>
}

/** Starts the probe server in `cwd` (where plugin packages are installed) with `env` over the test's environment. */
export const startProbeServer = (cwd: string, env: Readonly<Record<string, string>>): Promise<ProbeServer> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ["--import", tsxLoader, join(here, "hostileServer.ts")], {
      cwd,
      env: { ...process.env, TIJIAN_CONFIG: "", PORT: "0", HOST: "127.0.0.1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let out = ""
    let err = ""
    const timer = setTimeout(() => reject(new Error(`the probe server did not start within 60 s; stderr: ${err}`)), 60_000)
    child.stderr!.on("data", (d) => (err += String(d)))
    child.stdout!.on("data", (d) => {
      out += String(d)
      const ready = /READY (\S+) (\S+)/.exec(out)
      if (!ready) return
      clearTimeout(timer)
      resolve({
        url: ready[1]!,
        token: ready[2]!,
        pid: child.pid!,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done()
            child.once("exit", () => done())
            child.kill("SIGKILL")
          }),
      })
    })
    child.once("exit", (code) => reject(new Error(`the probe server exited (code ${code}) before READY; stderr: ${err}`)))
  })

/** Resident memory of process `pid`, in MiB (VmRSS). */
export const rssMb = (pid: number): number => {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))
  return line ? Number(line[1]) / 1024 : Number.NaN
}

/** CPU time process `pid` (all its threads) has used, in seconds (utime + stime at 100 ticks a second). */
export const cpuSeconds = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")
  return (Number(fields[11]) + Number(fields[12])) / 100
}

/** What a watch saw. */
export interface Watched {
  /** Health answers received, and how many were not 200. */
  readonly answers: number
  readonly failed: number
  /** The slowest health answer, in ms. */
  readonly slowestMs: number
  /** The highest resident memory seen, in MiB. */
  readonly peakRssMb: number
}

/** Asks for /health and reads the memory every `everyMs` until `stop` is called. */
export const watch = (server: ProbeServer, everyMs = 50): { readonly stop: () => Promise<Watched> } => {
  let running = true
  let answers = 0
  let failed = 0
  let slowestMs = 0
  let peakRssMb = rssMb(server.pid)
  const loop = (async () => {
    while (running) {
      const started = performance.now()
      const res = await fetch(`${server.url}/api/v1/health`).catch(() => undefined)
      await res?.arrayBuffer()
      slowestMs = Math.max(slowestMs, performance.now() - started)
      answers++
      if (res?.status !== 200) failed++
      peakRssMb = Math.max(peakRssMb, rssMb(server.pid))
      await new Promise((r) => setTimeout(r, everyMs))
    }
  })()
  return {
    stop: async () => {
      running = false
      await loop
      return { answers, failed, slowestMs, peakRssMb }
    },
  }
}

/** Waits until `test` holds, checking every 100 ms, for at most `ms`; returns whether it held. */
export const eventually = async (test: () => boolean, ms: number): Promise<boolean> => {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (test()) return true
    await new Promise((r) => setTimeout(r, 100))
  }
  return test()
}
