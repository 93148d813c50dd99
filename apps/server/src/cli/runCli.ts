/**
 * The `tijian` command line: dispatches to the commands and turns every failure into a message and an exit
 * code (0 ok, 1 a request that cannot be done, 2 a wrong command line).
 */
import { AGENCIES_USAGE, agenciesCommand } from "./agencies.js"
import { CALC_USAGE, calcCommand } from "./calc.js"
import { COMPOSITES_USAGE, compositesCommand } from "./composites.js"
import { DB_USAGE, dbCommand } from "./db.js"
import { EXPORT_USAGE, exportCommand } from "./export.js"
import { EXPORT_SITE_USAGE, exportSiteCommand } from "./exportSite.js"
import { IMPORT_USAGE, importCommand } from "./import.js"
import { type CliIo, EXIT, UsageError } from "./io.js"
import { PLUGINS_USAGE, pluginsCommand } from "./plugins.js"
import { reportFailure } from "./reportFailure.js"
import { SERVE_USAGE, serveCommand } from "./serve.js"
import { TOKENS_USAGE, tokensCommand } from "./tokens.js"

/** The overall usage. */
export const USAGE = `tijian — track a regional plan's indicators

usage: pnpm tijian <command> [options]        (pnpm tijian <command> --help for details)

commands:
  tokens create --role agency|reviewer|admin --agency <label> [--region <code>] [--plugins a,b] [--expires-in-days N]
                             make an API token (printed once, alone on the last line)
  tokens list                list tokens (never their secrets)
  tokens revoke <id>         stop a token at once
  agencies set <id> [--zh <name>] [--en <name>] | agencies list
                             agencies' names in Chinese and English, shown in reports instead of the id
  import <file.csv|file.xlsx> [--agency <label>]
                             store a file of values, all or nothing
  calc <calculator-id> --input name=path ... [--param key=value ...] --region <code> --year <year> [--commit] [--json]
                             run a calculator on local files (calc --list shows them)
  composites [<indicator> <scope> <year>] [--json]
                             the declared composites | a group's members ranked, with rank intervals and
                             the method choice that moves each rank most
  plugins list | plugins sync
                             the enabled plugins | load the reference data of plugins added since the database was made
  serve                      run the server (the same as pnpm start)
  export-site --out <folder> [--scope <code>] [--year <year>]
                             write the published editions as a static site (relative links; any web server)
  export parquet <file.parquet> [--as-of <ISO time>] [--all-revisions]
                             the observations as a Parquet file (DuckDB, pandas), current values or every revision
  db copy --to <url|path>    copy this database into an empty one (e.g. SQLite -> PostgreSQL), verified
  db check | db migrate      row counts and checksums per table | bring the schema up to date

configuration: tijian.config.json in the current directory (or TIJIAN_CONFIG), overridden by PORT, HOST,
TIJIAN_DB (or DATABASE_URL=postgres://...), TIJIAN_PLUGINS, TIJIAN_READS_NEED_TOKEN, TIJIAN_MAX_BODY_MB, TIJIAN_TOKEN_DEFAULT_EXPIRY_DAYS,
TIJIAN_CALCULATOR_TIMEOUT_SECONDS and the others in README.md's Configuration (limits of uploaded files, calculator
threads, CORS, access log, page cache). Exit codes: 0 ok, 1 error, 2 wrong usage.
`

const commands: Record<string, { readonly run: (argv: ReadonlyArray<string>, io: CliIo) => Promise<number>; readonly usage: string }> = {
  tokens: { run: tokensCommand, usage: TOKENS_USAGE },
  agencies: { run: agenciesCommand, usage: AGENCIES_USAGE },
  import: { run: importCommand, usage: IMPORT_USAGE },
  calc: { run: calcCommand, usage: CALC_USAGE },
  composites: { run: compositesCommand, usage: COMPOSITES_USAGE },
  plugins: { run: pluginsCommand, usage: PLUGINS_USAGE },
  serve: { run: serveCommand, usage: SERVE_USAGE },
  db: { run: dbCommand, usage: DB_USAGE },
  "export-site": { run: exportSiteCommand, usage: EXPORT_SITE_USAGE },
  export: { run: exportCommand, usage: EXPORT_USAGE },
}

/**
 * Runs the CLI with `argv` (the arguments after `tijian`) and returns the exit code. Output goes to
 * `io.stdout` / `io.stderr`; nothing calls `process.exit` (except a forced shutdown of `serve`).
 *
 * @example
 * const code = await runCli(["tokens", "list"], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: "/srv/tijian" })
 */
export const runCli = async (argv: ReadonlyArray<string>, io: CliIo): Promise<number> => {
  const [name, ...rest] = argv
  try {
    if (name === undefined) {
      io.stderr(USAGE)
      return EXIT.usage
    }
    if (name === "--help" || name === "-h" || name === "help") {
      const topic = name === "help" && rest[0] !== undefined ? commands[rest[0]] : undefined
      io.stdout(topic?.usage ?? USAGE)
      return EXIT.ok
    }
    const command = commands[name]
    if (!command) throw new UsageError(`unknown command "${name}"; the commands are ${Object.keys(commands).join(", ")}`, USAGE)
    return await command.run(rest, io)
  } catch (e) {
    return reportFailure(e, io)
  }
}
