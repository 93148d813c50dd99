/**
 * `pnpm create-plugin <name> [--dir <directory>] [--no-changeset]`: scaffolds `packages/plugin-<name>` (see
 * `createPlugin.ts`) and prints the next steps. `--dir` puts the package elsewhere than `packages/`.
 */
import { relative } from "node:path"
import { parseArgs } from "node:util"
import { createPlugin } from "./createPlugin.js"

const usage = "usage: pnpm create-plugin <name> [--dir <directory>] [--no-changeset]   (name: kebab-case, e.g. water-quality)"

const main = (argv: ReadonlyArray<string>): number => {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { dir: { type: "string" }, "no-changeset": { type: "boolean" }, help: { type: "boolean", short: "h" } },
    })
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${usage}\n`)
    return 2
  }
  const [name, ...extra] = parsed.positionals
  if (parsed.values.help) {
    process.stdout.write(`${usage}\n`)
    return 0
  }
  if (name === undefined || extra.length > 0) {
    process.stderr.write(`${usage}\n`)
    return 2
  }
  try {
    const created = createPlugin({
      name,
      ...(parsed.values.dir !== undefined ? { packagesDirectory: parsed.values.dir } : {}),
      ...(parsed.values["no-changeset"] ? { changesetDirectory: null } : {}),
    })
    const show = (path: string) => relative(process.cwd(), path) || "."
    process.stdout.write(
      [
        `created ${created.packageName} in ${show(created.directory)}:`,
        ...created.files.map((f) => `  ${show(f)}`),
        "",
        "next:",
        "  pnpm install                                   # link @tijian/core into the new package",
        `  pnpm test --project ${created.packageName}   # the conformance suite and the case table`,
        "  then replace the sample indicator, target and reference data: see docs/plugins.md",
        "to run it in the server:",
        `  pnpm add -w ${created.packageName}@workspace:*`,
        `  TIJIAN_PLUGINS=ecology,demo-zone,${created.packageName} pnpm start   # after pnpm tijian plugins sync on an existing database`,
        "",
      ].join("\n"),
    )
    return 0
  } catch (e) {
    process.stderr.write(`cannot create the plugin: ${e instanceof Error ? e.message : String(e)}\n`)
    return 1
  }
}

process.exitCode = main(process.argv.slice(2))
