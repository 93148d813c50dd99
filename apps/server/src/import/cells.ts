/**
 * Reading one cell of an uploaded file: a value must be a plain number (a decimal point, no thousands
 * separators, no unit, no percent sign), a year a whole number, a revision a whole number or empty, a status
 * provisional or final. Each refusal says what was found and how to write it instead.
 */
import type { Indicator } from "@tijian/core"
import { type Cell, cellText, isBlank } from "./sheet.js"

/** A cell read: the value, or what is wrong with it (a message for the person who fills in the file). */
export type CellRead<A> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly problem: string }

const ok = <A>(value: A): CellRead<A> => ({ ok: true, value })
const refuse = <A>(problem: string): CellRead<A> => ({ ok: false, problem })

const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`
const PLAIN = new RegExp(`^${NUMBER}$`)
const PERCENT = new RegExp(`^(${NUMBER})\\s*%$`)
const WITH_UNIT = new RegExp(`^(${NUMBER})\\s*([^\\d\\s.,+-].*)$`)
const FULL_WIDTH = /[\uFF0B\uFF0C\uFF0D\uFF0E\uFF05\uFF10-\uFF19\u3002]/g
const EUROPEAN = /^[+-]?\d{1,3}(?:\.\d{3})+,\d+$/
const COMMA_THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/
const SPACE_THOUSANDS = /^[+-]?\d{1,3}(?:[ \u00a0\u202f'’]\d{3})+(?:[.,]\d+)?$/
const DECIMAL_COMMA = /^[+-]?\d*,\d+$/

/** Full-width digits and signs (as typed with a Chinese input method) as their ASCII forms. */
const toHalfWidth = (text: string) =>
  text.replace(FULL_WIDTH, (ch) => (ch === "\u3002" ? "." : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)))

/** A number as written plainly, without floating-point noise (0.45, not 0.45000000000000001). */
const plain = (n: number) => String(Number(n.toPrecision(12)))

const unitHint = (indicator: Indicator | undefined) => (indicator ? ` (${indicator.id} is in ${indicator.unit.en})` : "")

/**
 * Reads a value cell. `indicator` (when the row names a known one) makes the hints precise, e.g. whether a
 * percentage should be written as a share.
 *
 * @example
 * readValue("12.5")      // { ok: true, value: 12.5 }
 * readValue("12,5")      // problem: '"12,5" uses a decimal comma; write 12.5 with a decimal point'
 * readValue("1,234,567") // problem: '"1,234,567" has thousands separators; write 1234567 without them'
 * readValue("12.5 km2")  // problem: '"12.5 km2" has a unit ("km2"); write the number alone: 12.5'
 */
export const readValue = (cell: Cell, indicator?: Indicator): CellRead<number> => {
  if (typeof cell === "number") return Number.isFinite(cell) ? ok(cell) : refuse(`value ${cell} is not a finite number`)
  const text = cellText(cell)
  if (text === "") return refuse("value is empty: write the number, or delete the row if there is no value")
  if (PLAIN.test(text)) return ok(Number(text))
  const half = toHalfWidth(text)
  if (half !== text) {
    const again = readValue(half, indicator)
    return refuse(`"${text}" is written with full-width characters; write it with half-width (ASCII) digits${again.ok ? `: ${half}` : ""}`)
  }
  const percent = PERCENT.exec(text)
  if (percent) {
    const n = Number(percent[1])
    if (indicator?.format === "percent") {
      return refuse(`"${text}" is a percentage; write the share ${plain(n / 100)} (${indicator.id} is a share between 0 and 1)`)
    }
    return refuse(
      indicator
        ? `"${text}" has a percent sign; write the number alone: ${plain(n)}${unitHint(indicator)}`
        : `"${text}" has a percent sign; write a plain number: ${plain(n / 100)} for a share, ${plain(n)} for an index`,
    )
  }
  if (EUROPEAN.test(text)) {
    return refuse(`"${text}" uses a decimal comma and points between thousands; write ${text.replace(/\./g, "").replace(",", ".")}`)
  }
  if (COMMA_THOUSANDS.test(text)) {
    const digits = text.replace(/,/g, "")
    if (text.split(",").length === 2 && !text.includes(".")) {
      return refuse(`"${text}" has a comma: write ${digits} if it separates thousands, or ${text.replace(",", ".")} if it is a decimal comma`)
    }
    return refuse(`"${text}" has thousands separators; write ${digits} without them`)
  }
  if (SPACE_THOUSANDS.test(text)) {
    return refuse(`"${text}" has thousands separators; write ${text.replace(/[ \u00a0\u202f'’]/g, "").replace(",", ".")} without them`)
  }
  if (DECIMAL_COMMA.test(text)) return refuse(`"${text}" uses a decimal comma; write ${text.replace(",", ".")} with a decimal point`)
  const unit = WITH_UNIT.exec(text)
  if (unit) return refuse(`"${text}" has a unit ("${unit[2]}"); write the number alone: ${unit[1]}${unitHint(indicator)}`)
  return refuse(`"${text}" is not a number; write a plain number such as 12.5 (a decimal point, no thousands separators, no unit)`)
}

/**
 * Reads a year cell: a whole number (its range is checked with the other rules of a value).
 *
 * @example
 * readYear("2023") // { ok: true, value: 2023 }
 * readYear("2023.5") // problem: 'year "2023.5" is not a whole number; write the year as digits, e.g. 2023'
 */
export const readYear = (cell: Cell): CellRead<number> => {
  if (typeof cell === "number") {
    return Number.isInteger(cell) ? ok(cell) : refuse(`year ${cell} is not a whole number; write the year as digits, e.g. 2023`)
  }
  const text = cellText(cell)
  if (text === "") return refuse("year is empty; write the year as digits, e.g. 2023")
  if (/^\d+(?:\.0*)?$/.test(text)) return ok(Number(text))
  return refuse(`year "${text}" is not a whole number; write the year as digits, e.g. 2023`)
}

/** Reads a revision cell: empty (a new value) or the whole number of the revision the row revises. */
export const readRevision = (cell: Cell): CellRead<number | undefined> => {
  if (isBlank(cell)) return ok(undefined)
  const text = cellText(cell)
  if (/^\d+(?:\.0*)?$/.test(text)) return ok(Number(text))
  return refuse(`revision "${text}" must be the whole number of the revision this row revises (as the template gives it), or empty for a new value`)
}

/** Reads a status cell: empty (final), provisional or final, in any letter case. */
export const readStatus = (cell: Cell): CellRead<"provisional" | "final" | undefined> => {
  const text = cellText(cell).toLowerCase()
  if (text === "") return ok(undefined)
  if (text === "provisional" || text === "final") return ok(text)
  return refuse(`status "${cellText(cell)}" must be provisional or final (empty means final)`)
}
