/**
 * `@tijian/core/plugin` (and its testing part) load no database driver: a child Node process imports the entry
 * with a module hook that records every module it loads, and no better-sqlite3, pg, Kysely or `Database.ts` is
 * among them (the conformance suite, which imports vitest, is left out: it imports only core modules the probe
 * loads). The same probe on the storage entry finds them, so the probe does see a driver when one is loaded.
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

/** The URLs of every module loaded by importing `modules` (paths under core's src) in a fresh Node process. */
const modulesLoadedBy = (name: string, modules: ReadonlyArray<string>): ReadonlyArray<string> => {
  const log = join(dir, `${name}.log`)
  writeFileSync(log, "")
  const register = join(dir, `${name}-register.mjs`)
  writeFileSync(register, `import { register } from "node:module"\nregister(${JSON.stringify(pathToFileURL(join(dir, "hook.mjs")).href)}, { data: { log: ${JSON.stringify(log)} } })\n`)
  const imports = modules.map((m) => `await import(${JSON.stringify(pathToFileURL(join(src, m)).href)})`).join("\n")
  execFileSync(process.execPath, ["--import", "tsx", "--import", pathToFileURL(register).href, "--input-type=module", "-e", imports], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    stdio: ["ignore", "pipe", "pipe"],
  })
  return readFileSync(log, "utf8").split("\n").filter((l) => l.length > 0)
}

const drivers = (urls: ReadonlyArray<string>) =>
  urls.filter((u) => /\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?(better-sqlite3|pg|pg-[a-z-]+|kysely)\//.test(u) || u.endsWith("/src/Database.ts"))

describe("the plugin entry's module graph", () => {
  it("loads the plugin API and its testing helpers without a database driver", { timeout: 60_000 }, () => {
    const loaded = modulesLoadedBy("plugin", ["plugin/index.ts", "plugin/testing/evaluatePlugins.ts"])
    // the probe saw the entry and what it reads (the registry, the engine's evaluation, effect)
    expect(loaded.some((u) => u.endsWith("/src/plugin/index.ts"))).toBe(true)
    expect(loaded.some((u) => u.endsWith("/src/internal/evaluateScope.ts"))).toBe(true)
    expect(loaded.some((u) => u.includes("/node_modules/effect/") || u.includes("/effect@"))).toBe(true)
    expect(drivers(loaded)).toEqual([])
  })

  it("sees the drivers the storage entry loads (so the check above can fail)", { timeout: 60_000 }, () => {
    const found = drivers(modulesLoadedBy("storage", ["index.ts"]))
    expect(found.some((u) => u.endsWith("/src/Database.ts"))).toBe(true)
    expect(found.some((u) => u.includes("better-sqlite3"))).toBe(true)
    expect(found.some((u) => /\/pg\//.test(u))).toBe(true)
    expect(found.some((u) => u.includes("kysely"))).toBe(true)
  })
})
