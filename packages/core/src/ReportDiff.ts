/**
 * What changed between two reports (e.g. two editions): which values, and which judgements (target met,
 * progress status, grade, status), indicator by indicator; and which revisions entered or left.
 */
import type { Evaluation, Report } from "./Report.js"
import type { I18nText } from "./Text.js"

/** One change of one indicator. */
export interface Change {
  readonly indicator: string
  readonly name: I18nText
  readonly field: "value" | "status" | "progress" | "grade" | "target-met"
  readonly target?: string
  readonly from: string | number | boolean | null
  readonly to: string | number | boolean | null
}

/** The difference between two reports. */
export interface ReportDiff {
  readonly from: { readonly asOf: string; readonly contentHash: string }
  readonly to: { readonly asOf: string; readonly contentHash: string }
  readonly values: ReadonlyArray<Change>
  readonly judgements: ReadonlyArray<Change>
  readonly revisionsAdded: ReadonlyArray<string>
  readonly revisionsRemoved: ReadonlyArray<string>
}

const rows = (r: Report) => new Map<string, Evaluation>(r.sections.flatMap((s) => s.evaluations).map((e) => [e.indicator, e]))

/**
 * Compares two reports of the same scope and year.
 *
 * @example
 * diffReports(edition1, edition2).values // [{ indicator: "beauty.growth", field: "value", from: 82.28, to: 83 }]
 */
export const diffReports = (a: Report, b: Report): ReportDiff => {
  const before = rows(a)
  const after = rows(b)
  const values: Array<Change> = []
  const judgements: Array<Change> = []
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort()
  for (const id of ids) {
    const x = before.get(id)
    const y = after.get(id)
    const name = (y ?? x)!.name
    const change = (field: Change["field"], from: Change["from"], to: Change["to"], target?: string) => ({
      indicator: id,
      name,
      field,
      ...(target ? { target } : {}),
      from,
      to,
    })
    if ((x?.value ?? null) !== (y?.value ?? null)) values.push(change("value", x?.value ?? null, y?.value ?? null))
    if ((x?.status ?? null) !== (y?.status ?? null)) judgements.push(change("status", x?.status ?? null, y?.status ?? null))
    if ((x?.progress.status ?? null) !== (y?.progress.status ?? null)) {
      judgements.push(change("progress", x?.progress.status ?? null, y?.progress.status ?? null))
    }
    if ((x?.grade?.id ?? null) !== (y?.grade?.id ?? null)) judgements.push(change("grade", x?.grade?.id ?? null, y?.grade?.id ?? null))
    const targets = new Set([...(x?.targets ?? []), ...(y?.targets ?? [])].map((t) => t.id))
    for (const t of [...targets].sort()) {
      const from = x?.targets.find((u) => u.id === t)?.met ?? null
      const to = y?.targets.find((u) => u.id === t)?.met ?? null
      if (from !== to) judgements.push(change("target-met", from, to, t))
    }
  }
  const ra = new Set(a.provenance.revisions)
  const rb = new Set(b.provenance.revisions)
  return {
    from: { asOf: a.provenance.asOf, contentHash: a.provenance.contentHash },
    to: { asOf: b.provenance.asOf, contentHash: b.provenance.contentHash },
    values,
    judgements,
    revisionsAdded: [...rb].filter((r) => !ra.has(r)).sort(),
    revisionsRemoved: [...ra].filter((r) => !rb.has(r)).sort(),
  }
}
