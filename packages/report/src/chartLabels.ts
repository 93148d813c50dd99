/**
 * The words of the trend charts in Chinese and English: the legend, and the sentences the chart's accessible
 * description adds about the required path ("needs +1.08%/yr to reach 100.00 by 2035; observed +0.37%/yr").
 */
import type { I18nText } from "@tijian/core"

/** The legend entries of a trend chart. */
export const chartLegend: Readonly<Record<"observed" | "required" | "target" | "partial", I18nText>> = {
  observed: { zh: "实际值", en: "observed" },
  required: { zh: "达标所需路径", en: "path to target" },
  target: { zh: "目标", en: "target" },
  partial: { zh: "部分成员（不评判）", en: "partial (not judged)" },
}

/** Words of the table that lists indicators with a single year of data (one value draws no trend). */
export const singleYearLabels: Readonly<Record<"caption", I18nText>> = {
  caption: { zh: "仅有一年数值的指标", en: "Indicators with one year of data" },
}

/** Sentences with values filled in. */
export const chartPhrases = {
  needs: (rate: string, aim: string, year: number): I18nText => ({
    zh: `须年均 ${rate}，${year} 年达到 ${aim}`,
    en: `needs ${rate} to reach ${aim} by ${year}`,
  }),
  observed: (rate: string): I18nText => ({ zh: `实际年均 ${rate}`, en: `observed ${rate}` }),
  partial: (years: string): I18nText => ({ zh: `部分成员的数值：${years}`, en: `partial values: ${years}` }),
} as const satisfies Readonly<Record<string, (...args: never[]) => I18nText>>
