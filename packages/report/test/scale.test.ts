import { describe, expect, it } from "vitest"
import { shareBar, trendChart, csvDocument, csvField, fixedCell, formatCell, formatDifference, formatRate, formatShare, formatTime, formatValue, linearScale, niceInterval, niceTicks, padInterval, tickStep } from "@tijian/report"

const index = { decimals: 2, format: "number" } as const
const share = { decimals: 3, format: "percent" } as const

describe("nice ticks", () => {
  it("puts six ticks 20 apart on [0, 100]", () => {
    expect(tickStep(0, 100)).toBe(20)
    expect(niceTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100])
  })

  it("puts ticks 5 apart inside the composite's range [52.66, 80.96], and widens it to [50, 85]", () => {
    // (80.96 - 52.66) / 5 = 5.66 per tick; 5.66 >= sqrt(10) rounds to a step of 5.
    expect(tickStep(52.66, 80.96)).toBe(5)
    expect(niceTicks(52.66, 80.96)).toEqual([55, 60, 65, 70, 75, 80])
    expect(niceInterval([52.66, 80.96])).toEqual([50, 85])
    expect(niceTicks(50, 85)).toEqual([50, 55, 60, 65, 70, 75, 80, 85])
  })

  it("gives one tick for a zero-width domain, and pads it by 10% to draw it", () => {
    expect(niceTicks(80.96, 80.96)).toEqual([80.96])
    const [lo, hi] = padInterval([80.96, 80.96])
    expect(lo).toBeCloseTo(72.864, 9)
    expect(hi).toBeCloseTo(89.056, 9)
    // (89.056 - 72.864) / 5 = 3.24 per tick -> step 5 -> [70, 90].
    expect(niceInterval([80.96, 80.96])).toEqual([70, 90])
    expect(niceInterval([0, 0])).toEqual([-1, 1])
  })

  it("keeps decimal ticks exact (0.6, not 0.6000000000000001)", () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1])
    expect(niceTicks(0.01, 0.8, 4)).toEqual([0.2, 0.4, 0.6, 0.8])
    expect(niceInterval([0.01, 0.8], 4)).toEqual([0, 0.8])
  })

  it("handles reversed bounds and non-finite input", () => {
    expect(niceTicks(100, 0)).toEqual([0, 20, 40, 60, 80, 100])
    expect(niceTicks(Number.NaN, 1)).toEqual([])
  })
})

describe("linearScale", () => {
  it("maps the domain onto the range (SVG y grows downwards)", () => {
    const y = linearScale([50, 100], [200, 0])
    expect(y(50)).toBe(200)
    expect(y(100)).toBe(0)
    expect(y(80.96)).toBeCloseTo(76.16, 9) // 200 - (30.96 / 50) * 200
    expect(y.ticks()).toEqual([50, 60, 70, 80, 90, 100])
  })

  it("maps everything to the middle of the range for a zero-width domain", () => {
    const x = linearScale([2022, 2022], [40, 440])
    expect(x(2022)).toBe(240)
    expect(x(1999)).toBe(240)
  })
})

describe("number formatting at the edge", () => {
  it("rounds to the indicator's decimals: the computed composite 80.8975 shows as 80.90", () => {
    expect(formatValue(80.89750000000001, index, "en")).toBe("80.90")
    expect(formatValue(80.96, index, "zh")).toBe("80.96")
    expect(formatValue(4.755, index, "en")).toBe("4.76") // half away from zero, despite 4.755 being 4.75499... in binary
    expect(formatValue(null, index, "en")).toBe("—")
    expect(formatValue(12345.6, { decimals: 1, format: "number" }, "en")).toBe("12,345.6")
  })

  it("shows 0..1 ratios of percent indicators as %, with two fewer decimals", () => {
    expect(formatValue(0.214, share, "en")).toBe("21.4%")
    expect(formatValue(0.8, { decimals: 2, format: "percent" }, "zh")).toBe("80%")
  })

  it("signs differences, in percentage points for percent indicators", () => {
    expect(formatDifference(28.299999999999997, index, "en", true)).toBe("+28.30")
    expect(formatDifference(19.040000000000006, index, "en")).toBe("19.04")
    expect(formatDifference(-0.05, share, "en", true)).toBe("−5.0 pp")
    expect(formatDifference(-0.05, share, "zh", true)).toBe("−5.0 个百分点")
    expect(formatDifference(0.0001, index, "en", true)).toBe("0.00")
  })

  it("writes rates per year, shares and times", () => {
    // The published composite: (80.96 / 52.66)^(1/10) - 1 = 4.39 % a year.
    expect(formatRate(0.04394823526023517, "cagr", index, "en")).toBe("+4.39%/yr")
    expect(formatRate(-1.5, "linear", index, "zh")).toBe("−1.50/年")
    expect(formatShare(8 / 19, "en")).toBe("42%")
    expect(formatShare(0.8096, "en", 1)).toBe("81.0%")
    expect(formatTime("2024-01-01T00:00:00.000Z")).toBe("2024-01-01 00:00 UTC")
    expect(formatCell(0.280461, "en")).toBe("0.28")
  })
})

describe("CSV fields", () => {
  it("quotes commas, quotes and line breaks, and guards formula-like text", () => {
    expect(csvField('a,"b"')).toBe('"a,""b"""')
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)")
    expect(csvField("-12.5")).toBe("-12.5")
    expect(csvField(-12.5)).toBe("-12.5")
    expect(csvField(null)).toBe("")
    expect(csvDocument(["a", "b"], [[1, "x\ny"]])).toBe('a,b\r\n1,"x\ny"\r\n')
    expect(fixedCell(80.89750000000001, 2)).toBe("80.90")
    expect(fixedCell(-0.001, 2)).toBe("0.00")
  })
})

describe("trend chart", () => {
  const chart = (input: Partial<Parameters<typeof trendChart>[0]>) =>
    trendChart({ id: "c", title: "t <b>", points: [], target: null, style: index, lang: "en", ...input })?.toString() ?? null

  it("draws nothing without points", () => {
    expect(chart({})).toBeNull()
  })

  it("draws no chart for a single point (a single year is a row, not a chart)", () => {
    expect(chart({ points: [{ year: 2022, value: 13.6 }], style: { decimals: 1, format: "number" } })).toBeNull()
  })

  it("shades a band target and writes percent ticks for a percent indicator", () => {
    const svg = chart({
      points: [
        { year: 2020, value: 0.1 },
        { year: 2021, value: 0.2 },
      ],
      target: { lo: 0.2, hi: 0.4, dueYear: 2021 },
      style: { decimals: 2, format: "percent" },
    })!
    expect(svg.match(/<rect class="target-band"/g)).toHaveLength(1)
    expect(svg.match(/<line class="target"/g)).toHaveLength(2)
    // Domain [0.1, 0.4] widened to [0.1, 0.4] with ticks 0.05 apart: 10%, 15%, ..., 40%.
    expect([...svg.matchAll(/text-anchor="end">([^<]+)</g)].map((m) => m[1])).toEqual(["10%", "15%", "20%", "25%", "30%", "35%", "40%"])
    expect(svg).toContain("<desc id=\"c-desc\">2020: 10%; 2021: 20%; target 20%–40% (2021)</desc>")
    expect(svg).toContain("<title id=\"c-title\">t &lt;b&gt;</title>")
  })

  it("clamps a share bar to 0..1 and writes its text beside it", () => {
    expect(shareBar(1.2, "120%").toString()).toContain('class="bar-fill" x="0" y="0" width="100.0"')
    expect(shareBar(0.8096, "81.0%").toString()).toContain('width="81.0" height="10"/>\n</svg><span>81.0%</span>')
    expect(shareBar(null, "").toString()).toBe('<span class="muted">—</span>')
  })
})
