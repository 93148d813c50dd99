/**
 * Input limits: how much an uploaded file may unpack to or hold before a reader refuses it. Calculators and
 * importers receive them in their context and check them before the work grows (a zip's declared sizes and entry
 * count before any member is read, a raster's width x height from its header before any strip is decoded, rows and
 * features as they stream), so one small hostile file cannot exhaust the server. The server sets them from its
 * configuration (docs/security.md lists the settings); the defaults below fit the Yangtze River Delta's real inputs
 * with room to spare.
 */
import { CalculatorError } from "./Errors.js"

/** The limits, one per kind of growth. */
export interface InputLimits {
  /** Bytes an archive (GTFS zip, xlsx) may unpack to, all members together; also the largest text file read whole. */
  readonly maxUnpackedBytes: number
  /** Members an archive may hold. */
  readonly maxEntries: number
  /** Rows one table (a GTFS member, a CSV, a worksheet) may hold. */
  readonly maxRows: number
  /** Features one GeoJSON input may hold. */
  readonly maxFeatures: number
  /** Positions (vertices) one GeoJSON input may hold, all rings together. */
  readonly maxVertices: number
  /** Pixels (width x height, per band) one raster may declare. */
  readonly maxRasterPixels: number
}

/** The name of one limit, e.g. `maxRows`. */
export type InputLimitName = keyof InputLimits

/**
 * The default limits: 512 MiB unpacked, 10,000 archive members, 20 million rows per table, 500,000 features,
 * 20 million vertices, 64 Mi pixels (about 8,200 x 8,200: the whole delta at 100 m).
 */
export const DEFAULT_INPUT_LIMITS: InputLimits = {
  maxUnpackedBytes: 512 * 1024 * 1024,
  maxEntries: 10_000,
  maxRows: 20_000_000,
  maxFeatures: 500_000,
  maxVertices: 20_000_000,
  maxRasterPixels: 64 * 1024 * 1024,
}

const what: Record<InputLimitName, string> = {
  maxUnpackedBytes: "unpacked bytes",
  maxEntries: "archive members",
  maxRows: "rows",
  maxFeatures: "features",
  maxVertices: "vertices",
  maxRasterPixels: "raster pixels",
}

/** The setting in tijian.config.json's `inputLimits` that sets each limit (the byte limit is set in MiB there). */
const setting: Record<InputLimitName, string> = {
  maxUnpackedBytes: "maxUnpackedMb",
  maxEntries: "maxEntries",
  maxRows: "maxRows",
  maxFeatures: "maxFeatures",
  maxVertices: "maxVertices",
  maxRasterPixels: "maxRasterPixels",
}

const amount = (name: InputLimitName, n: number) =>
  name === "maxUnpackedBytes" ? `${Math.round((n / 1024 / 1024) * 10) / 10} MiB` : n.toLocaleString("en-US")

/**
 * The error for an input over a limit: a `CalculatorError` with reason `too-large` naming the file, the limit, the
 * size found (or "more than" when reading stopped at the limit) and how to raise it. The server answers it with 413.
 *
 * @example
 * throw inputTooLarge({ file: "feed.zip/stop_times.txt", limit: "maxRows", limits, found: 20_000_001, atLeast: true })
 * // CalculatorError: feed.zip/stop_times.txt holds more than 20,000,000 rows (limit maxRows = 20,000,000);
// split the input, or raise inputLimits.maxRows in tijian.config.json (docs/security.md)
 */
export const inputTooLarge = (options: {
  readonly file: string
  readonly limit: InputLimitName
  readonly limits: InputLimits
  /** The size found; with `atLeast`, reading stopped once the limit was passed. */
  readonly found?: number
  readonly atLeast?: boolean
}): CalculatorError => {
  const { file, limit, limits, found, atLeast } = options
  const allowed = limits[limit]
  const size = found === undefined || atLeast ? `more than ${amount(limit, allowed)}` : amount(limit, found)
  const message =
    `${file} holds ${size} ${what[limit]} (limit ${limit} = ${amount(limit, allowed)}); ` +
    `split the input, or raise inputLimits.${setting[limit]} in tijian.config.json (docs/security.md)`
  return new CalculatorError({ reason: "too-large", message, problems: [{ file, message }] })
}
