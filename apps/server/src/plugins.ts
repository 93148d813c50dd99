/**
 * The plugins the server registers: the built-in plugins by id, and installed plugin packages by package name.
 *
 * A configured entry that is not a built-in id (`beauty`, `rail`, `ecology`, `demo-zone`, `population`) names a package, found
 * as Node finds `import(name)` from the directory the server runs in (its `node_modules`, then its parents'). Its
 * default export, else its `plugin` export, else its one named export that is a plugin, must be the object
 * `definePlugin` returns (see `pluginExport`). Packages are loaded
 * synchronously (`require` of an ES module, Node >= 20.19), so a plugin package must not use top-level await.
 */
import type { Plugin } from "@tijian/core"
import { beautyIndex } from "@tijian/plugin-beauty-index"
import { demoZone } from "@tijian/plugin-demo-zone"
import { ecology } from "@tijian/plugin-ecology"
import { population } from "@tijian/plugin-population"
import { rail } from "@tijian/plugin-rail"
import { existsSync, readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join, resolve } from "node:path"
import { DIST_CONDITION, isBuilt } from "./builtPackages.js"

/** The built-in plugins, in report order. */
export const builtinPlugins: ReadonlyArray<Plugin> = [beautyIndex, rail, ecology, demoZone, population]

/** The ids of the built-in plugins (`beauty`, `rail`, `ecology`, `demo-zone`, `population`), as `TIJIAN_PLUGINS` names them. */
export const BUILTIN_PLUGIN_IDS: ReadonlyArray<string> = builtinPlugins.map((p) => p.id)

const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/

/**
 * The directory of the installed package `name`, looked up from `cwd` upwards as Node does, or undefined when it
 * is not installed (or `name` is not a package name).
 *
 * @example
 * findPluginPackage("tijian-plugin-water", "/srv/tijian") // "/srv/tijian/node_modules/tijian-plugin-water"
 */
export const findPluginPackage = (name: string, cwd: string): string | undefined => {
  if (!PACKAGE_NAME.test(name)) return undefined
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name)
    if (existsSync(join(candidate, "package.json"))) return candidate
    if (dirname(dir) === dir) return undefined
  }
}

// The built server also honours the workspace packages' condition for their build (see builtPackages.ts).
const CONDITIONS = [...(isBuilt(import.meta.url) ? [DIST_CONDITION] : []), "import", "node", "default"]

/** The target of an `exports` entry under the conditions `import`, `node`, `default` (in the entry's order). */
const exportTarget = (entry: unknown): string | undefined => {
  if (typeof entry === "string") return entry
  if (Array.isArray(entry)) return entry.map(exportTarget).find((t) => t !== undefined)
  if (typeof entry !== "object" || entry === null) return undefined
  for (const [condition, value] of Object.entries(entry)) {
    if (CONDITIONS.includes(condition)) {
      const target = exportTarget(value)
      if (target !== undefined) return target
    }
  }
  return undefined
}

/** The file `import(name)` loads for the package in `directory`: its `exports["."]`, else `main`, else index.js. */
const entryFile = (name: string, directory: string): string => {
  const manifest = JSON.parse(readFileSync(join(directory, "package.json"), "utf8")) as { exports?: unknown; main?: unknown }
  const { exports } = manifest
  if (exports === undefined || exports === null) return join(directory, typeof manifest.main === "string" ? manifest.main : "index.js")
  const root =
    typeof exports === "object" && !Array.isArray(exports) && Object.keys(exports).some((k) => k.startsWith("."))
      ? (exports as Record<string, unknown>)["."]
      : exports
  const target = exportTarget(root)
  if (target === undefined) throw new Error(`plugin package "${name}" exports no entry for import ("exports" in ${join(directory, "package.json")})`)
  return join(directory, target)
}

/** Why `value` is not a plugin object, or undefined. */
const pluginShapeProblem = (value: unknown): string | undefined => {
  if (typeof value !== "object" || value === null) return "exports no plugin object"
  const p = value as Record<string, unknown>
  const missing = [
    typeof p.id === "string" && p.id !== "" ? undefined : "an id (text)",
    typeof p.version === "string" && p.version !== "" ? undefined : "a version (text)",
    typeof p.name === "object" && p.name !== null ? undefined : "a name ({ zh, en })",
    Array.isArray(p.indicators) ? undefined : "indicators (a list)",
  ].filter((m) => m !== undefined)
  return missing.length === 0 ? undefined : `exports an object without ${missing.join(", ")}`
}

const PLUGIN_EXPORT_RULE =
  'its default export, its "plugin" export or its one exported plugin must be the object definePlugin returns (id, version, name, indicators)'

/**
 * The plugin object a loaded module exports: its default export, else its `plugin` export, else its one named
 * export that is a plugin object (`export const water = definePlugin(...)` beside indicator lists and helpers);
 * or, when there is none or more than one, what is wrong.
 *
 * @example
 * pluginExport({ water, waterIndicators }) // water
 * pluginExport({ waterIndicators })        // 'exports "waterIndicators" but no plugin object: ...'
 */
export const pluginExport = (loaded: unknown): Plugin | string => {
  const exports = (typeof loaded === "object" && loaded !== null ? loaded : {}) as Record<string, unknown>
  const marked = [exports.default, exports.plugin].filter((x) => x !== undefined)
  const found = marked.find((x) => pluginShapeProblem(x) === undefined)
  if (found !== undefined) return found as Plugin
  if (marked.length > 0) return `${pluginShapeProblem(marked[0])}: ${PLUGIN_EXPORT_RULE}`
  const named = Object.keys(exports).filter((k) => k !== "__esModule" && k !== "module.exports")
  const plugins = named.filter((k) => pluginShapeProblem(exports[k]) === undefined)
  if (plugins.length === 1) return exports[plugins[0]!] as Plugin
  if (plugins.length > 1) {
    return `exports ${plugins.length} plugin objects (${plugins.map((k) => `"${k}"`).join(", ")}): export the one to enable as its default or "plugin" export`
  }
  if (pluginShapeProblem(loaded) === undefined) return loaded as Plugin
  const listed = named.length === 0 ? "exports nothing" : `exports ${named.map((k) => `"${k}"`).join(", ")} but no plugin object`
  return `${listed}: ${PLUGIN_EXPORT_RULE}`
}

const requireModule = createRequire(import.meta.url)

/** Where a plugin object came from, so another thread (a calculator worker) can load the same plugin. */
export type PluginOrigin = { readonly kind: "builtin"; readonly id: string } | { readonly kind: "package"; readonly name: string; readonly cwd: string }

const packageOrigins = new WeakMap<Plugin, PluginOrigin>()

/**
 * How to load `plugin` again in another thread: a built-in by id, a package by name and directory; undefined
 * for a plugin object built in code (tests, embedding), which can only run where it was made.
 *
 * @example
 * pluginOrigin(rail) // { kind: "builtin", id: "rail" }
 */
export const pluginOrigin = (plugin: Plugin): PluginOrigin | undefined =>
  builtinPlugins.includes(plugin) ? { kind: "builtin", id: plugin.id } : packageOrigins.get(plugin)

/** The plugin `origin` names, loaded in this thread. */
export const loadPluginFrom = (origin: PluginOrigin): Plugin => {
  if (origin.kind === "package") return loadPluginPackage(origin.name, origin.cwd)
  const plugin = builtinPlugins.find((p) => p.id === origin.id)
  if (plugin === undefined) throw new Error(`no built-in plugin "${origin.id}"`)
  return plugin
}

/**
 * Loads the plugin of the installed package `name` (see the module comment), or throws an error that names the
 * package and says what is wrong: not installed, no entry, fails to load, or exports no plugin.
 */
export const loadPluginPackage = (name: string, cwd: string): Plugin => {
  const directory = findPluginPackage(name, cwd)
  if (directory === undefined) {
    throw new Error(
      `"${name}" is neither a built-in plugin (${BUILTIN_PLUGIN_IDS.join(", ")}) nor a package installed in ${resolve(cwd)} or a directory above it`,
    )
  }
  const file = entryFile(name, directory)
  let loaded: unknown
  try {
    loaded = requireModule(file)
  } catch (e) {
    throw new Error(`cannot load plugin package "${name}" from ${file}: ${e instanceof Error ? e.message : String(e)}`, { cause: e })
  }
  const candidate = pluginExport(loaded)
  if (typeof candidate === "string") throw new Error(`plugin package "${name}" ${candidate}`)
  packageOrigins.set(candidate, { kind: "package", name, cwd: resolve(cwd) })
  return candidate
}

/** Every `uses` of the plugins that none of them declares, with a hint naming a built-in plugin that would. */
const unresolvedUses = (plugins: ReadonlyArray<Plugin>): ReadonlyArray<string> => {
  const declared = new Set(plugins.flatMap((p) => p.indicators.map((i) => i.id)))
  return plugins.flatMap((p) =>
    (p.uses ?? [])
      .filter((id) => !declared.has(id))
      .map((id) => {
        const owner = builtinPlugins.find((b) => b.indicators.some((i) => i.id === id))
        return `plugin "${p.id}" uses ${id}, which no enabled plugin declares${owner ? ` (enable "${owner.id}")` : ""}`
      }),
  )
}

/**
 * The plugins named by `ids`: the built-in ones in report order, then the plugin packages in the order named
 * (loaded from `cwd`). Throws naming any entry that is neither, any package that does not load, and any `uses`
 * that no chosen plugin declares.
 *
 * @example
 * selectPlugins(["ecology", "rail"]).map((p) => p.id) // ["rail", "ecology"]
 * selectPlugins(["ecology", "tijian-plugin-water"], "/srv/tijian") // [ecology, the package's plugin]
 */
export const selectPlugins = (ids: ReadonlyArray<string>, cwd: string = process.cwd()): ReadonlyArray<Plugin> => {
  const builtin = builtinPlugins.filter((p) => ids.includes(p.id))
  const packages = [...new Set(ids.filter((id) => !BUILTIN_PLUGIN_IDS.includes(id)))].map((name) => loadPluginPackage(name, cwd))
  const chosen = [...builtin, ...packages]
  const unresolved = unresolvedUses(chosen)
  if (unresolved.length > 0) throw new Error(`cannot enable the plugins ${ids.join(", ")}: ${unresolved.join("; ")}`)
  return chosen
}
