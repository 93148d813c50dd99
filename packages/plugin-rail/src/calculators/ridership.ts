/**
 * `rail.line-ridership`: a line's mean daily ridership over the days of the run's year in the ridership file
 * (optionally weekdays only), judged against the 100,000-300,000 band. The region's value is the line named by the
 * `line` parameter (or the file's only line); the table shows every line of the file.
 */
import { defineCalculator, fromPromise, optionalParam, param, Params } from "@tijian/core/plugin"
import { Schema } from "effect"
import { weekdayOf } from "../gtfs/time.js"
import { readRidership, type RidershipDay } from "../inputs/readRidership.js"
import { readOptionsOf } from "../readOptions.js"
import { parameterError } from "../problems.js"
import { ridershipInput } from "./inputs.js"
import { checkRegion } from "./params.js"

const BAND = { lo: 100_000, hi: 300_000 }

/** The ridership calculator. */
export const ridershipCalculator = defineCalculator({
  id: "rail.line-ridership",
  name: { zh: "线路日均客流", en: "Line daily ridership" },
  description: {
    zh: "由线路日客流 CSV 计算日均客流，并与 10 万-30 万人次/日区间比较",
    en: "From a daily ridership CSV: mean daily ridership, judged against the 100,000-300,000 band",
  },
  inputs: [ridershipInput],
  params: Schema.Struct({
    line: optionalParam(Params.Text, { zh: "本区域的线路（CSV 中的 line）；文件只有一条线路时可省略", en: "The region's line (the CSV's line); may be omitted when the file has one line" }),
    weekdaysOnly: param(Params.Flag, { zh: "仅计入周一至周五", en: "Count Monday to Friday only", default: false }),
  }),
  produces: ["rail.line-daily-ridership"],
  run: (ctx) =>
    fromPromise(async () => {
    checkRegion(ctx)
    const { weekdaysOnly } = ctx.params
    const all = await readRidership(ctx.inputs.ridership!.path, "ridership", readOptionsOf(ctx))
    const inYear = new Map<string, ReadonlyArray<RidershipDay>>()
    for (const [line, days] of all) {
      const kept = days.filter((d) => Math.floor(d.date / 10000) === ctx.year && (!weekdaysOnly || weekdayOf(d.date) < 5))
      if (kept.length > 0) inYear.set(line, kept)
    }
    const lines = [...inYear.keys()]
    if (lines.length === 0) throw parameterError("year", `the ridership file has no ${weekdaysOnly ? "weekday " : ""}rows in ${ctx.year}`)
    const line = ctx.params.line ?? (lines.length === 1 ? lines[0] : undefined)
    if (line === undefined) throw parameterError("line", `the file has ${lines.length} lines in ${ctx.year} (${lines.join(", ")}); name the region's line`)
    const days = inYear.get(line)
    if (!days) throw parameterError("line", `line "${line}" has no ${weekdaysOnly ? "weekday " : ""}rows in ${ctx.year}; lines with data: ${lines.join(", ")}`)
    const stats = (d: ReadonlyArray<RidershipDay>) => {
      const total = d.reduce((s, x) => s + x.boardings, 0)
      return { days: d.length, mean: total / d.length, min: Math.min(...d.map((x) => x.boardings)), max: Math.max(...d.map((x) => x.boardings)) }
    }
    const mine = stats(days)
    const judge = (mean: number) => (mean < BAND.lo ? "< 100,000" : mean > BAND.hi ? "> 300,000" : "100,000-300,000")
    return {
      values: [
        {
          indicator: "rail.line-daily-ridership" as const,
          region: ctx.region,
          year: ctx.year,
          value: mine.mean,
          note: `line ${line}: mean of ${mine.days} ${weekdaysOnly ? "weekdays" : "days"} in ${ctx.year} (min ${mine.min}, max ${mine.max}); band 100,000-300,000 person-trips/day`,
        },
      ],
      tables: [
        {
          id: "rail-line-ridership",
          title: { zh: `${ctx.year} 年各线路日均客流（人次/日）`, en: `Mean daily ridership by line, ${ctx.year} (person-trips/day)` },
          columns: [
            { id: "line", name: { zh: "线路", en: "Line" } },
            { id: "days", name: { zh: "天数", en: "Days" } },
            { id: "meanDaily", name: { zh: "日均", en: "Mean per day" } },
            { id: "minDaily", name: { zh: "最低", en: "Lowest day" } },
            { id: "maxDaily", name: { zh: "最高", en: "Highest day" } },
            { id: "band", name: { zh: "与 10 万-30 万区间比较", en: "Against 100,000-300,000" } },
          ],
          rows: lines.map((l) => {
            const s = stats(inYear.get(l)!)
            return { line: l, days: s.days, meanDaily: Math.round(s.mean), minDaily: s.min, maxDaily: s.max, band: judge(s.mean) }
          }),
        },
      ],
    }
    }),
})
