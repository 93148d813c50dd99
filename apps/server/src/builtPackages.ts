/**
 * Running the built server (`node apps/server/dist/main.js`) over the built workspace packages.
 *
 * In the workspace every `@tijian/*` package exports its TypeScript sources (`./src/index.ts`, what tsx,
 * vitest and tsc read) and, under the export condition `tijian-dist`, its build (`./dist/index.js`). Plain
 * Node cannot import TypeScript, so the built entry points register this module as a resolve hook that adds the
 * condition: every `@tijian/*` import, the server's, a calculator thread's or an installed plugin package's,
 * then loads the one built copy of each package.
 */
import { register } from "node:module"

/** The export condition under which the workspace packages export their build. */
export const DIST_CONDITION = "tijian-dist"

type ResolveContext = { readonly conditions: ReadonlyArray<string> }
type NextResolve = (specifier: string, context: ResolveContext) => unknown

/** The resolve hook (Node's module customization hooks): every import resolves with `DIST_CONDITION` too. */
export const resolve = (specifier: string, context: ResolveContext, nextResolve: NextResolve): unknown =>
  nextResolve(specifier, context.conditions.includes(DIST_CONDITION) ? context : { ...context, conditions: [DIST_CONDITION, ...context.conditions] })

/** Whether `moduleUrl` (an entry point's `import.meta.url`) is built JavaScript rather than a TypeScript source. */
export const isBuilt = (moduleUrl: string): boolean => !moduleUrl.endsWith(".ts")

/**
 * Makes this thread's later imports load the built packages, when `entryUrl` is built; from sources (tsx,
 * vitest) it does nothing. Call it before importing anything from `@tijian/*` (import the rest dynamically).
 *
 * @example
 * useBuiltPackages(import.meta.url)
 * const { runCli } = await import("./cli/runCli.js")
 */
export const useBuiltPackages = (entryUrl: string): void => {
  if (isBuilt(entryUrl)) register(import.meta.url)
}
