/**
 * `tijian import <file.csv|file.xlsx> [--agency <label>]`: reads a file of values (the same columns and checks
 * as `POST /api/v1/observations/import`) and stores it, all or nothing, as an admin speaking for the agency.
 */
import { createReadStream, readFileSync, statSync } from "node:fs"
import { extname, resolve } from "node:path"
import { readCsv } from "../import/csvSheet.js"
import { importSheet } from "../import/importSheet.js"
import type { Sheet } from "../import/sheet.js"
import { decodeUtf8 } from "../import/utf8.js"
import { readXlsx } from "../import/xlsxSheet.js"
import { readArgs } from "./args.js"
import { type CliIo, EXIT, UsageError, UserError } from "./io.js"
import { cliPrincipal, DEFAULT_CLI_AGENCY, withSession } from "./session.js"

/** Usage of `import`. */
export const IMPORT_USAGE = `usage:
  pnpm tijian import <file.csv|file.xlsx> [--agency <label>]

  Stores the values of a CSV (UTF-8) or .xlsx file with the columns indicator, region, year, value
  (optional: source, note, status, revision; a column per dimension, e.g. mode, for breakdowns, empty for
  a total), all or nothing, recorded as from --agency
  (default ${DEFAULT_CLI_AGENCY}). On any problem nothing is stored and every problem is listed with its
  row (numbered as in Excel: the header is row 1). A cell that already holds a different value needs its
  current revision in the revision column.
`

/** Reads a local CSV (streamed, strict UTF-8) or .xlsx file into a sheet. */
const readSheet = async (path: string, given: string): Promise<Sheet> => {
  const stat = statSync(path, { throwIfNoEntry: false })
  if (!stat?.isFile()) throw new UserError(`${given}: ${stat ? "is not a file" : "no such file"} (${path})`)
  const ext = extname(path).toLowerCase()
  if (ext === ".csv") return readCsv(decodeUtf8(createReadStream(path)))
  if (ext === ".xlsx") return readXlsx(readFileSync(path))
  if (ext === ".xls") throw new UserError(`${given} is an old-format .xls workbook; open it in Excel and save it as .xlsx or as CSV UTF-8`)
  throw new UserError(`${given}: the import reads .csv (UTF-8) and .xlsx files, not "${ext || "no extension"}"`)
}

/** Runs `import ...`; returns the exit code. */
export const importCommand = async (argv: ReadonlyArray<string>, io: CliIo): Promise<number> => {
  const args = readArgs(argv, { agency: { type: "string" } }, IMPORT_USAGE)
  if (args.help) {
    io.stdout(IMPORT_USAGE)
    return EXIT.ok
  }
  const [given, ...extra] = args.positionals
  if (given === undefined) throw new UsageError("give the file to import, e.g. pnpm tijian import values-2024.csv", IMPORT_USAGE)
  if (extra.length > 0) throw new UsageError(`import takes one file, got also "${extra.join(" ")}"`, IMPORT_USAGE)
  const path = resolve(io.cwd, given)
  const principal = cliPrincipal(args.values.agency)
  return withSession(io, async (s) => {
    const sheet = await readSheet(path, given)
    const result = await s.run(importSheet(principal, sheet, s.now()))
    io.stdout(`stored ${result.count} value(s) from ${given} as ${principal.agency}; ${result.unchanged} unchanged (equal to the stored value)\n`)
    return EXIT.ok
  })
}
