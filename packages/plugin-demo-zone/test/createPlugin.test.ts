// The scaffolder (tools/create-plugin) that made this package, tested here because the root vitest config runs
// the projects under packages/ and apps/. The scaffold is written to a temporary directory outside the workspace,
// never into packages/, so a failed run leaves nothing behind that `pnpm install` or `pnpm test` would pick up.
import { execFile, spawn } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"
import { afterAll, describe, expect, it } from "vitest"
import { caretRangeOf, createPlugin, pluginNameProblem, repositoryRoot } from "../../../tools/create-plugin/createPlugin.js"
import { syncCoreVersionRanges } from "../../../tools/create-plugin/syncCoreVersion.js"

const dirs: Array<string> = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
const temporary = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(dir)
  return dir
}

describe("plugin names", () => {
  it.each(["water", "water-quality", "pm25", "a1-b2"])("accepts %s", (name) => {
    expect(pluginNameProblem(name)).toBeUndefined()
  })

  it.each([
    ["Water", '"Water" is not a plugin name: use lower-case kebab-case starting with a letter, e.g. "water-quality"'],
    ["water_quality", '"water_quality" is not a plugin name: use lower-case kebab-case starting with a letter, e.g. "water-quality"'],
    ["2water", '"2water" is not a plugin name: use lower-case kebab-case starting with a letter, e.g. "water-quality"'],
    ["water-", '"water-" is not a plugin name: use lower-case kebab-case starting with a letter, e.g. "water-quality"'],
    ["plugin-water", 'give the name without the "plugin-" prefix: pnpm create-plugin water'],
    ["core", '"core" is reserved; choose a name that says what the plugin examines'],
  ])("refuses %s", (name, message) => {
    expect(pluginNameProblem(name)).toBe(message)
    expect(() => createPlugin({ name, packagesDirectory: temporary("tijian-scaffold-"), changesetDirectory: null })).toThrow(message)
  })

  it("refuses a package directory that exists, and writes nothing", () => {
    const packages = temporary("tijian-scaffold-")
    mkdirSync(join(packages, "plugin-water"))
    const changesets = temporary("tijian-changesets-")
    expect(() => createPlugin({ name: "water", packagesDirectory: packages, changesetDirectory: changesets })).toThrow(
      `${join(packages, "plugin-water")} already exists; choose another name or remove it first`,
    )
    expect(existsSync(join(changesets, "plugin-water.md"))).toBe(false)
  })
})

/** Links what `pnpm install` would link for the scaffold: core, effect, vitest and Node's types. */
const linkWorkspaceDependencies = (root: string) => {
  const modules = join(root, "node_modules")
  mkdirSync(join(modules, "@tijian"), { recursive: true })
  mkdirSync(join(modules, "@types"), { recursive: true })
  const core = join(repositoryRoot, "packages/core")
  symlinkSync(core, join(modules, "@tijian/core"), "dir")
  symlinkSync(realpathSync(join(core, "node_modules/effect")), join(modules, "effect"), "dir")
  symlinkSync(realpathSync(join(repositoryRoot, "node_modules/vitest")), join(modules, "vitest"), "dir")
  symlinkSync(realpathSync(join(repositoryRoot, "node_modules/@types/node")), join(modules, "@types/node"), "dir")
}

/** The environment without the variables of the vitest run this test is part of. */
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "NODE_OPTIONS" && k !== "TEST"))

describe("pnpm create-plugin", () => {
  it("scaffolds a plugin that type-checks and passes its conformance suite and case table untouched", { timeout: 180_000 }, async () => {
    const root = temporary("tijian-scaffold-")
    const created = createPlugin({ name: "scaffold-check", packagesDirectory: join(root, "packages"), changesetDirectory: join(root, ".changeset") })
    const dir = join(root, "packages", "plugin-scaffold-check")
    expect(created.directory).toBe(dir)
    expect(created.packageName).toBe("@tijian/plugin-scaffold-check")
    expect(created.files.map((f) => f.slice(root.length + 1)).sort()).toEqual([
      ".changeset/plugin-scaffold-check.md",
      "packages/plugin-scaffold-check/README.md",
      "packages/plugin-scaffold-check/package.json",
      "packages/plugin-scaffold-check/src/calculator.ts",
      "packages/plugin-scaffold-check/src/index.ts",
      "packages/plugin-scaffold-check/src/indicators.ts",
      "packages/plugin-scaffold-check/src/plugin.ts",
      "packages/plugin-scaffold-check/src/referenceData.ts",
      "packages/plugin-scaffold-check/test/scaffold-check.test.ts",
      "packages/plugin-scaffold-check/tsconfig.build.json",
      "packages/plugin-scaffold-check/tsconfig.json",
      "packages/plugin-scaffold-check/vitest.config.ts",
    ])
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Record<string, Record<string, string>>
    const core = JSON.parse(readFileSync(join(repositoryRoot, "packages/core/package.json"), "utf8")) as Record<string, Record<string, string> | string>
    // effect at run time: the calculator's parameters are a Schema
    expect(manifest.dependencies).toEqual({ "@tijian/core": "workspace:^", effect: (core.dependencies as Record<string, string>).effect })
    expect(manifest.devDependencies).toEqual({ vitest: (core.devDependencies as Record<string, string>).vitest })
    expect(readFileSync(join(dir, "src/plugin.ts"), "utf8")).toContain(`coreVersion: "${caretRangeOf(core.version as string)}"`)
    expect(readFileSync(join(dir, "src/plugin.ts"), "utf8")).toContain("export const scaffoldCheck = definePlugin({")
    expect(readFileSync(join(dir, "src/index.ts"), "utf8")).toContain('export { scaffoldCheck, scaffoldCheck as plugin, scaffoldCheck as default } from "./plugin.js"')
    expect(readFileSync(join(root, ".changeset/plugin-scaffold-check.md"), "utf8")).toMatch(/^---\n"@tijian\/plugin-scaffold-check": minor\n---\n/)
    expect(readFileSync(join(dir, "src/indicators.ts"), "utf8")).not.toMatch(/\{\{\w+\}\}/)
    // A plugin is written with @tijian/core/plugin (no database driver) and tested with its testing part.
    const coreImports = created.files.filter((f) => f.endsWith(".ts")).flatMap((f) => [...readFileSync(f, "utf8").matchAll(/from "(@tijian\/core[^"]*)"/g)].map((m) => m[1]))
    expect(new Set(coreImports)).toEqual(new Set(["@tijian/core/plugin", "@tijian/core/plugin/testing"]))

    linkWorkspaceDependencies(root)
    // Asynchronous, so the test worker keeps answering vitest while tsc runs.
    const run = async (file: string, args: ReadonlyArray<string>) => {
      try {
        return (await promisify(execFile)(process.execPath, [file, ...args], { cwd: dir, env: cleanEnv(), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })).stdout
      } catch (e) {
        const { stdout, stderr } = e as { stdout?: string; stderr?: string }
        throw new Error(`${file} ${args.join(" ")} failed:\n${stdout ?? ""}${stderr ?? ""}`, { cause: e })
      }
    }
    await run(join(repositoryRoot, "node_modules/typescript/bin/tsc"), ["-p", "tsconfig.json"])
    const output = await run(join(repositoryRoot, "node_modules/vitest/vitest.mjs"), ["run", "--root", dir, "--reporter", "json"])
    const result = JSON.parse(output.slice(output.indexOf("{"))) as { numPassedTests: number; numFailedTests: number; success: boolean }
    expect(result).toMatchObject({ success: true, numFailedTests: 0, numPassedTests: 13 })
  })
})

/** A finished process's exit code and output. */
interface Ran {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `node --import tsx <args>` in `cwd` (what `pnpm tijian` and `pnpm start` run), with `env` added. */
const runNode = (args: ReadonlyArray<string>, cwd: string, env: Readonly<Record<string, string>>): Promise<Ran> =>
  new Promise((done) => {
    const child = spawn(process.execPath, ["--import", "tsx", ...args], { cwd, env: { ...cleanEnv(), ...env }, stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (d) => (stdout += String(d)))
    child.stderr.on("data", (d) => (stderr += String(d)))
    child.once("exit", (code) => done({ code, stdout, stderr }))
  })

/** Resolves once `ready()` holds, checking every 100 ms for up to 10 s. */
const until = async (ready: () => boolean) => {
  for (let i = 0; i < 100 && !ready(); i++) await new Promise((r) => setTimeout(r, 100))
}

/** Starts `node --import tsx apps/server/src/main.ts` (`pnpm start`) in `cwd`; resolves with its URL once it listens. */
const startServer = (cwd: string, env: Readonly<Record<string, string>>) =>
  new Promise<{ readonly url: string; readonly stdout: () => string; readonly stop: () => Promise<Ran> }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(repositoryRoot, "apps/server/src/main.ts")], {
      cwd,
      env: { ...cleanEnv(), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let stdout = ""
    let stderr = ""
    const exited = new Promise<Ran>((done) => child.once("exit", (code) => done({ code, stdout, stderr })))
    const timer = setTimeout(() => reject(new Error(`no server within 60 s:\n${stdout}${stderr}`)), 60_000)
    child.stderr.on("data", (d) => (stderr += String(d)))
    child.stdout.on("data", (d) => {
      stdout += String(d)
      const listening = /tijian listening on (http:\/\/\S+)/.exec(stdout)
      if (!listening) return
      clearTimeout(timer)
      resolve({ url: listening[1]!, stdout: () => stdout, stop: () => (child.kill("SIGTERM"), exited) })
    })
    void exited.then((r) => reject(new Error(`the server exited (${r.code}) before listening:\n${r.stdout}${r.stderr}`)))
  })

describe("a new plugin, from pnpm create-plugin to the server, as docs/plugins.md walks through it", () => {
  it("loads through TIJIAN_PLUGINS: its reference data synced into an existing database, its values imported, its indicator listed and reported", { timeout: 240_000 }, async () => {
    // docs: pnpm create-plugin water-check; pnpm install; pnpm add -w @tijian/plugin-water-check@workspace:*
    const root = temporary("tijian-e2e-")
    createPlugin({ name: "water-check", packagesDirectory: join(root, "packages"), changesetDirectory: null })
    linkWorkspaceDependencies(root) // pnpm install
    symlinkSync(realpathSync(join(repositoryRoot, "node_modules/tsx")), join(root, "node_modules/tsx"), "dir") // the root's devDependency
    symlinkSync(join(root, "packages/plugin-water-check"), join(root, "node_modules/@tijian/plugin-water-check"), "dir") // pnpm add -w
    const env = { INIT_CWD: root, TIJIAN_CONFIG: "", TIJIAN_DB: join(root, "data/tijian.sqlite"), PORT: "0", HOST: "127.0.0.1" }
    const cli = (plugins: string, ...args: Array<string>) => runNode([join(repositoryRoot, "apps/server/src/cli.ts"), ...args], root, { ...env, TIJIAN_PLUGINS: plugins })
    const withPlugin = "ecology,@tijian/plugin-water-check"

    // a database made before the plugin existed: the ecology plugin's reference data only
    const before = await cli("ecology", "plugins", "list")
    expect([before.code, before.stdout.split("\n")[2]?.split(/\s+/)[0]]).toEqual([0, "ecology"])
    expect(before.stderr).toMatch(/^loaded \d+ reference values into .*tijian\.sqlite \(first use of this database\)\n$/)

    // docs: TIJIAN_PLUGINS=...,@tijian/plugin-water-check pnpm start; on this database it says what is missing
    const server = await startServer(root, { ...env, TIJIAN_PLUGINS: withPlugin })
    try {
      await until(() => server.stdout().includes("plugins sync"))
      expect(server.stdout()).toContain(
        "reference values of enabled plugins are not in this database (water-check 2); load them with: pnpm tijian plugins sync\n",
      )

      // docs: pnpm tijian plugins sync loads the new plugin's reference data into it, once
      const sync = await cli(withPlugin, "plugins", "sync")
      expect([sync.code, sync.stderr]).toEqual([0, ""])
      expect(sync.stdout).toMatch(/^stored 2 reference value\(s\) \(water-check 2\) into /)
      expect((await cli(withPlugin, "plugins", "sync")).stdout).toMatch(/^stored no reference values into /)

      // docs: pnpm tijian import accepts the new indicator
      writeFileSync(join(root, "values-2024.csv"), "indicator,region,year,value,source\nwater-check.example-share,YRD,2024,0.43,Water bulletin 2024\n")
      const imported = await cli(withPlugin, "import", "values-2024.csv", "--agency", "yrd-water")
      expect([imported.code, imported.stderr, imported.stdout]).toEqual([0, "", "stored 1 value(s) from values-2024.csv as yrd-water; 0 unchanged (equal to the stored value)\n"])

      const indicators = (await (await fetch(`${server.url}/api/v1/indicators`)).json()) as { indicators: Array<{ id: string }> }
      expect(indicators.indicators.map((i) => i.id)).toContain("water-check.example-share")
      type Evaluation = { indicator: string; value: number | null; targets: Array<{ value?: number; met: boolean | null }> }
      const report = async (year: number, indicator = "water-check.example-share") => {
        const body = (await (await fetch(`${server.url}/api/v1/reports/YRD/${year}`)).json()) as { sections: Array<{ plugin: string; evaluations: Array<Evaluation> }> }
        return body.sections.find((s) => s.plugin === "water-check")?.evaluations.find((e) => e.indicator === indicator)
      }
      // the reference value 0.45 of 2025 against the target 50% by 2035, and the imported 0.43 of 2024
      expect(await report(2025)).toMatchObject({ value: 0.45, targets: [{ value: 0.5, met: false }] })
      expect(await report(2024)).toMatchObject({ value: 0.43 })
      // the derived indicator: 1 - 0.45
      expect((await report(2025, "water-check.example-shortfall"))?.value).toBeCloseTo(0.55, 10)

      // docs: pnpm tijian calc --list shows the calculator and its parameters from their Schema
      const list = await cli(withPlugin, "calc", "--list")
      expect(list.stdout).toContain("water-check.share-from-sites (water-check): Example share from site scores")
      expect(list.stdout).toContain("--param passMark=<number> (default 60)  Pass mark (score 0-100)")
      // docs: pnpm tijian calc water-check.share-from-sites --input sites=sites.csv --param passMark=75 --region YRD --year 2023 --commit
      writeFileSync(join(root, "sites.csv"), "site,score\nA,50\nB,70\nC,80\nD,90\n")
      const calc = await cli(withPlugin, "calc", "water-check.share-from-sites", "--input", "sites=sites.csv", "--param", "passMark=75", "--region", "YRD", "--year", "2023", "--commit", "--agency", "yrd-water")
      expect([calc.code, calc.stderr]).toEqual([0, ""])
      // 80 and 90 of 50, 70, 80, 90 reach 75: 2 of 4
      expect(await report(2023)).toMatchObject({ value: 0.5 })
      expect((await report(2023, "water-check.example-shortfall"))?.value).toBeCloseTo(0.5, 10)
      const bad = await cli(withPlugin, "calc", "water-check.share-from-sites", "--input", "sites=sites.csv", "--param", "passMark=high", "--region", "YRD", "--year", "2023")
      expect([bad.code, bad.stderr]).toEqual([1, expect.stringContaining('parameter "passMark" must be a number from 0 to 100, got "high"')])
    } finally {
      const stopped = await server.stop()
      expect(stopped.code).toBe(0)
    }
  })
})

describe("pnpm version-packages: coreVersion follows core", () => {
  it("moves a plain caret range that no longer admits the new core, reports others, leaves admitting ones alone", () => {
    const root = temporary("tijian-sync-")
    const write = (path: string, content: string) => {
      mkdirSync(join(root, path, ".."), { recursive: true })
      writeFileSync(join(root, path), content)
    }
    write("packages/core/package.json", JSON.stringify({ name: "@tijian/core", version: "0.2.0" }))
    write("packages/plugin-a/src/plugin.ts", 'export const a = definePlugin({ id: "a", coreVersion: "^0.1.0", version })\n')
    write("packages/plugin-b/src/deep/plugin.ts", 'export const b = { coreVersion: ">=0.1.0 <0.2.0" }\n')
    write("packages/plugin-c/src/plugin.ts", 'export const c = { coreVersion: "^0.2.0" }\n')
    write("packages/plugin-d/README.md", "no sources\n")
    expect(syncCoreVersionRanges(root)).toEqual([
      { file: join(root, "packages/plugin-a/src/plugin.ts"), from: "^0.1.0", to: "^0.2.0" },
      { file: join(root, "packages/plugin-b/src/deep/plugin.ts"), from: ">=0.1.0 <0.2.0", to: null },
    ])
    expect(readFileSync(join(root, "packages/plugin-a/src/plugin.ts"), "utf8")).toBe('export const a = definePlugin({ id: "a", coreVersion: "^0.2.0", version })\n')
    expect(readFileSync(join(root, "packages/plugin-b/src/deep/plugin.ts"), "utf8")).toContain('">=0.1.0 <0.2.0"')
    expect(syncCoreVersionRanges(root)).toHaveLength(1)
  })

  it.each([
    ["0.1.0", "^0.1.0"],
    ["0.2.3", "^0.2.0"],
    ["1.4.2", "^1.0.0"],
  ])("core %s: plugins declare %s", (version, range) => {
    expect(caretRangeOf(version)).toBe(range)
  })
})
