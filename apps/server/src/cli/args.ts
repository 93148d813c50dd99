/**
 * Reading a command's arguments with Node's `util.parseArgs`, turning its errors into `UsageError`s that name
 * the option and list the command's options.
 */
import { parseArgs, type ParseArgsConfig } from "node:util"
import { UsageError } from "./io.js"

type Options = NonNullable<ParseArgsConfig["options"]>

/** A command's parsed options and positional arguments, and whether `--help` was asked for. */
export interface ParsedArgs<O extends Options> {
  readonly values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>["values"]
  readonly positionals: ReadonlyArray<string>
  readonly help: boolean
}

/**
 * Parses `argv` against `options` (plus `--help`/`-h`). Unknown options and options missing their value are
 * usage errors carrying `usage`.
 *
 * @example
 * readArgs(["--role", "admin"], { role: { type: "string" } }, usage) // { values: { role: "admin" }, positionals: [], help: false }
 */
export const readArgs = <O extends Options>(argv: ReadonlyArray<string>, options: O, usage: string): ParsedArgs<O> => {
  const names = Object.keys(options).map((n) => `--${n}`)
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    })
    const { help, ...rest } = values as Record<string, unknown>
    return { values: rest as ParsedArgs<O>["values"], positionals, help: help === true }
  } catch (e) {
    const code = (e as { code?: string }).code
    const message = e instanceof Error ? e.message : String(e)
    const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? "an option"
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      throw new UsageError(`unknown option ${option}; the options here are ${[...names, "--help"].join(", ")}`, usage)
    }
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw new UsageError(`${option} needs a value (e.g. ${option} <value>)`, usage)
    throw new UsageError(message, usage)
  }
}

/** The value of a required string option, or a usage error naming it. */
export const required = (value: string | undefined, name: string, usage: string): string => {
  if (value === undefined || value.trim() === "") throw new UsageError(`--${name} is required`, usage)
  return value.trim()
}

/** A positive whole number from an option, or a usage error naming the option. */
export const positiveInteger = (value: string, name: string, usage: string): number => {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`--${name} must be a positive whole number, not "${value}"`, usage)
  return n
}

/** Splits repeated `key=value` options into pairs, or a usage error showing the expected form. */
export const keyValues = (values: ReadonlyArray<string> | undefined, name: string, usage: string): Array<[string, string]> =>
  (values ?? []).map((v) => {
    const at = v.indexOf("=")
    if (at <= 0) throw new UsageError(`--${name} must look like ${name === "input" ? "name=path" : "key=value"}, not "${v}"`, usage)
    return [v.slice(0, at).trim(), v.slice(at + 1)]
  })
