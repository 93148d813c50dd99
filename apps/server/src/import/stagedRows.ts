/**
 * The checked rows of an import, held column by column (typed arrays and interned strings) between reading the
 * file and storing it: a million rows take about 40 MB here instead of a million row objects, and the store is
 * handed one chunk of row objects at a time. Also finds cells given twice, by sorting numeric cell keys.
 */
import { codesOfBreakdown, type NewObservation } from "@tijian/core"
import { storedTexts, TRANSLATED_FIELDS, type TranslatedField } from "../bilingualText.js"
import type { IncomingRow } from "../writes.js"
import { DEFAULT_SOURCE } from "../writes.js"

/** A growable column of numbers. */
class Column<T extends Float64Array | Int32Array> {
  length = 0
  constructor(
    private data: T,
    private readonly make: (size: number) => T,
  ) {}
  push(x: number) {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2)
      bigger.set(this.data)
      this.data = bigger
    }
    this.data[this.length++] = x
  }
  at(i: number): number {
    return this.data[i]!
  }
  view(): T {
    return this.data.subarray(0, this.length) as T
  }
}

const float64 = () => new Column(new Float64Array(1024), (n) => new Float64Array(n))
const int32 = () => new Column(new Int32Array(1024), (n) => new Int32Array(n))

/** Strings interned to small integers. */
class Interned {
  readonly values: Array<string> = []
  private readonly index = new Map<string, number>()
  of(text: string): number {
    let i = this.index.get(text)
    if (i === undefined) {
      i = this.values.length
      this.values.push(text)
      this.index.set(text, i)
    }
    return i
  }
}

const STATUS = [undefined, "provisional", "final"] as const
const REGION_BITS = 2 ** 20
const YEAR_BITS = 2 ** 14

/** A cell given by two rows: the later row, and the row that gave it first. */
export interface DuplicateCell {
  readonly row: number
  readonly firstRow: number
  readonly indicator: string
  readonly region: string
  readonly year: number
  /** The breakdown key ("" for a total). */
  readonly breakdown: string
}

/** What a cell key is made of besides region and year: the indicator and the breakdown, as one interned text. */
const SERIES = "\u0000"

/** The rows of an import, in file order, with their spreadsheet row numbers. */
export class StagedRows {
  private readonly indicators = new Interned()
  private readonly breakdowns = new Interned()
  // indicator and breakdown together, for cell keys
  private readonly series = new Interned()
  private readonly regions = new Interned()
  private readonly sources = new Interned()
  private readonly notes = new Map<number, string>()
  // sources and notes per language, for the few rows that have them
  private readonly translations = new Map<number, Pick<IncomingRow, TranslatedField>>()
  private readonly indicator = int32()
  private readonly breakdown = int32()
  private readonly region = int32()
  private readonly source = int32()
  private readonly year = int32()
  private readonly value = float64()
  private readonly status = int32()
  private readonly revision = int32()
  private readonly rows = int32()
  // every row's cell key (also of rows not staged), for finding cells given twice
  private readonly keys = float64()
  private readonly keyRows = int32()

  /** How many rows are staged. */
  get length(): number {
    return this.rows.length
  }

  /** Notes a row's cell (any row whose year is a whole number), to find cells given twice; `breakdown` "" for a total. */
  noteCell(row: number, data: { readonly indicator: string; readonly region: string; readonly year: number }, breakdown = ""): void {
    const i = this.series.of(`${data.indicator}${SERIES}${breakdown}`)
    const r = this.regions.of(data.region)
    if (!Number.isInteger(data.year) || data.year < 0 || data.year >= YEAR_BITS || r >= REGION_BITS || i >= 2 ** 18) return
    this.keys.push((i * REGION_BITS + r) * YEAR_BITS + data.year)
    this.keyRows.push(row)
  }

  /** Stages a checked row; `breakdown` is its canonical key ("" for a total). */
  push(row: number, data: IncomingRow, breakdown = ""): void {
    this.rows.push(row)
    this.indicator.push(this.indicators.of(data.indicator))
    this.breakdown.push(this.breakdowns.of(breakdown))
    this.region.push(this.regions.of(data.region))
    this.source.push(this.sources.of(data.source ?? ""))
    this.year.push(data.year)
    this.value.push(data.value)
    this.status.push(data.status === undefined ? 0 : STATUS.indexOf(data.status))
    this.revision.push(data.revision ?? -1)
    if (data.note !== undefined) this.notes.set(this.rows.length - 1, data.note)
    if (TRANSLATED_FIELDS.some((f) => data[f] !== undefined)) {
      this.translations.set(this.rows.length - 1, { sourceZh: data.sourceZh, sourceEn: data.sourceEn, noteZh: data.noteZh, noteEn: data.noteEn })
    }
  }

  /** The spreadsheet row of the `i`-th staged row. */
  rowOf(i: number): number {
    return this.rows.at(i)
  }

  /** The breakdown key of the `i`-th staged row ("" for a total). */
  breakdownOf(i: number): string {
    return this.breakdowns.values[this.breakdown.at(i)]!
  }

  /** The `i`-th staged row's cell and value (no texts), for the validation rules. */
  cell(i: number): { readonly indicator: string; readonly region: string; readonly year: number; readonly value: number } {
    return {
      indicator: this.indicators.values[this.indicator.at(i)]!,
      region: this.regions.values[this.region.at(i)]!,
      year: this.year.at(i),
      value: this.value.at(i),
    }
  }

  /** The `i`-th staged row as sent. */
  data(i: number): IncomingRow {
    const source = this.sources.values[this.source.at(i)]!
    const revision = this.revision.at(i)
    const breakdown = this.breakdownOf(i)
    return {
      ...(breakdown === "" ? {} : { dimensions: codesOfBreakdown(breakdown) }),
      indicator: this.indicators.values[this.indicator.at(i)]!,
      region: this.regions.values[this.region.at(i)]!,
      year: this.year.at(i),
      value: this.value.at(i),
      source: source === "" ? undefined : source,
      note: this.notes.get(i),
      ...this.translations.get(i),
      status: STATUS[this.status.at(i)],
      revision: revision === -1 ? undefined : revision,
    }
  }

  /**
   * The staged rows as the store takes them, `size` at a time: the agency's, with the default source, each
   * revising the revision it names (none: a new cell), left alone when it repeats the current value.
   */
  *chunks(agency: string, size = 1000): Generator<ReadonlyArray<NewObservation>> {
    for (let start = 0; start < this.length; start += size) {
      const chunk: Array<NewObservation> = []
      for (let i = start; i < Math.min(start + size, this.length); i++) {
        const source = this.sources.values[this.source.at(i)]!
        const revision = this.revision.at(i)
        const breakdown = this.breakdownOf(i)
        chunk.push({
          ...(breakdown === "" ? {} : { breakdown, dimensions: codesOfBreakdown(breakdown) }),
          indicator: this.indicators.values[this.indicator.at(i)]!,
          region: this.regions.values[this.region.at(i)]!,
          year: this.year.at(i),
          value: this.value.at(i),
          agency,
          ...storedTexts({ source, note: this.notes.get(i), ...this.translations.get(i) }, DEFAULT_SOURCE),
          status: STATUS[this.status.at(i)],
          expectedRevision: revision === -1 ? 0 : revision,
          skipIfUnchanged: true,
        })
      }
      yield chunk
    }
  }

  /**
   * Every row that gives a cell an earlier row already gives, with that earlier row, in row order; made one at a
   * time, so that a file of a million repeated rows never holds a million of them.
   */
  *duplicates(): Generator<DuplicateCell> {
    const keys = this.keys.view()
    const sorted = Float64Array.from(keys).sort()
    const twice = new Set<number>()
    for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) twice.add(sorted[i]!)
    if (twice.size === 0) return
    const first = new Map<number, number>()
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!
      if (!twice.has(key)) continue
      const row = this.keyRows.at(i)
      const prior = first.get(key)
      if (prior === undefined) {
        first.set(key, row)
        continue
      }
      const year = key % YEAR_BITS
      const rest = (key - year) / YEAR_BITS
      const series = this.series.values[Math.floor(rest / REGION_BITS)]!
      const at = series.indexOf(SERIES)
      yield { row, firstRow: prior, indicator: series.slice(0, at), breakdown: series.slice(at + 1), region: this.regions.values[rest % REGION_BITS]!, year }
    }
  }
}
