/**
 * Configuration of the server and the CLI: a JSON file, then environment variables (which win).
 *
 * The file is `$TIJIAN_CONFIG` (an error if it does not exist) or else `tijian.config.json` in the directory
 * the command was run from (skipped if absent). Its keys, and the variables that override them:
 *
 * | file key                  | variable                            | default              |
 * |---------------------------|-------------------------------------|----------------------|
 * | `port`                    | `PORT`                              | 8787 (0: any free)   |
 * | `host`                    | `HOST`                              | 127.0.0.1            |
 * | `database`                | `TIJIAN_DB`, or `DATABASE_URL`      | `data/tijian.sqlite` |
 * | `plugins`                 | `TIJIAN_PLUGINS` (comma-separated)  | all built-in         |
 * | `regions`                 | `TIJIAN_REGIONS` (`yrd`, `national`) | yrd                 |
 * | `readsNeedToken`          | `TIJIAN_READS_NEED_TOKEN`           | false                |
 * | `maxBodyMb`               | `TIJIAN_MAX_BODY_MB`                | 200 (MiB)            |
 * | `tokenDefaultExpiryDays`  | `TIJIAN_TOKEN_DEFAULT_EXPIRY_DAYS`  | none (never expire)  |
 * | `calculatorTimeoutSeconds`| `TIJIAN_CALCULATOR_TIMEOUT_SECONDS` | 300                  |
 * | `rateLimitPerMinute`      | `TIJIAN_RATE_LIMIT_PER_MINUTE`      | 6000 (0: no limit)   |
 * | `pageCacheMb`             | `TIJIAN_PAGE_CACHE_MB`              | 64 (MiB; 0: none)    |
 * | `warmReports`             | `TIJIAN_WARM_REPORTS`               | 4,000 (0: none)      |
 * | `corsOrigins`             | `TIJIAN_CORS_ORIGINS` (comma-separated) | none (CORS off)  |
 * | `calculatorMaxJobs`       | `TIJIAN_CALCULATOR_MAX_JOBS`        | one per core         |
 * | `calculatorMaxHeapMb`     | `TIJIAN_CALCULATOR_MAX_HEAP_MB`     | 2048 (MiB)           |
 * | `accessLog`               | `TIJIAN_ACCESS_LOG`                 | true (JSON on stdout)|
 * | `readOnly`                | `TIJIAN_READ_ONLY`                  | false (see below)    |
 * | `primaryUrl`              | `TIJIAN_PRIMARY_URL`                | none                 |
 * | `inputLimits.maxUnpackedMb`  | `TIJIAN_MAX_UNPACKED_MB`         | 512 (MiB)            |
 * | `inputLimits.maxEntries`     | `TIJIAN_MAX_ENTRIES`             | 10,000               |
 * | `inputLimits.maxRows`        | `TIJIAN_MAX_ROWS`                | 20,000,000           |
 * | `inputLimits.maxFeatures`    | `TIJIAN_MAX_FEATURES`            | 500,000              |
 * | `inputLimits.maxVertices`    | `TIJIAN_MAX_VERTICES`            | 20,000,000           |
 * | `inputLimits.maxRasterPixels`| `TIJIAN_MAX_RASTER_PIXELS`       | 67,108,864 (64 Mi)   |
 *
 * A relative `database` in the file is taken from the file's directory; a relative `TIJIAN_DB` from the
 * directory the command was run from. `:memory:` is an in-memory database. A `postgres://` URL (in
 * `DATABASE_URL`, which wins, or in `TIJIAN_DB` / `database`) selects PostgreSQL. `plugins` names built-in plugin
 * ids or plugin packages installed where the command runs (its `node_modules` or a parent's; see `plugins.ts`).
 * `readOnly` serves reads from a PostgreSQL read replica (or a SQLite copy): nothing is migrated or loaded, and every
 * write is answered 503 naming `primaryUrl`, the instance that takes writes (docs/scaling.md).
 */
import { DEFAULT_INPUT_LIMITS, type InputLimits, WarmEvaluations } from "@tijian/core"
import { existsSync, mkdirSync, readFileSync } from "node:fs"
import { availableParallelism } from "node:os"
import { dirname, resolve } from "node:path"
import { ORIGIN } from "./cors.js"
import { REFERENCE_REGION_SETS, type ReferenceRegionSet } from "./referenceRegions.js"
import type { ApiSettings } from "./http.js"
import { BUILTIN_PLUGIN_IDS, findPluginPackage } from "./plugins.js"

/** What the server needs to start. Fields beyond port, host and database default as in `defaults`. */
export interface ServerConfig {
  readonly port: number
  readonly host: string
  /** An absolute path to the SQLite file, `":memory:"`, or a `postgres://` URL. */
  readonly database: string
  /** Ids of the built-in plugins and names of installed plugin packages to enable (e.g. `["rail", "tijian-plugin-water"]`). Default: every built-in. */
  readonly plugins?: ReadonlyArray<string>
  /** The reference regions: `yrd` (the YRD reference set) or `national` (every county of mainland China, the YRD's curated names kept). */
  readonly regions?: ReferenceRegionSet
  readonly readsNeedToken?: boolean
  /** Largest request body, in bytes. */
  readonly maxBodyBytes?: number
  /** How long a calculator run over HTTP may take, in milliseconds. */
  readonly calculatorTimeoutMs?: number
  /** Days until a new token expires when `--expires-in-days` is not given; null: tokens never expire. */
  readonly tokenDefaultExpiryDays?: number | null
  /** Requests per token (or client address) per minute before a 429; 0 turns the limit off. */
  readonly rateLimitPerMinute?: number
  /** Bytes of rendered pages kept in memory (live reports, editions); 0 keeps none. */
  readonly pageCacheBytes?: number
  /** Live reports kept evaluated (core's `WarmEvaluations`), least recently used out; 0 keeps none. */
  readonly warmReports?: number
  /** Origins whose pages may read public data across sites (CORS for reads; `*` for any); empty: off. */
  readonly corsOrigins?: ReadonlyArray<string>
  /** Calculator runs at once (each in its own thread); one more is a 429. */
  readonly calculatorMaxJobs?: number
  /** Heap of each calculator thread, in MiB. */
  readonly calculatorMaxHeapMb?: number
  /** How large an uploaded file may grow once read (see core's `InputLimits`). */
  readonly inputLimits?: InputLimits
  /** Write one JSON access-log line per request on stdout (see `requestLog.ts`). The configuration read from the file and the environment turns it on unless `accessLog` is false; a config object made in code without it is quiet. */
  readonly accessLog?: boolean
  /** Serve reads only, from a read replica or a copy: no migrations, no reference data loaded, writes answered 503. */
  readonly readOnly?: boolean
  /** The base URL of the instance that takes writes (`http(s)://...`), named in a read-only instance's refusals. */
  readonly primaryUrl?: string | null
}

/** The configuration with every field resolved. */
export type Config = Required<ServerConfig> & {
  /** The config file that was read, if any (absolute path). */
  readonly file: string | null
}

/** Defaults used when neither the file nor a variable sets a value. */
export const defaults = {
  port: 8787,
  host: "127.0.0.1",
  database: "data/tijian.sqlite",
  maxBodyMb: 200,
  calculatorTimeoutSeconds: 300,
  rateLimitPerMinute: 6000,
  pageCacheMb: 64,
  calculatorMaxHeapMb: 2048,
  configFile: "tijian.config.json",
} as const

/** A configuration value that cannot be used; the message names the variable or file key and says what fits. */
export class ConfigError extends Error {
  override readonly name = "ConfigError"
}

/** Where a raw value was read, and the directory the command runs in (plugin packages are found from there). */
type Source =
  | { readonly kind: "env"; readonly name: string; readonly cwd: string }
  | { readonly kind: "file"; readonly key: string; readonly file: string; readonly cwd: string }

const where = (s: Source) => (s.kind === "env" ? s.name : `"${s.key}" in ${s.file}`)

const fail = (s: Source, expected: string, got: unknown): never => {
  throw new ConfigError(`${where(s)} must be ${expected}, not ${JSON.stringify(got)}`)
}

const parseNumber = (s: Source, v: unknown, expected: string, ok: (n: number) => boolean): number => {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : Number.NaN
  return Number.isFinite(n) && ok(n) ? n : fail(s, expected, v)
}

const parsers = {
  regions: (s: Source, v: unknown): ReferenceRegionSet =>
    typeof v === "string" && (REFERENCE_REGION_SETS as ReadonlyArray<string>).includes(v.trim()) ? (v.trim() as ReferenceRegionSet) : fail(s, REFERENCE_REGION_SETS.join(" or "), v),
  port: (s: Source, v: unknown) => parseNumber(s, v, "a whole number between 0 and 65535", (n) => Number.isInteger(n) && n <= 65535),
  text: (s: Source, v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : fail(s, "a non-empty text", v)),
  boolean: (s: Source, v: unknown): boolean => {
    if (typeof v === "boolean") return v
    const t = typeof v === "string" ? v.trim().toLowerCase() : ""
    return t === "true" ? true : t === "false" ? false : fail(s, "true or false", v)
  },
  positive: (s: Source, v: unknown) => parseNumber(s, v, "a positive number", (n) => n > 0),
  size: (s: Source, v: unknown) => parseNumber(s, v, "a number of MiB (0 or more)", () => true),
  count: (s: Source, v: unknown) => parseNumber(s, v, "a whole number (0 or more)", (n) => Number.isInteger(n)),
  days: (s: Source, v: unknown) => parseNumber(s, v, "a positive whole number of days", (n) => Number.isInteger(n) && n > 0),
  jobs: (s: Source, v: unknown) => parseNumber(s, v, "a positive whole number of runs", (n) => Number.isInteger(n) && n > 0),
  origins: (s: Source, v: unknown): ReadonlyArray<string> => {
    const list = Array.isArray(v) && v.every((x) => typeof x === "string") ? v.map((x) => x.trim()) : typeof v === "string" ? v.split(",").map((x) => x.trim()) : fail(s, 'a list of origins such as ["https://www.ndrc.gov.cn"]', v)
    const chosen = list.filter((x) => x !== "").map((x) => x.replace(/\/$/, ""))
    const bad = chosen.filter((x) => !ORIGIN.test(x))
    if (bad.length > 0) throw new ConfigError(`${where(s)} lists ${bad.map((b) => `"${b}"`).join(", ")}, which is not an origin: write the scheme and host (and port) only, e.g. https://www.ndrc.gov.cn, or * for any`)
    return [...new Set(chosen)]
  },
  url: (s: Source, v: unknown): string => {
    const t = typeof v === "string" ? v.trim().replace(/\/$/, "") : ""
    return /^https?:\/\/[^\s/]+(\/\S*)?$/.test(t) ? t : fail(s, "an http(s) URL such as https://tijian.example.gov.cn", v)
  },
  plugins: (s: Source, v: unknown): ReadonlyArray<string> => {
    const ids = Array.isArray(v) && v.every((x) => typeof x === "string") ? v.map((x) => x.trim()) : typeof v === "string" ? v.split(",").map((x) => x.trim()) : fail(s, "a list of plugin ids", v)
    const chosen = ids.filter((x) => x !== "")
    const unknown = chosen.filter((x) => !BUILTIN_PLUGIN_IDS.includes(x) && findPluginPackage(x, s.cwd) === undefined)
    if (unknown.length > 0) {
      throw new ConfigError(
        `${where(s)} names unknown plugin(s) ${unknown.join(", ")}; the built-in plugins are ${BUILTIN_PLUGIN_IDS.join(", ")}, ` +
          `and no package of that name is installed in ${s.cwd} or a directory above it`,
      )
    }
    if (chosen.length === 0) fail(s, `at least one of ${BUILTIN_PLUGIN_IDS.join(", ")}`, v)
    return [...new Set(chosen)]
  },
}

/** Each setting: its file key, its variable, and how a raw value becomes a typed one. */
const fields = {
  port: { key: "port", env: "PORT", parse: parsers.port },
  host: { key: "host", env: "HOST", parse: parsers.text },
  database: { key: "database", env: "TIJIAN_DB", parse: parsers.text },
  plugins: { key: "plugins", env: "TIJIAN_PLUGINS", parse: parsers.plugins },
  regions: { key: "regions", env: "TIJIAN_REGIONS", parse: parsers.regions },
  readsNeedToken: { key: "readsNeedToken", env: "TIJIAN_READS_NEED_TOKEN", parse: parsers.boolean },
  maxBodyMb: { key: "maxBodyMb", env: "TIJIAN_MAX_BODY_MB", parse: parsers.positive },
  tokenDefaultExpiryDays: { key: "tokenDefaultExpiryDays", env: "TIJIAN_TOKEN_DEFAULT_EXPIRY_DAYS", parse: parsers.days },
  calculatorTimeoutSeconds: { key: "calculatorTimeoutSeconds", env: "TIJIAN_CALCULATOR_TIMEOUT_SECONDS", parse: parsers.positive },
  rateLimitPerMinute: { key: "rateLimitPerMinute", env: "TIJIAN_RATE_LIMIT_PER_MINUTE", parse: parsers.count },
  pageCacheMb: { key: "pageCacheMb", env: "TIJIAN_PAGE_CACHE_MB", parse: parsers.size },
  warmReports: { key: "warmReports", env: "TIJIAN_WARM_REPORTS", parse: parsers.count },
  corsOrigins: { key: "corsOrigins", env: "TIJIAN_CORS_ORIGINS", parse: parsers.origins },
  calculatorMaxJobs: { key: "calculatorMaxJobs", env: "TIJIAN_CALCULATOR_MAX_JOBS", parse: parsers.jobs },
  calculatorMaxHeapMb: { key: "calculatorMaxHeapMb", env: "TIJIAN_CALCULATOR_MAX_HEAP_MB", parse: parsers.positive },
  accessLog: { key: "accessLog", env: "TIJIAN_ACCESS_LOG", parse: parsers.boolean },
  readOnly: { key: "readOnly", env: "TIJIAN_READ_ONLY", parse: parsers.boolean },
  primaryUrl: { key: "primaryUrl", env: "TIJIAN_PRIMARY_URL", parse: parsers.url },
} as const

/** The input limits: a key of the file's `inputLimits` object, its variable, and its scale to core's unit. */
const limitFields = {
  maxUnpackedMb: { limit: "maxUnpackedBytes", env: "TIJIAN_MAX_UNPACKED_MB", scale: 1024 * 1024 },
  maxEntries: { limit: "maxEntries", env: "TIJIAN_MAX_ENTRIES", scale: 1 },
  maxRows: { limit: "maxRows", env: "TIJIAN_MAX_ROWS", scale: 1 },
  maxFeatures: { limit: "maxFeatures", env: "TIJIAN_MAX_FEATURES", scale: 1 },
  maxVertices: { limit: "maxVertices", env: "TIJIAN_MAX_VERTICES", scale: 1 },
  maxRasterPixels: { limit: "maxRasterPixels", env: "TIJIAN_MAX_RASTER_PIXELS", scale: 1 },
} as const satisfies Record<string, { readonly limit: keyof InputLimits; readonly env: string; readonly scale: number }>

/** The input limits from the file's `inputLimits` object and the variables (which win), over core's defaults. */
const inputLimitsOf = (content: Readonly<Record<string, unknown>>, file: string | null, env: Readonly<Record<string, string | undefined>>, cwd: string): InputLimits => {
  const raw = content.inputLimits
  let fromFile: Readonly<Record<string, unknown>> = {}
  if (raw !== undefined && raw !== null && file !== null) {
    if (typeof raw !== "object" || Array.isArray(raw)) fail({ kind: "file", key: "inputLimits", file, cwd }, `an object such as {"maxRows": 1000000}`, raw)
    fromFile = raw as Record<string, unknown>
    const unknown = Object.keys(fromFile).filter((k) => !(k in limitFields))
    if (unknown.length > 0) {
      throw new ConfigError(`unknown key(s) ${unknown.map((k) => `"inputLimits.${k}"`).join(", ")} in ${file}; the known keys are ${Object.keys(limitFields).join(", ")}`)
    }
  }
  const limits: Record<keyof InputLimits, number> = { ...DEFAULT_INPUT_LIMITS }
  for (const [key, f] of Object.entries(limitFields)) {
    const positive = (source: Source, v: unknown) => parseNumber(source, v, key === "maxUnpackedMb" ? "a positive number of MiB" : "a positive whole number", (n) => n > 0 && (key === "maxUnpackedMb" || Number.isInteger(n)))
    const variable = env[f.env]
    const value =
      variable !== undefined && variable.trim() !== ""
        ? positive({ kind: "env", name: f.env, cwd }, variable)
        : fromFile[key] !== undefined && file !== null
          ? positive({ kind: "file", key: `inputLimits.${key}`, file, cwd }, fromFile[key])
          : undefined
    if (value !== undefined) limits[f.limit] = Math.round(value * f.scale)
  }
  return limits
}

type Field = keyof typeof fields
type Value<F extends Field> = ReturnType<(typeof fields)[F]["parse"]>

/** Reads and checks the config file: a JSON object with only known keys. */
const readFile = (path: string): Readonly<Record<string, unknown>> => {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"))
  } catch (e) {
    throw new ConfigError(`cannot read the config file ${path}: ${e instanceof Error ? e.message : String(e)}`)
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`the config file ${path} must hold a JSON object such as {"port": 8787, "database": "data/tijian.sqlite"}`)
  }
  const known = [...Object.values(fields).map((f) => f.key as string), "inputLimits"]
  const unknown = Object.keys(parsed).filter((k) => !known.includes(k))
  if (unknown.length > 0) {
    throw new ConfigError(`unknown key(s) ${unknown.map((k) => `"${k}"`).join(", ")} in ${path}; the known keys are ${known.join(", ")}`)
  }
  return parsed as Record<string, unknown>
}

/** Which config file to read: `$TIJIAN_CONFIG` (must exist), else `tijian.config.json` in `cwd` if present. */
const configFileOf = (env: Readonly<Record<string, string | undefined>>, cwd: string): string | null => {
  const named = env.TIJIAN_CONFIG?.trim()
  if (named) {
    const path = resolve(cwd, named)
    if (!existsSync(path)) throw new ConfigError(`TIJIAN_CONFIG names ${path}, which does not exist; fix the path or unset TIJIAN_CONFIG`)
    return path
  }
  const fallback = resolve(cwd, defaults.configFile)
  return existsSync(fallback) ? fallback : null
}

/**
 * Reads the configuration: the config file (see the module comment), then the environment `env` (pass
 * `process.env`), relative paths taken from `cwd`. Throws a `ConfigError` naming the variable or file key of
 * any invalid value. Touches nothing on disk but reading the file: see `ensureDatabaseDirectory`.
 *
 * @example
 * configFromEnv({ PORT: "9000", TIJIAN_MAX_BODY_MB: "50" }, "/srv/tijian")
 * // { port: 9000, host: "127.0.0.1", database: "/srv/tijian/data/tijian.sqlite", maxBodyBytes: 52428800, ... }
 */
export const configFromEnv = (env: Readonly<Record<string, string | undefined>>, cwd: string = process.cwd()): Config => {
  const file = configFileOf(env, cwd)
  const content = file === null ? {} : readFile(file)
  const setting = <F extends Field>(name: F): { value: Value<F>; base: string } | undefined => {
    const f = fields[name]
    const raw = env[f.env]
    if (raw !== undefined && raw.trim() !== "") return { value: f.parse({ kind: "env", name: f.env, cwd }, raw) as Value<F>, base: cwd }
    const fromFile = content[f.key]
    if (fromFile === undefined || fromFile === null || file === null) return undefined
    return { value: f.parse({ kind: "file", key: f.key, file, cwd }, fromFile) as Value<F>, base: dirname(file) }
  }
  const databaseUrl = env.DATABASE_URL?.trim()
  const database = databaseUrl ? { value: databaseUrl, base: cwd } : (setting("database") ?? { value: defaults.database, base: cwd })
  return {
    file,
    port: setting("port")?.value ?? defaults.port,
    host: setting("host")?.value ?? defaults.host,
    database: database.value === ":memory:" || isPostgresUrl(database.value) ? database.value : resolve(database.base, database.value),
    plugins: setting("plugins")?.value ?? BUILTIN_PLUGIN_IDS,
    regions: setting("regions")?.value ?? "yrd",
    readsNeedToken: setting("readsNeedToken")?.value ?? false,
    maxBodyBytes: Math.round((setting("maxBodyMb")?.value ?? defaults.maxBodyMb) * 1024 * 1024),
    calculatorTimeoutMs: Math.round((setting("calculatorTimeoutSeconds")?.value ?? defaults.calculatorTimeoutSeconds) * 1000),
    tokenDefaultExpiryDays: setting("tokenDefaultExpiryDays")?.value ?? null,
    rateLimitPerMinute: setting("rateLimitPerMinute")?.value ?? defaults.rateLimitPerMinute,
    pageCacheBytes: Math.round((setting("pageCacheMb")?.value ?? defaults.pageCacheMb) * 1024 * 1024),
    warmReports: setting("warmReports")?.value ?? WarmEvaluations.DEFAULT_MAX_WARM_ENTRIES,
    corsOrigins: setting("corsOrigins")?.value ?? [],
    calculatorMaxJobs: setting("calculatorMaxJobs")?.value ?? availableParallelism(),
    calculatorMaxHeapMb: setting("calculatorMaxHeapMb")?.value ?? defaults.calculatorMaxHeapMb,
    inputLimits: inputLimitsOf(content, file, env, cwd),
    accessLog: setting("accessLog")?.value ?? true,
    readOnly: setting("readOnly")?.value ?? false,
    primaryUrl: setting("primaryUrl")?.value ?? null,
  }
}

/** The API settings of a configuration, as `makeApp` takes them. */
export const apiSettingsOf = (config: ServerConfig): Partial<ApiSettings> => ({
  ...(config.readsNeedToken !== undefined ? { readsNeedToken: config.readsNeedToken } : {}),
  ...(config.maxBodyBytes !== undefined ? { maxBodyBytes: config.maxBodyBytes } : {}),
  ...(config.calculatorTimeoutMs !== undefined ? { calculatorTimeoutMs: config.calculatorTimeoutMs } : {}),
  ...(config.rateLimitPerMinute !== undefined ? { rateLimit: { requests: config.rateLimitPerMinute, windowSeconds: 60 } } : {}),
  ...(config.pageCacheBytes !== undefined ? { pageCacheBytes: config.pageCacheBytes } : {}),
  ...(config.corsOrigins !== undefined && config.corsOrigins.length > 0 ? { corsOrigins: config.corsOrigins } : {}),
  ...(config.calculatorMaxJobs !== undefined ? { calculatorMaxJobs: config.calculatorMaxJobs } : {}),
  ...(config.calculatorMaxHeapMb !== undefined ? { calculatorMaxHeapMb: config.calculatorMaxHeapMb } : {}),
  ...(config.inputLimits !== undefined ? { inputLimits: config.inputLimits } : {}),
  ...(config.readOnly ? { readOnly: true } : {}),
  ...(config.primaryUrl ? { primaryUrl: config.primaryUrl } : {}),
})

/** Whether a database setting is a PostgreSQL URL rather than a SQLite path. */
export const isPostgresUrl = (database: string): boolean => /^postgres(ql)?:\/\//.test(database)

/** Creates the directory that will hold the SQLite file (nothing for `:memory:` or PostgreSQL). */
export const ensureDatabaseDirectory = (database: string): void => {
  if (database === ":memory:" || isPostgresUrl(database)) return
  try {
    mkdirSync(dirname(database), { recursive: true })
  } catch (e) {
    throw new ConfigError(`cannot create the directory of the database ${database} (TIJIAN_DB or "database"): ${e instanceof Error ? e.message : String(e)}`)
  }
}
