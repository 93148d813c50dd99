/**
 * Turning any failure of a command into a message on stderr and an exit code: usage errors (2) show the
 * usage; everything else (1) says what is wrong and lists every problem with its row, file or field.
 */
import { CalculatorError, CompositeError, InvalidObservations, NotFound, RegistryError, StorageError, WriteConflict } from "@tijian/core"
import { ConfigError } from "../config.js"
import { BadRequest, Forbidden } from "../errors.js"
import { type CliIo, EXIT, UsageError, UserError } from "./io.js"

/** One listed problem: the file row or batch index, the file, the field, and the message. */
interface Problem {
  readonly index?: number
  readonly row?: number
  readonly file?: string
  readonly field?: string
  readonly message: string
}

/**
 * A problem as one indented line. File problems name their row (as in Excel); problems of a batch of computed
 * values (`calc --commit`) name the value by its 1-based position.
 *
 * @example
 * problemLine({ file: "counts", row: 3, field: "trees", message: '"lots" is not a number' }) // '  counts, row 3, trees: "lots" is not a number'
 */
export const problemLine = (p: Problem): string => {
  const position = p.row !== undefined ? `row ${p.row}` : p.index !== undefined ? `value ${p.index + 1}` : undefined
  const where = [p.file, position, p.field].filter((x) => x !== undefined && x !== "")
  return `  ${where.length > 0 ? `${where.join(", ")}: ` : ""}${p.message}`
}

const problemsOf = (e: unknown): ReadonlyArray<Problem> => {
  if (e instanceof InvalidObservations || e instanceof CalculatorError) return e.problems
  if ((e instanceof Forbidden || e instanceof BadRequest) && Array.isArray(e.details)) return e.details as ReadonlyArray<Problem>
  return []
}

const known = (e: unknown) =>
  e instanceof UserError ||
  e instanceof ConfigError ||
  e instanceof InvalidObservations ||
  e instanceof CalculatorError ||
  e instanceof CompositeError ||
  e instanceof WriteConflict ||
  e instanceof NotFound ||
  e instanceof Forbidden ||
  e instanceof BadRequest ||
  e instanceof StorageError ||
  e instanceof RegistryError

/**
 * Writes the failure to stderr and returns the exit code.
 *
 * @example
 * reportFailure(new UserError("no token with id 3f2a"), io) // stderr "error: no token with id 3f2a\n"; 1
 */
export const reportFailure = (e: unknown, io: CliIo): number => {
  if (e instanceof UsageError) {
    io.stderr(`error: ${e.message}\n\n${e.usage}`)
    return EXIT.usage
  }
  if (known(e)) {
    const error = e as Error
    io.stderr(`error: ${error.message}\n`)
    for (const p of problemsOf(e)) io.stderr(`${problemLine(p)}\n`)
    return EXIT.failed
  }
  io.stderr(`error: unexpected failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  return EXIT.failed
}
