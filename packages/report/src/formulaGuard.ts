/**
 * The guard against formula injection (OWASP's advice for CSV, and for any text a spreadsheet opens): text that a
 * spreadsheet would run as a formula, starting with `=`, `+`, `-`, `@`, tab or carriage return, and that is not a
 * number, is written with a leading apostrophe. Text that already starts with apostrophes before such a character
 * gets one more, so that `unguardFormula` gives back exactly what was guarded.
 */

const FORMULA_LIKE = /^'*[=+\-@\t\r]/
const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i

/** Whether text (apostrophes before it left aside) would be read as a formula. */
const needsGuard = (text: string) => FORMULA_LIKE.test(text) && !NUMBER.test(text.replace(/^'+/, ""))

/**
 * Text as written to a spreadsheet cell or a CSV field: formula-like text with one more leading apostrophe.
 *
 * @example
 * guardFormula("=HYPERLINK(\"x\")") // "'=HYPERLINK(\"x\")"
 * guardFormula("-12.5")             // "-12.5" (a number, not a formula)
 * guardFormula("'=1")               // "''=1"
 */
export const guardFormula = (text: string): string => (needsGuard(text) ? `'${text}` : text)

/**
 * Text as it was before `guardFormula`: one leading apostrophe removed from guarded text, any other text unchanged.
 *
 * @example
 * unguardFormula("'=HYPERLINK(\"x\")") // "=HYPERLINK(\"x\")"
 * unguardFormula("''=1")               // "'=1"
 * unguardFormula("'hello")             // "'hello" (not a guard)
 */
export const unguardFormula = (text: string): string => (text.startsWith("'") && needsGuard(text) ? text.slice(1) : text)
