/**
 * `pnpm version-packages` runs `changeset version`, then this: a workspace plugin whose `coreVersion: "^x.y.z"`
 * no longer admits the workspace's core (core moved to a new minor in 0.x, or a new major) gets the caret range of
 * core's new version, since CI tests the plugins against that core before anything is published. Ranges of other
 * shapes are reported for a person to update. Prints what it changed.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join, relative, resolve } from "node:path"
import { pathToFileURL } from "node:url"
import { satisfiesVersionRange } from "../../packages/core/src/CoreVersion.js"
import { caretRangeOf, repositoryRoot } from "./createPlugin.js"

/** One `coreVersion` declaration that did not admit core's version, and what became of it. */
export interface RangeUpdate {
  readonly file: string
  readonly from: string
  /** The new range, or null when the range is not a plain caret range and was left for a person. */
  readonly to: string | null
}

const sourceFiles = (directory: string): Array<string> => {
  let entries: Array<string>
  try {
    entries = readdirSync(directory)
  } catch {
    return []
  }
  return entries.flatMap((entry) => {
    const path = join(directory, entry)
    return statSync(path).isDirectory() ? sourceFiles(path) : entry.endsWith(".ts") ? [path] : []
  })
}

const DECLARATION = /(coreVersion:\s*)"([^"]*)"/g
const PLAIN_CARET = /^\^\d+\.\d+\.\d+$/

/** Updates the plugins under `<root>/packages/*\/src` to admit `<root>/packages/core`'s version; returns the updates. */
export const syncCoreVersionRanges = (root: string): ReadonlyArray<RangeUpdate> => {
  const coreVersion = (JSON.parse(readFileSync(join(root, "packages/core/package.json"), "utf8")) as { version: string }).version
  const updates: Array<RangeUpdate> = []
  const packages = join(root, "packages")
  for (const pkg of readdirSync(packages).filter((p) => p !== "core")) {
    for (const file of sourceFiles(join(packages, pkg, "src"))) {
      const text = readFileSync(file, "utf8")
      const next = text.replace(DECLARATION, (whole, prefix: string, range: string) => {
        if (satisfiesVersionRange(coreVersion, range)) return whole
        const to = PLAIN_CARET.test(range) ? caretRangeOf(coreVersion) : null
        updates.push({ file, from: range, to })
        return to === null ? whole : `${prefix}"${to}"`
      })
      if (next !== text) writeFileSync(file, next)
    }
  }
  return updates
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href
if (isMain) {
  const updates = syncCoreVersionRanges(repositoryRoot)
  for (const u of updates) {
    const where = relative(process.cwd(), u.file)
    process.stdout.write(
      u.to === null
        ? `${where}: coreVersion "${u.from}" does not admit the new core; update it by hand\n`
        : `${where}: coreVersion "${u.from}" -> "${u.to}"\n`,
    )
  }
  if (updates.some((u) => u.to === null)) process.exitCode = 1
}
