/**
 * A server as `pnpm start` runs it, in its own process: started on a free loopback port over a database, stopped
 * with SIGTERM. For the tests of several instances (two servers on one PostgreSQL, a read replica).
 */
import { type ChildProcess, spawn } from "node:child_process"
import { createRequire } from "node:module"
import { join } from "node:path"
import { pathToFileURL } from "node:url"

/** A running server process and its base URL. */
export interface ServerProcess {
  readonly child: ChildProcess
  readonly url: string
}

const root = join(import.meta.dirname, "..", "..")

/**
 * Starts `pnpm start`'s entry point on a free port over `database` in `cwd`, with `env` added; resolves with its
 * address once it listens, rejects with its output when it exits first or does not listen within 60 s.
 */
export const startServerProcess = (database: string, cwd: string, env: Readonly<Record<string, string>> = {}): Promise<ServerProcess> =>
  new Promise((resolve, reject) => {
    // tsx resolved from this package, not from the instance's own (empty) folder
    const child = spawn(process.execPath, ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href, join(root, "src/main.ts")], {
      cwd,
      env: { ...process.env, TIJIAN_CONFIG: "", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: database, TIJIAN_ACCESS_LOG: "false", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let out = ""
    const timer = setTimeout(() => reject(new Error(`no server within 60 s: ${out}`)), 60_000)
    const onData = (d: unknown) => {
      out += String(d)
      const listening = /tijian listening on (http:\/\/\S+)/.exec(out)
      if (listening) {
        clearTimeout(timer)
        resolve({ child, url: listening[1]! })
      }
    }
    child.stdout.on("data", onData)
    child.stderr.on("data", onData)
    child.once("exit", (code) => {
      clearTimeout(timer)
      reject(new ServerExited(code, out))
    })
  })

/** The server process ended before it listened: its exit code and everything it wrote. */
export class ServerExited extends Error {
  constructor(
    readonly code: number | null,
    readonly output: string,
  ) {
    super(`the server exited (${code}): ${output}`)
  }
}

/** Stops a server process (SIGTERM) and waits for it to exit; nothing when it is absent or already gone. */
export const stopServerProcess = (server: ServerProcess | undefined): Promise<void> =>
  new Promise<void>((done) => {
    if (!server || server.child.exitCode !== null) return done()
    server.child.once("exit", () => done())
    server.child.kill("SIGTERM")
  })
