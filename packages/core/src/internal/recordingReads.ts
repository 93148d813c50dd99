/**
 * A report's reads, recorded: the same reads as the store's, passed through, noting which regions each asked for, so
 * that a kept evaluation knows exactly whose changes make it stale (its scope, a group's members, a region's children
 * when composites rank them, the regions benchmark targets and validation rules name).
 */
import { Effect } from "effect"
import type { ReportReads } from "./scopeReport.js"

/** The regions a report read; `everything` when some read named no regions (it read every region's rows). */
export interface ReadRegions {
  readonly regions: ReadonlySet<string>
  readonly everything: boolean
}

/**
 * `reads` passed through, and what they read so far.
 *
 * @example
 * const { reads, read } = recordingReads(store)
 * yield* scopeReport(registry, input, reads)
 * read() // { regions: Set { "320509" }, everything: false }
 */
export const recordingReads = (reads: ReportReads): { readonly reads: ReportReads; readonly read: () => ReadRegions } => {
  const regions = new Set<string>()
  let everything = false
  const note = (asked: ReadonlyArray<string> | undefined) => {
    if (asked === undefined) everything = true
    else for (const r of asked) regions.add(r)
  }
  return {
    reads: {
      currentValues: (q) =>
        Effect.suspend(() => {
          note(q.regions)
          return reads.currentValues(q)
        }),
      current: (q) =>
        Effect.suspend(() => {
          note(q.regions)
          return reads.current(q)
        }),
      approvalStates: (q) =>
        Effect.suspend(() => {
          note(q.regions)
          return reads.approvalStates(q)
        }),
      ...(reads.breakdowns === undefined
        ? {}
        : {
            breakdowns: (q: Parameters<NonNullable<ReportReads["breakdowns"]>>[0]) =>
              Effect.suspend(() => {
                note(q.regions)
                return reads.breakdowns!(q)
              }),
          }),
      ...(reads.committedRuns === undefined
        ? {}
        : {
            committedRuns: (q: Parameters<NonNullable<ReportReads["committedRuns"]>>[0]) =>
              Effect.suspend(() => {
                note(q.regions)
                return reads.committedRuns!(q)
              }),
          }),
    },
    read: () => ({ regions, everything }),
  }
}
