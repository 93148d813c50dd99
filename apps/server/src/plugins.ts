/**
 * The plugins the server registers.
 */
import type { Plugin } from "@tijian/core"
import { beautyIndex } from "@tijian/plugin-beauty-index"
import { ecology } from "@tijian/plugin-ecology"
import { rail } from "@tijian/plugin-rail"

/** The built-in plugins, in report order. */
export const builtinPlugins: ReadonlyArray<Plugin> = [beautyIndex, rail, ecology]

/** The ids of the built-in plugins (`beauty`, `rail`, `ecology`), as `TIJIAN_PLUGINS` names them. */
export const BUILTIN_PLUGIN_IDS: ReadonlyArray<string> = builtinPlugins.map((p) => p.id)

/**
 * The built-in plugins with these ids, in report order. Throws naming any unknown id.
 *
 * @example
 * selectPlugins(["ecology", "rail"]).map((p) => p.id) // ["rail", "ecology"]
 */
export const selectPlugins = (ids: ReadonlyArray<string>): ReadonlyArray<Plugin> => {
  const unknown = ids.filter((id) => !BUILTIN_PLUGIN_IDS.includes(id))
  if (unknown.length > 0) throw new Error(`unknown plugin(s) ${unknown.join(", ")}; the built-in plugins are ${BUILTIN_PLUGIN_IDS.join(", ")}`)
  return builtinPlugins.filter((p) => ids.includes(p.id))
}
