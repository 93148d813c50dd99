import { CORE_VERSION } from "@tijian/core"
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { caretRangeOf, repositoryRoot } from "../../../tools/create-plugin/createPlugin.js"
import { configFromEnv } from "../src/config.js"
import { BUILTIN_PLUGIN_IDS, builtinPlugins, findPluginPackage, loadPluginPackage, selectPlugins } from "../src/plugins.js"
import { startServer } from "../src/server.js"

const dirs: Array<string> = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A third-party plugin as plain ESM (what `definePlugin` returns is a plain object). */
const waterPlugin = (id: string) => `
export const plugin = {
  id: ${JSON.stringify(id)},
  version: "1.2.0",
  coreVersion: "^0.1.0",
  name: { zh: "水质", en: "Water quality" },
  indicators: [{ id: "${id}.clean-share", kind: "observed", name: { zh: "达标比例", en: "Clean share" }, unit: { zh: "比例", en: "share" },
    direction: "higher-is-better", range: { min: 0, max: 1 }, decimals: 3 }],
  targets: [{ indicator: "${id}.clean-share", scope: "DEMO-ZONE", kind: "at-least", value: 0.9, dueYear: 2035, binding: false,
    source: { zh: "示例", en: "example" } }],
  referenceData: { observations: [{ indicator: "${id}.clean-share", region: "DEMO-ZONE", year: 2025, value: 0.95, source: "test" }] },
}
export default plugin
`

/** A directory standing for where the server runs, with plugin packages installed in its node_modules. */
const installation = () => {
  const dir = mkdtempSync(join(tmpdir(), "tijian-plugins-"))
  dirs.push(dir)
  const add = (name: string, manifest: object, files: Readonly<Record<string, string>>) => {
    const root = join(dir, "node_modules", name)
    for (const [file, content] of Object.entries({ "package.json": JSON.stringify({ name, version: "1.2.0", ...manifest }), ...files })) {
      mkdirSync(join(root, file, ".."), { recursive: true })
      writeFileSync(join(root, file), content)
    }
  }
  // ESM, import-only exports with a default export
  add("tijian-plugin-water", { type: "module", exports: { ".": { types: "./dist/index.d.ts", import: "./dist/index.js" } } }, { "dist/index.js": waterPlugin("water") })
  // scoped, "main" only, CommonJS exporting { plugin }
  add("@acme/tijian-noise", { main: "lib/main.cjs" }, {
    "lib/main.cjs": `exports.plugin = { id: "noise", version: "0.3.0", name: { zh: "噪声", en: "Noise" }, indicators: [] }`,
  })
  // what `pnpm create-plugin` wrote before it exported `plugin`: one plugin object among other named exports
  add("tijian-plugin-air", { type: "module", exports: "./index.js" }, {
    "index.js": `${waterPlugin("air").replace("export default plugin", "").replace("export const plugin", "export const air")}\nexport const airIndicators = air.indicators\n`,
  })
  add("not-a-plugin", { type: "module", exports: "./index.js" }, { "index.js": `export default { id: "x", indicators: "none" }` })
  add("no-plugin-export", { type: "module", exports: "./index.js" }, { "index.js": `export const airIndicators = []\nexport const version = "1.0.0"` })
  add("two-plugins", { type: "module", exports: "./index.js" }, {
    "index.js": `${waterPlugin("sea").replace("export default plugin", "").replace("export const plugin", "export const sea")}\nexport const lake = { ...sea, id: "lake" }\n`,
  })
  add("broken-plugin", { type: "module", exports: "./index.js" }, { "index.js": `throw new Error("boom")` })
  return dir
}

describe("built-in plugins", () => {
  it("are beauty, rail, ecology, demo-zone and population, in report order", () => {
    expect(BUILTIN_PLUGIN_IDS).toEqual(["beauty", "rail", "ecology", "demo-zone", "population"])
    expect(selectPlugins(["demo-zone", "ecology", "rail"]).map((p) => p.id)).toEqual(["rail", "ecology", "demo-zone"])
  })

  // The version goes into every computed value's provenance, so it must be the package's, not a copy that drifts.
  it.each([
    ["beauty", "plugin-beauty-index"],
    ["rail", "plugin-rail"],
    ["ecology", "plugin-ecology"],
    ["demo-zone", "plugin-demo-zone"],
    ["population", "plugin-population"],
  ])("%s reports the version of packages/%s/package.json and declares the core versions it supports", (id, directory) => {
    const manifest = JSON.parse(readFileSync(join(repositoryRoot, "packages", directory, "package.json"), "utf8")) as { version: string }
    const plugin = builtinPlugins.find((p) => p.id === id)
    expect(plugin?.version).toBe(manifest.version)
    expect(plugin?.coreVersion).toBe(caretRangeOf(CORE_VERSION))
  })

  it("refuses demo-zone without ecology, whose redline indicator it uses", () => {
    expect(() => selectPlugins(["demo-zone"])).toThrow(
      'cannot enable the plugins demo-zone: plugin "demo-zone" uses ecology.redline-area-km2, which no enabled plugin declares (enable "ecology")',
    )
  })

  // One owner per figure: good-air days and surface water are ecology's; the beauty index reads them.
  it("refuses beauty without ecology, whose good-air and surface-water shares it uses", () => {
    expect(() => selectPlugins(["beauty", "rail"])).toThrow(
      'cannot enable the plugins beauty, rail: plugin "beauty" uses ecology.good-air-days-share, which no enabled plugin declares (enable "ecology"); ' +
        'plugin "beauty" uses ecology.surface-water-good-share, which no enabled plugin declares (enable "ecology")',
    )
    expect(selectPlugins(["beauty", "ecology"]).map((p) => p.id)).toEqual(["beauty", "ecology"])
  })
})

describe("plugin packages", () => {
  it("finds a package in the node_modules of the directory or of a parent", () => {
    const dir = installation()
    const nested = join(dir, "srv", "tijian")
    mkdirSync(nested, { recursive: true })
    expect(findPluginPackage("tijian-plugin-water", nested)).toBe(join(dir, "node_modules", "tijian-plugin-water"))
    expect(findPluginPackage("@acme/tijian-noise", dir)).toBe(join(dir, "node_modules", "@acme", "tijian-noise"))
    expect(findPluginPackage("absent", dir)).toBeUndefined()
    expect(findPluginPackage("../escape", dir)).toBeUndefined()
  })

  it("loads the default export of an ES module package, or the plugin export of a CommonJS one", () => {
    const dir = installation()
    const water = loadPluginPackage("tijian-plugin-water", dir)
    expect(water).toMatchObject({ id: "water", version: "1.2.0", coreVersion: "^0.1.0" })
    expect(water.indicators.map((i) => i.id)).toEqual(["water.clean-share"])
    expect(loadPluginPackage("@acme/tijian-noise", dir)).toMatchObject({ id: "noise", version: "0.3.0" })
  })

  it("loads a module whose one plugin object is a named export (beside its indicator list)", () => {
    const air = loadPluginPackage("tijian-plugin-air", installation())
    expect(air).toMatchObject({ id: "air", version: "1.2.0" })
    expect(air.indicators.map((i) => i.id)).toEqual(["air.clean-share"])
  })

  it("says what is wrong: not installed, not a plugin, fails to load", () => {
    const dir = installation()
    expect(() => loadPluginPackage("metro", dir)).toThrow(
      `"metro" is neither a built-in plugin (beauty, rail, ecology, demo-zone, population) nor a package installed in ${dir} or a directory above it`,
    )
    expect(() => loadPluginPackage("not-a-plugin", dir)).toThrow(
      'plugin package "not-a-plugin" exports an object without a version (text), a name ({ zh, en }), indicators (a list): its default export, its "plugin" export or its one exported plugin must be the object definePlugin returns (id, version, name, indicators)',
    )
    expect(() => loadPluginPackage("no-plugin-export", dir)).toThrow(
      'plugin package "no-plugin-export" exports "airIndicators", "version" but no plugin object: its default export, its "plugin" export or its one exported plugin must be the object definePlugin returns (id, version, name, indicators)',
    )
    expect(() => loadPluginPackage("two-plugins", dir)).toThrow(
      'plugin package "two-plugins" exports 2 plugin objects ("lake", "sea"): export the one to enable as its default or "plugin" export',
    )
    expect(() => loadPluginPackage("broken-plugin", dir)).toThrow(`cannot load plugin package "broken-plugin" from ${join(dir, "node_modules", "broken-plugin", "index.js")}: boom`)
  })

  it("selects built-in plugins first, then packages in the order named", () => {
    const dir = installation()
    expect(selectPlugins(["@acme/tijian-noise", "ecology", "tijian-plugin-water", "beauty"], dir).map((p) => p.id)).toEqual([
      "beauty",
      "ecology",
      "noise",
      "water",
    ])
  })

  it("are accepted in TIJIAN_PLUGINS and the config file when installed where the server runs", () => {
    const dir = installation()
    expect(configFromEnv({ TIJIAN_PLUGINS: "ecology, tijian-plugin-water" }, dir).plugins).toEqual(["ecology", "tijian-plugin-water"])
    writeFileSync(join(dir, "tijian.config.json"), JSON.stringify({ plugins: ["rail", "@acme/tijian-noise"] }))
    expect(configFromEnv({}, dir).plugins).toEqual(["rail", "@acme/tijian-noise"])
    expect(() => configFromEnv({ TIJIAN_PLUGINS: "rail,metro" }, dir)).toThrow(
      `TIJIAN_PLUGINS names unknown plugin(s) metro; the built-in plugins are beauty, rail, ecology, demo-zone, population, and no package of that name is installed in ${dir} or a directory above it`,
    )
  })
})

describe("the server", () => {
  it("picks up an installed third-party plugin named in TIJIAN_PLUGINS, without code changes", async () => {
    const dir = installation()
    const config = configFromEnv({ TIJIAN_PLUGINS: "ecology,demo-zone,tijian-plugin-water", TIJIAN_DB: ":memory:", PORT: "0" }, dir)
    const previous = process.cwd()
    process.chdir(dir) // the server resolves plugin packages from the directory it runs in
    let server: Awaited<ReturnType<typeof startServer>> | undefined
    try {
      server = await startServer(config)
    } finally {
      process.chdir(previous)
    }
    try {
      const indicators = (await (await fetch(`${server.url}/api/v1/indicators`)).json()) as { indicators: Array<{ id: string }> }
      expect(indicators.indicators.map((i) => i.id)).toContain("water.clean-share")
      const report = (await (await fetch(`${server.url}/api/v1/reports/DEMO-ZONE/2025`)).json()) as {
        sections: Array<{ plugin: string; evaluations: Array<{ indicator: string; value: number | null; targets: Array<{ met: boolean | null }> }> }>
      }
      expect(report.sections.map((s) => s.plugin)).toEqual(["demo-zone", "ecology", "water"])
      const water = report.sections.find((s) => s.plugin === "water")!.evaluations[0]!
      expect(water).toMatchObject({ indicator: "water.clean-share", value: 0.95 })
      expect(water.targets[0]!.met).toBe(true)
    } finally {
      await server.close()
    }
  })

  it("seeded with every built-in plugin, shows the Demonstration Zone's report with its binding targets first", async () => {
    const server = await startServer({ port: 0, host: "127.0.0.1", database: ":memory:" })
    try {
      expect(server.seeded).toBe(builtinPlugins.reduce((n, p) => n + (p.referenceData?.observations.length ?? 0), 0))
      const res = await fetch(`${server.url}/api/v1/reports/DEMO-ZONE/2025`)
      expect(res.status).toBe(200)
      const report = (await res.json()) as {
        scope: { code: string; members: Array<string> }
        sections: Array<{
          plugin: string
          notes: Array<{ en: string }>
          tables: Array<{ id: string }>
          evaluations: Array<{ indicator: string; value: number | null; targets: Array<{ binding: boolean; value?: number }> }>
        }>
      }
      expect(report.scope).toMatchObject({ code: "DEMO-ZONE", members: ["310118", "320509", "330421"] })
      const section = report.sections.find((s) => s.plugin === "demo-zone")!
      expect(section.evaluations.slice(0, 4).map((e) => [e.indicator, e.targets[0]?.binding, e.targets[0]?.value])).toEqual([
        ["demo-zone.cultivated-land-mu", true, 766_000],
        ["demo-zone.permanent-basic-farmland-mu", true, 665_400],
        ["demo-zone.urban-development-boundary-km2", true, 647.6],
        ["demo-zone.construction-land-km2", true, 803.6],
      ])
      expect(section.evaluations.slice(4).every((e) => e.targets.every((t) => !t.binding))).toBe(true)
      expect(section.evaluations.find((e) => e.indicator === "demo-zone.water-surface-ratio")?.value).toBe(0.2038)
      expect(section.notes[0]!.en).toMatch(/^5 binding targets: 4 in this section/)
      expect(section.tables.map((t) => t.id)).toEqual(["binding-land-totals"])
      const redline = report.sections.find((s) => s.plugin === "ecology")!.evaluations.find((e) => e.indicator === "ecology.redline-area-km2")!
      expect(redline.targets.filter((t) => t.binding).map((t) => t.value)).toContain(143.32)
    } finally {
      await server.close()
    }
  })
})
