/**
 * `@tijian/core/plugin` (and its testing part) load no database driver: a child Node process imports the entry
 * with a module hook that records every module it loads (and lists `require`'s cache), and no better-sqlite3, pg,
 * Kysely or `Database.ts` is among them (the conformance suite, which imports vitest, is left out: it imports only
 * core modules the probe loads). The same probe on the storage entry opening a SQLite database finds `Database.ts`,
 * Kysely and better-sqlite3, but not pg, which loads only when a PostgreSQL layer opens.
 */
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { afterAll, describe, expect, it } from "vitest"

const src = fileURLToPath(new URL("../src/", import.meta.url))
const dir = mkdtempSync(join(tmpdir(), "tijian-entry-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// The hook runs in Node's loader thread; it appends each loaded URL to the log named by the importing process.
writeFileSync(
  join(dir, "hook.mjs"),
  `import { appendFileSync } from "node:fs"
let log
export const initialize = (data) => { log = data.log }
export const load = async (url, context, nextLoad) => { appendFileSync(log, url + "\\n"); return nextLoad(url, context) }
`,
)

/**
 * The URLs (and required paths) of every module loaded by importing `modules` (paths under core's src, bound to
 * `m0`, `m1`, ...) and running `then` in a fresh Node process.
 */
const modulesLoadedBy = (name: string, modules: ReadonlyArray<string>, then = ""): ReadonlyArray<string> => {
  const log = join(dir, `${name}.log`)
  writeFileSync(log, "")
  const register = join(dir, `${name}-register.mjs`)
  writeFileSync(register, `import { register } from "node:module"\nregister(${JSON.stringify(pathToFileURL(join(dir, "hook.mjs")).href)}, { data: { log: ${JSON.stringify(log)} } })\n`)
  const imports = modules.map((m, i) => `const m${i} = await import(${JSON.stringify(pathToFileURL(join(src, m)).href)})`).join("\n")
  const listRequired = `process.stdout.write(JSON.stringify(Object.keys((await import("node:module")).createRequire(import.meta.url).cache)))`
  const required = execFileSync(process.execPath, ["--import", "tsx", "--import", pathToFileURL(register).href, "--input-type=module", "-e", `${imports}\n${then}\n${listRequired}`], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  })
  return [...readFileSync(log, "utf8").split("\n").filter((l) => l.length > 0), ...(JSON.parse(required) as Array<string>)]
}

const drivers = (urls: ReadonlyArray<string>) =>
  urls.filter((u) => /\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?(better-sqlite3|pg|pg-[a-z-]+|kysely)\//.test(u) || u.endsWith("/src/Database.ts"))
const pg = (u: string) => /\/node_modules\/(pg|pg-[a-z-]+)\//.test(u)

describe("the plugin entry's module graph", () => {
  it("loads the plugin API and its testing helpers without a database driver", { timeout: 60_000 }, () => {
    const loaded = modulesLoadedBy("plugin", ["plugin/index.ts", "plugin/testing/evaluatePlugins.ts"])
    // the probe saw the entry and what it reads (the registry, the engine's evaluation, effect)
    expect(loaded.some((u) => u.endsWith("/src/plugin/index.ts"))).toBe(true)
    expect(loaded.some((u) => u.endsWith("/src/internal/evaluateScope.ts"))).toBe(true)
    expect(loaded.some((u) => u.includes("/node_modules/effect/") || u.includes("/effect@"))).toBe(true)
    expect(drivers(loaded)).toEqual([])
  })

  it("sees what the storage entry loads to open SQLite (so the check above can fail), pg not among it", { timeout: 60_000 }, () => {
    const openSqlite = `const { Effect, Layer } = await import("effect")\nawait Effect.runPromise(Effect.scoped(Layer.build(m0.Database.layerSqlite({ filename: ":memory:" }))))`
    const found = drivers(modulesLoadedBy("storage", ["index.ts"], openSqlite))
    expect(found.some((u) => u.endsWith("/src/Database.ts"))).toBe(true)
    expect(found.some((u) => u.includes("/better-sqlite3/"))).toBe(true)
    expect(found.some((u) => u.includes("/kysely/"))).toBe(true)
    expect(found.filter(pg)).toEqual([])
  })
})
