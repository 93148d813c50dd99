/**
 * The plugins the server registers.
 */
import type { Plugin } from "@tijian/core"
import { beautyIndex } from "@tijian/plugin-beauty-index"
import { ecology } from "@tijian/plugin-ecology"
import { rail } from "@tijian/plugin-rail"

/** The built-in plugins, in report order. */
export const builtinPlugins: ReadonlyArray<Plugin> = [beautyIndex, rail, ecology]
