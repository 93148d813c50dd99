// The release as an outside developer gets it: core, the ecology plugin and this plugin are built to dist and packed
// with `pnpm pack` (as `pnpm pack:dry-run` does), installed from the tarballs into a temporary project outside the
// workspace, type-checked against their published .d.ts files, and a Demonstration Zone report is evaluated there.
// Takes about a minute: the builds dominate; the install is offline when the pnpm store already holds the
// dependencies (as it does after `pnpm install`), better-sqlite3's native build coming from pnpm's side-effects cache.
import { execFile } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"
import { afterAll, describe, expect, it } from "vitest"
import { repositoryRoot } from "../../../tools/create-plugin/createPlugin.js"

const packages = ["core", "plugin-ecology", "plugin-demo-zone"] as const

const work = mkdtempSync(join(tmpdir(), "tijian-packed-"))
// The builds write each package's dist/ (git-ignored); remove those this test created, keep any that were there.
const distributions = packages.map((p) => join(repositoryRoot, "packages", p, "dist")).filter((d) => !existsSync(d))
afterAll(() => [work, ...distributions].forEach((d) => rmSync(d, { recursive: true, force: true })))

/** The environment without the variables of the vitest run and of the pnpm script this test may run under. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && !k.startsWith("npm_") && !(k.startsWith("PNPM_") && k !== "PNPM_HOME") && k !== "NODE_OPTIONS"),
)
// Asynchronous, so the test worker keeps answering vitest while a build runs.
const run = async (command: string, args: ReadonlyArray<string>, cwd: string): Promise<string> => {
  try {
    return (await promisify(execFile)(command, [...args], { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })).stdout
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string }
    throw new Error(`${command} ${args.join(" ")} (in ${cwd}) failed:\n${stdout ?? ""}${stderr ?? ""}`, { cause: e })
  }
}

const manifestOf = (pkg: string) =>
  JSON.parse(readFileSync(join(repositoryRoot, "packages", pkg, "package.json"), "utf8")) as { name: string; version: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> }

const check = `
import { CORE_VERSION, Database, Engine, ObservationStore, Registry, registerObservations, yrdRegions } from "@tijian/core"
import { demoZone, muToKm2 } from "@tijian/plugin-demo-zone"
import { ecology } from "@tijian/plugin-ecology"
import { Effect, Layer } from "effect"

const asOf = "2026-01-01T00:00:00.000Z"
const live = Engine.layer.pipe(
  Layer.provideMerge(ObservationStore.layer),
  Layer.provideMerge(Database.layerSqlite({ filename: ":memory:" })),
  Layer.provideMerge(Registry.layer([ecology, demoZone], yrdRegions())),
)
const report = await Effect.runPromise(
  Effect.gen(function* () {
    const rows = [...(ecology.referenceData?.observations ?? []), ...(demoZone.referenceData?.observations ?? [])]
    yield* registerObservations(rows.map((o) => ({ ...o, agency: "reference-data" })), asOf)
    const engine = yield* Engine.Engine
    return yield* engine.evaluate({ scope: "DEMO-ZONE", year: 2025, asOf })
  }).pipe(Effect.provide(live)),
)
const refused = Effect.runSync(Effect.flip(Registry.buildRegistry([ecology, { ...demoZone, coreVersion: ">=99.0.0" }], yrdRegions())))
const section = report.sections.find((s) => s.plugin === "demo-zone")
const water = section?.evaluations.find((e) => e.indicator === "demo-zone.water-surface-ratio")
process.stdout.write(
  JSON.stringify({
    coreVersion: CORE_VERSION,
    sections: report.sections.map((s) => s.plugin),
    binding: section?.evaluations.slice(0, 4).map((e) => e.targets.some((t) => t.binding)),
    water: { value: water?.value, progress: water?.progress.status },
    tables: section?.tables.map((t) => t.id),
    cultivatedKm2: muToKm2(766_000).toFixed(4),
    hashLength: report.provenance.contentHash.length,
    refused: refused.message,
  }),
)
`

describe("the packed packages, installed outside the workspace", () => {
  it("build to dist with types, install from their tarballs, type-check and evaluate the Demonstration Zone report", { timeout: 300_000 }, async () => {
    const filters = packages.flatMap((p) => ["--filter", manifestOf(p).name])
    await run("pnpm", [...filters, "run", "build"], repositoryRoot)
    const packs = join(work, "packs")
    mkdirSync(packs)
    for (const p of packages) await run("pnpm", ["pack", "--pack-destination", packs], join(repositoryRoot, "packages", p))
    const tarball = (p: (typeof packages)[number]) => {
      const { name, version } = manifestOf(p)
      const file = join(packs, `${name.replace("@", "").replace("/", "-")}-${version}.tgz`)
      expect(readdirSync(packs)).toContain(file.slice(packs.length + 1))
      return file
    }

    // What a tarball holds: dist with declarations, core's reference data, no sources; exports and versions rewritten.
    const listing = async (p: (typeof packages)[number]) => (await run("tar", ["-tzf", tarball(p)], work)).split("\n")
    const core = await listing("core")
    for (const file of ["package/dist/index.js", "package/dist/index.d.ts", "package/dist/testing/index.d.ts", "package/dist/plugin/index.d.ts", "package/dist/plugin/testing/index.d.ts", "package/dist/CoreVersion.js", "package/data/regions.csv", "package/data/region-groups.csv"]) {
      expect(core).toContain(file)
    }
    expect(core.some((f) => f.startsWith("package/src/"))).toBe(false)
    expect(await listing("plugin-demo-zone")).toEqual(expect.arrayContaining(["package/dist/index.js", "package/dist/index.d.ts", "package/README.md"]))
    const packed = JSON.parse(await run("tar", ["-xzOf", tarball("plugin-demo-zone"), "package/package.json"], work)) as Record<string, unknown>
    expect(packed.exports).toEqual({ ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } })
    expect(packed.dependencies).toEqual({ "@tijian/core": `^${manifestOf("core").version}` })
    expect(JSON.stringify(packed)).not.toContain("workspace:")

    // A plugin depending on core installs no database driver: they are optional peers, the application's to choose.
    const packedCore = JSON.parse(await run("tar", ["-xzOf", tarball("core"), "package/package.json"], work)) as Record<string, Record<string, unknown>>
    expect(packedCore.dependencies).not.toHaveProperty("better-sqlite3")
    expect(packedCore.dependencies).not.toHaveProperty("pg")
    expect(packedCore.peerDependenciesMeta).toMatchObject({ "better-sqlite3": { optional: true }, pg: { optional: true } })

    const project = join(work, "project")
    mkdirSync(project)
    const effect = manifestOf("core").dependencies?.effect
    const typesNode = (JSON.parse(readFileSync(join(repositoryRoot, "package.json"), "utf8")) as { devDependencies: Record<string, string> }).devDependencies["@types/node"]
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({
        name: "tijian-packed-install-check",
        private: true,
        type: "module",
        dependencies: {
          "@tijian/core": `file:${tarball("core")}`,
          "@tijian/plugin-ecology": `file:${tarball("plugin-ecology")}`,
          "@tijian/plugin-demo-zone": `file:${tarball("plugin-demo-zone")}`,
          effect,
          // this program stores values in SQLite, so it installs that driver (an optional peer of core), and not pg:
          // each driver loads only when its layer opens
          "better-sqlite3": manifestOf("core").devDependencies?.["better-sqlite3"],
        },
        devDependencies: { "@types/node": typesNode },
        // The plugins depend on "@tijian/core": "^x.y.z", not published yet: take it from the tarball.
        pnpm: { overrides: { "@tijian/core": `file:${tarball("core")}` }, onlyBuiltDependencies: ["better-sqlite3"] },
      }),
    )
    writeFileSync(join(project, "check.ts"), check)
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { target: "ES2022", lib: ["ES2023"], module: "NodeNext", moduleResolution: "NodeNext", strict: true, types: ["node"], skipLibCheck: false },
        files: ["check.ts"],
      }),
    )
    await run("pnpm", ["install", "--prefer-offline", "--ignore-workspace", "--config.confirmModulesPurge=false"], project)
    await run(process.execPath, [join(repositoryRoot, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], project)
    const result = JSON.parse(await run(process.execPath, ["check.js"], project)) as Record<string, unknown>
    const coreVersion = manifestOf("core").version
    expect(result).toEqual({
      coreVersion,
      // The plugin whose targets name the Demonstration Zone most leads its report.
      sections: ["demo-zone", "ecology"],
      binding: [true, true, true, true],
      water: { value: 0.2038, progress: "moderate" },
      tables: ["binding-land-totals"],
      cultivatedKm2: "510.6667",
      hashLength: 64,
      refused: `cannot build the registry: plugin "demo-zone" ${manifestOf("plugin-demo-zone").version} supports @tijian/core >=99.0.0, but this is @tijian/core ${coreVersion}; install a version of "demo-zone" that supports ${coreVersion}, or a @tijian/core within >=99.0.0`,
    })
  })
})
