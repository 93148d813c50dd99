/**
 * SDMX-CSV with breakdowns (issue #21): a column per dimension between INDICATOR and TIME_PERIOD, `_T` for a total,
 * `_Z` where the row's indicator does not declare the dimension; unchanged without dimensioned indicators.
 */
import type { Indicator, StoredObservation } from "@tijian/core"
import { describe, expect, it } from "vitest"
import { dimensionCode, sdmxCsv } from "../src/sdmx.js"

const t = (en: string, zh: string) => ({ zh, en })
const indicators: ReadonlyArray<Indicator> = [
  {
    id: "mob.green-share", plugin: "mob", kind: "observed", name: t("green travel share", "绿色出行比例"), unit: t("share of trips", "出行比例"),
    direction: "higher-is-better", decimals: 2, range: { min: 0, max: 1 }, format: "percent",
    dimensions: [
      { id: "mode", name: t("mode", "方式"), additive: true, codes: [{ code: "metro", name: t("metro", "地铁") }, { code: "bus", name: t("bus", "公交") }] },
      { id: "purpose", name: t("purpose", "目的"), codes: [{ code: "work", name: t("work", "上班") }, { code: "other", name: t("other", "其他") }] },
    ],
  },
  { id: "mob.trips", plugin: "mob", kind: "observed", name: t("trips", "出行量"), unit: t("million trips", "百万人次"), direction: "neutral", decimals: 1 },
]
const lookup = (id: string) => indicators.find((i) => i.id === id)

const value = (indicator: string, v: number, dimensions?: Record<string, string>, status: "final" | "provisional" = "final"): StoredObservation => ({
  id: `${indicator}/320500/2022/r1`, indicator, region: "320500", year: 2022, revision: 1, value: v, agency: "a", submittedAt: "2025-03-01T00:00:00.000Z",
  source: "survey", note: null, status, ...(dimensions ? { dimensions, breakdown: Object.entries(dimensions).map(([d, c]) => `${d}=${c}`).join(";") } : {}),
})

describe("sdmxCsv with breakdowns", () => {
  it("writes MODE and PURPOSE before TIME_PERIOD: _T for a total and a dimension not broken down, _Z for an indicator without it", () => {
    // 0.70 = metro 0.45 + bus 0.25; metro for work 0.30
    const text = sdmxCsv([value("mob.green-share", 0.7), value("mob.green-share", 0.45, { mode: "metro" }), value("mob.green-share", 0.25, { mode: "bus" }), value("mob.green-share", 0.3, { mode: "metro", purpose: "work" }), value("mob.trips", 12.5, undefined, "provisional")], lookup)
    expect(text.split("\r\n")).toEqual([
      "DATAFLOW,REF_AREA,INDICATOR,MODE,PURPOSE,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS",
      "TIJIAN:DF_PLAN_MONITORING(1.0),320500,MOB_GREEN-SHARE,_T,_T,2022,0.7,SHARE_OF_TRIPS,A",
      "TIJIAN:DF_PLAN_MONITORING(1.0),320500,MOB_GREEN-SHARE,METRO,_T,2022,0.45,SHARE_OF_TRIPS,A",
      "TIJIAN:DF_PLAN_MONITORING(1.0),320500,MOB_GREEN-SHARE,BUS,_T,2022,0.25,SHARE_OF_TRIPS,A",
      "TIJIAN:DF_PLAN_MONITORING(1.0),320500,MOB_GREEN-SHARE,METRO,WORK,2022,0.3,SHARE_OF_TRIPS,A",
      "TIJIAN:DF_PLAN_MONITORING(1.0),320500,MOB_TRIPS,_Z,_Z,2022,12.5,MILLION_TRIPS,P",
      "",
    ])
  })

  it("keeps the seven columns when no exported indicator declares dimensions", () => {
    expect(sdmxCsv([value("mob.trips", 12.5)], lookup)).toBe(
      "DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS\r\nTIJIAN:DF_PLAN_MONITORING(1.0),320500,MOB_TRIPS,2022,12.5,MILLION_TRIPS,A\r\n",
    )
  })

  it("makes codes SDMX ids: upper case, `.` as `_`", () => {
    expect([dimensionCode("metro"), dimensionCode("type.a-1"), dimensionCode("redline-type")]).toEqual(["METRO", "TYPE_A-1", "REDLINE-TYPE"])
  })
})
