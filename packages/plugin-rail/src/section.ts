/**
 * The rail section's notes: the planners' point — a line is judged by the commuting circle, not ridership alone —
 * made with the figures of the report.
 */
import type { SectionContext, SectionExtras } from "@tijian/core/plugin"

const pct = (x: number) => `${(x * 100).toFixed(1)}%`

/** Builds the notes from the section's evaluations (pure). */
export const railSection = ({ evaluations }: SectionContext): SectionExtras => {
  const value = (id: string) => evaluations.find((e) => e.indicator === id)?.value ?? null
  const notes = []
  const ridership = value("rail.line-daily-ridership")
  const circle = value("rail.one-hour-commute-population-share")
  if (ridership !== null && circle !== null) {
    const where = ridership < 100_000 ? { zh: "低于", en: "below" } : ridership > 300_000 ? { zh: "高于", en: "above" } : { zh: "处于", en: "within" }
    notes.push({
      zh: `线路日均客流 ${Math.round(ridership).toLocaleString("en-US")} 人次，${where.zh} 10 万-30 万区间；按通勤圈判断：${pct(circle)} 的人口在 1 小时通勤圈内。`,
      en: `The line carries ${Math.round(ridership).toLocaleString("en-US")} person-trips a day, ${where.en} the 100,000-300,000 band; judged by the commuting circle, ${pct(circle)} of the population is within one hour.`,
    })
  }
  const share = value("rail.origin-terminal-share")
  if (share !== null) {
    notes.push({
      zh: `${pct(share)} 的经停列车在本区域主要车站始发或终到（2021 年公布：上海约 80%，省会约 20%，苏州约 1%）。`,
      en: `${pct(share)} of the trains calling at the region's main stations start or end there (published for 2021: Shanghai ~80%, provincial capitals ~20%, Suzhou ~1%).`,
    })
  }
  return { notes }
}
