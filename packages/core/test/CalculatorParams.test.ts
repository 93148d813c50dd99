/**
 * Calculator parameters in the units people use: what each building block accepts from a JSON body and from text
 * (a form field, `--param key=value`), what `run` reads, the canonical form provenance keeps, and the messages.
 */
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { decodeParams, describeParams, formatClock, optionalParam, param, Params } from "../src/CalculatorParams.js"

const params = Schema.Struct({
  thresholdMin: param(Params.Minutes.pipe(Params.within(1, 240)), { en: "Door-to-door threshold", zh: "门到门时间阈值", default: 60 }),
  departure: param(Params.ClockTime, { en: "Departure time", zh: "出发时间", default: "08:00" }),
  date: param(Params.IsoDate, { en: "Service day", zh: "服务日" }),
  walkKmh: param(Params.KmPerHour, { en: "Walking speed", zh: "步行速度", default: 4.5 }),
  stops: param(Params.TextList, { en: "Stops", zh: "车站", default: [] }),
  direction: param(Params.OneOf("to-core", "from-core"), { en: "Direction", zh: "方向", default: "from-core" }),
  perPoint: param(Params.Flag, { en: "Per-point table", zh: "逐点表", default: false }),
  transfers: param(Params.Integer.pipe(Params.within(0, 10)), { en: "Transfers", zh: "换乘", default: 4 }),
})

describe("calculator parameters", () => {
  it("decodes texts and JSON values into what run reads; defaults fill the rest", () => {
    const r = decodeParams(params, { thresholdMin: " 45 ", departure: "7:05:30", date: "20240515", stops: "a, b,,c", perPoint: "true", transfers: 2 })
    expect(r).toEqual({
      _tag: "ok",
      // 7 h 5 min 30 s = 25,200 + 300 + 30 = 25,530 s after midnight; YYYYMMDD is normalised to the ISO form.
      values: { thresholdMin: 45, departure: 25_530, date: "2024-05-15", walkKmh: 4.5, stops: ["a", "b", "c"], direction: "from-core", perPoint: true, transfers: 2 },
      canonical: { thresholdMin: 45, departure: "07:05:30", date: "2024-05-15", walkKmh: 4.5, stops: ["a", "b", "c"], direction: "from-core", perPoint: true, transfers: 2 },
    })
  })

  it("says GTFS's after-midnight hours: 25:30 is 91,800 s of the same service day; 48:00 is refused", () => {
    const ok = decodeParams(params, { date: "2024-05-15", departure: "25:30" })
    expect(ok._tag === "ok" && ok.values.departure).toBe(91_800)
    expect(formatClock(91_800)).toBe("25:30")
    const bad = decodeParams(params, { date: "2024-05-15", departure: "48:00" })
    expect(bad._tag === "problems" && bad.problems[0]!.message).toBe(
      'parameter "departure" must be a time HH:MM or HH:MM:SS, e.g. 07:30 (hours up to 47 for after midnight), got "48:00"',
    )
  })

  it("lists every problem at once, each naming its parameter, with what was sent", () => {
    const r = decodeParams(params, { thresholdMin: 300, departure: "8h", date: "2024-02-30", walkKmh: 0, direction: "inbound", perPoint: "yes", transfers: 1.5, speed: 3 })
    expect(r._tag === "problems" && r.problems).toEqual([
      { name: "speed", message: 'unknown parameter "speed"; the parameters are thresholdMin, departure, date, walkKmh, stops, direction, perPoint, transfers' },
      { name: "thresholdMin", message: 'parameter "thresholdMin" must be a number from 1 to 240 minutes, got 300' },
      { name: "departure", message: 'parameter "departure" must be a time HH:MM or HH:MM:SS, e.g. 07:30 (hours up to 47 for after midnight), got "8h"' },
      { name: "date", message: 'parameter "date" must be a date YYYY-MM-DD that exists, e.g. 2024-05-15, got "2024-02-30"' },
      { name: "walkKmh", message: 'parameter "walkKmh" must be a speed in km/h, more than 0, got 0' },
      { name: "direction", message: 'parameter "direction" must be one of "to-core", "from-core", got "inbound"' },
      { name: "perPoint", message: 'parameter "perPoint" must be true or false, got "yes"' },
      { name: "transfers", message: 'parameter "transfers" must be a whole number from 0 to 10, got 1.5' },
    ])
    const missing = decodeParams(params, {})
    expect(missing._tag === "problems" && missing.problems).toEqual([{ name: "date", message: 'parameter "date" is required (Service day)' }])
  })

  it("describes each parameter for the API and the CLI: unit, default as written, zh/en, JSON Schema", () => {
    const d = describeParams(params)
    expect(d.map((p) => [p.name, p.type, p.default, p.required])).toEqual([
      ["thresholdMin", "minutes", 60, false],
      ["departure", "HH:MM[:SS]", "08:00", false],
      ["date", "YYYY-MM-DD", null, true],
      ["walkKmh", "km/h", 4.5, false],
      ["stops", "list", [], false],
      ["direction", "to-core|from-core", "from-core", false],
      ["perPoint", "true/false", false, false],
      ["transfers", "whole number", 4, false],
    ])
    expect(d[0]!.description).toEqual({ en: "Door-to-door threshold", zh: "门到门时间阈值" })
    expect(d[0]!.schema).toEqual({ type: "number", minimum: 1, maximum: 240, description: "Door-to-door threshold", default: 60 })
    expect(d[2]!.schema).toEqual({ type: "string", format: "date", description: "Service day" })
  })

  it("an optional parameter reads undefined when left out, and a bad value gets its block's message", () => {
    const optional = Schema.Struct({ day: optionalParam(Params.IsoDate, { en: "Only this day", zh: "仅此日" }) })
    expect(decodeParams(optional, {})).toEqual({ _tag: "ok", values: { day: undefined }, canonical: {} })
    const bad = decodeParams(optional, { day: "2024-02-30" })
    expect(bad._tag === "problems" && bad.problems).toEqual([{ name: "day", message: 'parameter "day" must be a date YYYY-MM-DD that exists, e.g. 2024-05-15, got "2024-02-30"' }])
    expect(describeParams(optional)[0]).toMatchObject({ type: "YYYY-MM-DD", required: false, default: null })
  })

  it("refuses a default that does not decode when the calculator is defined", () => {
    expect(() => param(Params.ClockTime, { en: "Departure", zh: "出发", default: "8 o'clock" })).toThrow('the default "8 o\'clock" of parameter "Departure" does not decode')
  })
})
