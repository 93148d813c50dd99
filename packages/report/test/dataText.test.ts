import { describe, expect, it } from "vitest"
import { dataText, dataTextHtml, noteText, sourceText } from "@tijian/report"

const bilingual = { source: "江苏统计年鉴2023", sourceZh: "江苏统计年鉴2023", sourceEn: "Jiangsu Statistical Yearbook 2023", note: null }

describe("dataText", () => {
  it.each([
    // [texts, page, shown, marked as]
    [{ text: "统计年鉴", zh: "统计年鉴", en: "Statistical Yearbook" }, "zh", "统计年鉴", null],
    [{ text: "统计年鉴", zh: "统计年鉴", en: "Statistical Yearbook" }, "en", "Statistical Yearbook", null],
    [{ text: "统计年鉴", zh: "统计年鉴" }, "en", "统计年鉴", "zh"],
    [{ text: "Statistical Yearbook", en: "Statistical Yearbook" }, "zh", "Statistical Yearbook", "en"],
    [{ text: "statistical yearbook" }, "zh", "statistical yearbook", null],
    [{ text: "苏州年鉴", en: "Suzhou Yearbook" }, "zh", "苏州年鉴", null],
    [{ zh: "  ", en: "Suzhou Statistics Bureau" }, "zh", "Suzhou Statistics Bureau", "en"],
  ] as const)("%j on a %s page shows %s (lang %s)", (texts, page, shown, marked) => {
    expect(dataText(texts, page)).toEqual({ text: shown, lang: marked })
  })

  it("is null when there is no text at all", () => {
    expect(dataText({ text: null, zh: "", en: undefined }, "zh")).toBe(null)
  })

  it("marks a fallback in the other language with its lang attribute, escaped", () => {
    expect(dataTextHtml(sourceText(bilingual, "en")).toString()).toBe("Jiangsu Statistical Yearbook 2023")
    expect(dataTextHtml(sourceText({ ...bilingual, sourceEn: null }, "en")).toString()).toBe('<span lang="zh-CN">江苏统计年鉴2023</span>')
    expect(dataTextHtml(sourceText({ source: "A&B", sourceEn: "A&B", note: null }, "zh")).toString()).toBe('<span lang="en">A&amp;B</span>')
    expect(dataTextHtml(noteText(bilingual, "zh")).toString()).toBe("—")
  })
})
