/**
 * `tijian export <format> ...`: the data in formats other tools read. `export parquet` writes the observations
 * as an Apache Parquet file (DuckDB, pandas, Arrow).
 */
import { EXPORT_PARQUET_USAGE, exportParquetCommand } from "./exportParquet.js"
import type { CliIo } from "./io.js"
import { runSubcommand } from "./subcommands.js"

/** Usage of `export`. */
export const EXPORT_USAGE = `usage:
${EXPORT_PARQUET_USAGE.replace(/^usage:\n/, "")}`

/** Runs `export ...`. */
export const exportCommand = (argv: ReadonlyArray<string>, io: CliIo): Promise<number> =>
  runSubcommand("export", { parquet: exportParquetCommand }, EXPORT_USAGE, argv, io)
