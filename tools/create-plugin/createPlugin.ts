/**
 * The plugin scaffolder: `pnpm create-plugin <name>` writes `packages/plugin-<name>` (a typed `definePlugin` with
 * one sample indicator and target, reference data, a test that runs core's conformance suite and a case table, a
 * README) and a changeset, from the templates in `./template`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { parseVersion } from "../../packages/core/src/CoreVersion.js"

/** The repository root (this file is `tools/create-plugin/createPlugin.ts`). */
export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..")

const templateDirectory = join(dirname(fileURLToPath(import.meta.url)), "template")

const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/
const RESERVED = new Set(["core", "server", "testing", "plugin"])

/** Why `name` cannot name a new plugin (its id and the package `@tijian/plugin-<name>`), or undefined. */
export const pluginNameProblem = (name: string): string | undefined => {
  if (name.startsWith("plugin-")) return `give the name without the "plugin-" prefix: pnpm create-plugin ${name.slice("plugin-".length)}`
  if (!NAME.test(name)) {
    return `"${name}" is not a plugin name: use lower-case kebab-case starting with a letter, e.g. "water-quality"`
  }
  if (RESERVED.has(name)) return `"${name}" is reserved; choose a name that says what the plugin examines`
  return undefined
}

/**
 * The range a plugin declares for a core version: `^0.<minor>.0` in 0.x (where a minor release may break the plugin
 * API), `^<major>.0.0` from 1.0.
 */
export const caretRangeOf = (version: string): string => {
  const v = parseVersion(version)
  if (!v) throw new Error(`"${version}" is not a version`)
  return v.major === 0 ? `^0.${v.minor}.0` : `^${v.major}.0.0`
}

const camelCase = (name: string) => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())

/** Where and what to scaffold. */
export interface CreatePluginOptions {
  /** The plugin's id: kebab-case, e.g. "water-quality". */
  readonly name: string
  /** The repository (default: this one): where `tsconfig.base.json` and `packages/core` are. */
  readonly root?: string
  /** The directory that receives `plugin-<name>` (default `<root>/packages`). */
  readonly packagesDirectory?: string
  /** Where the changeset goes (default `<root>/.changeset`); null writes none. */
  readonly changesetDirectory?: string | null
}

/** What was written. */
export interface CreatedPlugin {
  readonly directory: string
  readonly packageName: string
  /** Every file written, absolute. */
  readonly files: ReadonlyArray<string>
}

const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>

/** The placeholders the templates use, from the name and the repository's core package. */
const placeholders = (name: string, root: string, packageDirectory: string): Record<string, string> => {
  const core = readJson(join(root, "packages/core/package.json")) as {
    version: string
    dependencies: Record<string, string>
    devDependencies: Record<string, string>
  }
  const camel = camelCase(name)
  const words = name.replace(/-/g, " ")
  return {
    id: name,
    camel,
    Camel: camel[0]!.toUpperCase() + camel.slice(1),
    package: `@tijian/plugin-${name}`,
    titleEn: words[0]!.toUpperCase() + words.slice(1),
    titleZh: `${name}（请替换为中文名称）`,
    coreRange: caretRangeOf(core.version),
    effectVersion: core.dependencies.effect ?? "",
    vitestVersion: core.devDependencies.vitest ?? "",
    tsconfigBase: relative(packageDirectory, join(root, "tsconfig.base.json")).split("\\").join("/"),
  }
}

const fill = (template: string, values: Readonly<Record<string, string>>) =>
  template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
    const value = values[key]
    if (value === undefined) throw new Error(`template placeholder ${whole} has no value`)
    return value
  })

const templateFiles = (directory: string): Array<string> =>
  readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry)
    return statSync(path).isDirectory() ? templateFiles(path) : path.endsWith(".tmpl") ? [path] : []
  })

/**
 * Scaffolds a plugin package. Refuses an invalid name or an existing directory; writes nothing then. If writing
 * fails half-way, removes what it wrote.
 *
 * @example
 * createPlugin({ name: "water-quality" }) // packages/plugin-water-quality, .changeset/plugin-water-quality.md
 */
export const createPlugin = (options: CreatePluginOptions): CreatedPlugin => {
  const problem = pluginNameProblem(options.name)
  if (problem) throw new Error(problem)
  const root = resolve(options.root ?? repositoryRoot)
  const directory = join(resolve(options.packagesDirectory ?? join(root, "packages")), `plugin-${options.name}`)
  if (existsSync(directory)) throw new Error(`${directory} already exists; choose another name or remove it first`)
  const changesetDirectory = options.changesetDirectory === undefined ? join(root, ".changeset") : options.changesetDirectory
  const changeset = changesetDirectory === null ? null : join(changesetDirectory, `plugin-${options.name}.md`)
  if (changeset !== null && existsSync(changeset)) throw new Error(`${changeset} already exists; remove it first`)

  const values = placeholders(options.name, root, directory)
  const outputs = templateFiles(templateDirectory).flatMap((template) => {
    const rel = relative(templateDirectory, template).replace(/\.tmpl$/, "")
    const content = fill(readFileSync(template, "utf8"), values)
    if (rel === "changeset.md") return changeset === null ? [] : [{ path: changeset, content }]
    const target = rel === join("test", "plugin.test.ts") ? join("test", `${options.name}.test.ts`) : rel
    return [{ path: join(directory, target), content }]
  })
  const written: Array<string> = []
  try {
    for (const { path, content } of outputs) {
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, content, { flag: "wx" })
      written.push(path)
    }
  } catch (e) {
    rmSync(directory, { recursive: true, force: true })
    if (changeset !== null && written.includes(changeset)) rmSync(changeset, { force: true })
    throw e
  }
  return { directory, packageName: values.package!, files: written }
}
