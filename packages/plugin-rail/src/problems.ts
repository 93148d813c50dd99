/**
 * Building `CalculatorError`s: every problem names the input file (`gtfs/stop_times.txt`, `population`), and where
 * known the row (the line number in the file, the header being row 1) and the field.
 */
import { CalculatorError, type InputProblem } from "@tijian/core/plugin"

/** Where a problem is, as one readable phrase: `gtfs/stop_times.txt row 4, field arrival_time`. */
export const locate = (p: InputProblem): string =>
  `${p.file}${p.row !== undefined ? ` row ${p.row}` : ""}${p.field !== undefined ? `, field ${p.field}` : ""}`

/** Collects the problems of one input (up to `limit`, so a broken file does not produce a million). */
export class ProblemLog {
  private readonly list: Array<InputProblem> = []
  private total = 0

  constructor(readonly limit = 25) {}

  /** Records a problem. */
  add(problem: InputProblem): void {
    this.total++
    if (this.list.length < this.limit) this.list.push(problem)
  }

  /** The number of problems recorded (including those beyond the limit). */
  get count(): number {
    return this.total
  }

  /** Whether the limit is reached (callers may stop reading). */
  get full(): boolean {
    return this.total >= this.limit
  }

  /** Throws a `CalculatorError` listing the problems, if there are any. `what` names the input, e.g. "GTFS feed feed.zip". */
  throwIfAny(what: string): void {
    if (this.total === 0) return
    const first = this.list[0]!
    const more = this.total > 1 ? ` (and ${this.total - 1} more problem${this.total > 2 ? "s" : ""}${this.total > this.list.length ? `, first ${this.list.length} listed` : ""})` : ""
    throw new CalculatorError({
      reason: "invalid-input",
      message: `${what} is invalid: ${locate(first)}: ${first.message}${more}; nothing was computed`,
      problems: this.list,
    })
  }
}

/** A `CalculatorError` for one bad input problem. */
export const inputError = (problem: InputProblem): CalculatorError =>
  new CalculatorError({ reason: "invalid-input", message: `${locate(problem)}: ${problem.message}`, problems: [problem] })

/** A `CalculatorError` for a bad parameter value. */
export const parameterError = (name: string, message: string): CalculatorError =>
  new CalculatorError({
    reason: "invalid-parameter",
    message: `parameter "${name}": ${message}`,
    problems: [{ file: "params", field: name, message }],
  })

/** A `CalculatorError` for a run given up by the caller (time budget, client gone). */
export const abortedError = (): CalculatorError =>
  new CalculatorError({ reason: "timeout", message: "the calculation was aborted before it finished (time budget or caller gone); nothing was computed", problems: [] })
