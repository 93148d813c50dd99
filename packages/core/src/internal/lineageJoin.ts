/**
 * Joining a region's series across a change of its code: values registered under the code it had before a recode
 * (Wujiang: 320584 until 2012, then 320509) belong to its series for the years before the change. Only a one-to-one
 * recode joins; a merge or a split changes the territory, so the earlier figures are not the same unit's and stay
 * under their own codes (the report's code history says so).
 */
import type { RegionLineage } from "../RegionLineage.js"
import type { ObservedValue } from "./series.js"

/** One code a region's series reads before a change: values of `code` for years before `until`. */
interface JoinedCode {
  readonly code: string
  readonly successor: string
  readonly until: number
}

/** The recoded predecessors of `code`, transitively (A until 2012 -> B until 2018 -> C: A before 2012, B before 2018). */
const joinedCodesOf = (lineage: RegionLineage, code: string): ReadonlyArray<JoinedCode> => {
  const out: Array<JoinedCode> = []
  const walk = (successor: string, before: number, seen: ReadonlySet<string>) => {
    for (const p of lineage.predecessorsOf(successor)) {
      if (p.kind !== "recode" || seen.has(p.code)) continue
      const until = Math.min(p.until, before)
      out.push({ code: p.code, successor: code, until })
      walk(p.code, until, new Set([...seen, p.code]))
    }
  }
  walk(code, Number.POSITIVE_INFINITY, new Set([code]))
  return out
}

/**
 * What to read for `codes` and how to join it: `read` adds their recoded predecessors' codes; `join` gives the
 * predecessors' values of the years before each change the successor's code, where the successor has no value of
 * its own that year (its own registration wins). Revision ids stay those of the stored rows, so audit, provenance
 * and approvals still name the code a value was registered under.
 *
 * @example
 * const { read, join } = lineageJoin(regions.lineage, ["320509"])
 * read // ["320509", "320584"]
 * join(rows) // 320584's 2010 value now in 320509's series; its 2013 value (after the change) left out
 */
export const lineageJoin = (lineage: RegionLineage, codes: ReadonlyArray<string>) => {
  const joined = codes.flatMap((c) => joinedCodesOf(lineage, c))
  const byCode = new Map<string, Array<JoinedCode>>()
  for (const j of joined) byCode.set(j.code, [...(byCode.get(j.code) ?? []), j])
  const own = new Set(codes)
  return {
    read: [...new Set([...codes, ...joined.map((j) => j.code)])],
    join: (observations: ReadonlyArray<ObservedValue>): ReadonlyArray<ObservedValue> => {
      if (joined.length === 0) return observations
      const present = new Set(observations.filter((o) => own.has(o.region)).map((o) => `${o.indicator}|${o.region}|${o.year}`))
      const out: Array<ObservedValue> = []
      for (const o of observations) {
        const links = byCode.get(o.region)
        if (links === undefined) {
          out.push(o)
          continue
        }
        // A predecessor's own code may also be read in its own right (it is in `codes`): keep it as it is.
        if (own.has(o.region)) out.push(o)
        for (const link of links) {
          const key = `${o.indicator}|${link.successor}|${o.year}`
          if (o.year >= link.until || present.has(key)) continue
          present.add(key)
          out.push({ ...o, region: link.successor })
        }
      }
      return out
    },
  }
}
