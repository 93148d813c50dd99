import { createHash } from "node:crypto"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import * as Engine from "../src/Engine.js"
import { jsonSha256 } from "../src/internal/jsonSha256.js"
import * as ObservationStore from "../src/ObservationStore.js"
import { type Report, reportJson } from "../src/Report.js"
import { restampReport, sealReport } from "../src/ReportSeal.js"
import { at, chainPlugin, runWith } from "./fixtures.js"

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex")

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

const longArray = Array.from({ length: 300 }, (_, i) => ({ i, t: "长".repeat(i % 7) }))

const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, { b: 1, a: "二" })

/** Values whose JSON reaches every rule of `JSON.stringify` at the levels `jsonSha256` writes itself. */
const cases: ReadonlyArray<{ readonly name: string; readonly value: unknown }> = [
  { name: "a scalar", value: 42 },
  { name: "a string with quotes, backslash and control characters", value: 'a"b\\c\n\t\u0001' },
  { name: "zh text, an emoji and lone surrogates", value: { zh: "长三角生态绿色一体化", emoji: "🌏", lone: ["\ud800", "x\udfffy"] } },
  { name: "undefined, functions and symbols: skipped in objects, null in arrays", value: { a: undefined, f: () => 1, s: Symbol("s"), list: [undefined, () => 1, Symbol("t"), 1] } },
  { name: "integer-like keys first, ascending, then insertion order", value: { b: 1, 10: "ten", a: 2, 2: "two" } },
  { name: "numbers: -0, NaN, Infinity, exponents", value: [-0, Number.NaN, Infinity, -Infinity, 1e21, 1e-7, 0.1 + 0.2] },
  { name: "toJSON (a Date) and a class instance", value: { when: new Date(Date.UTC(2024, 0, 2)), p: new Point(1, 2) } },
  { name: "a null-prototype object, Map, Set, boxed primitives", value: { nullProto, m: new Map([[1, 2]]), s: new Set([1]), n: new Number(3), t: new String("x") } },
  { name: "empty containers", value: { o: {}, a: [], nested: [[], [{}]] } },
  { name: "a long array (written element by element at any depth)", value: { a: { b: { c: { d: { e: longArray } } } } } },
  {
    name: "a report-shaped value with pieces longer than the gathering limit",
    value: {
      sections: Array.from({ length: 3 }, (_, s) => ({
        plugin: `p${s}`,
        evaluations: Array.from({ length: 60 }, (_, i) => ({ indicator: `p${s}.i${i}`, name: { zh: "指标", en: "indicator" }, note: "x".repeat(i * 50) })),
      })),
      provenance: { contentHash: "" },
    },
  },
]

describe("the report's content hash", () => {
  it.each(cases)("jsonSha256 equals SHA-256 of JSON.stringify: $name", ({ value }) => {
    for (const depth of [0, 1, 2, 4, 8]) expect(jsonSha256(value, depth)).toBe(sha256(JSON.stringify(value)))
  })

  it("jsonSha256 refuses a value without JSON text", () => {
    expect(() => jsonSha256(undefined)).toThrow(TypeError)
  })

  it("is the SHA-256 of the report's JSON with an empty hash, for a group whose revision ids arrive out of order", async () => {
    const obs = (indicator: string, region: string, year: number, value: number) => ({ indicator, region, year, value, agency: "a", source: "s" })
    const report = await runWith(
      [chainPlugin],
      Effect.gen(function* () {
        const store = yield* ObservationStore.ObservationStore
        yield* store.append(
          [
            obs("t.a", "310118", 2022, 3),
            obs("t.a", "320509", 2022, 4),
            obs("t.b", "310118", 2022, 2),
            obs("t.b", "320509", 2022, 5),
            obs("t.pop", "310118", 2022, 100),
            obs("t.pop", "320509", 2022, 300),
          ],
          at(1),
        )
        // A 2023 value, stored later, is not used by the 2022 report: its data stay as of day 1.
        yield* store.append([obs("t.a", "330421", 2023, 9)], at(5))
        const engine = yield* Engine.Engine
        return yield* engine.evaluate({ scope: "DEMO-ZONE", year: 2022, asOf: at(30) })
      }),
    )
    const row = (id: string) => report.sections[0]!.evaluations.find((e) => e.indicator === id)!
    // t.a sums the members (3 + 4); t.b is their mean weighted by t.pop ((2 x 100 + 5 x 300) / 400).
    expect(row("t.a")).toMatchObject({ value: 7, origin: "aggregated" })
    expect(row("t.b")).toMatchObject({ value: 4.25, origin: "aggregated" })
    expect(row("t.total")).toMatchObject({ value: 112.5, origin: "derived" })
    // t.b's cells list each member's value and weight in member order; the row lists them sorted.
    expect(row("t.b").revisions).toEqual(["t.b/310118/2022/r1", "t.b/320509/2022/r1", "t.pop/310118/2022/r1", "t.pop/320509/2022/r1"])
    expect(report.provenance.revisions).toEqual([
      "t.a/310118/2022/r1",
      "t.a/320509/2022/r1",
      "t.b/310118/2022/r1",
      "t.b/320509/2022/r1",
      "t.pop/310118/2022/r1",
      "t.pop/320509/2022/r1",
    ])
    expect(report.provenance.dataAsOf).toBe(at(1))
    const unsealed = { ...report, provenance: { ...report.provenance, contentHash: "" } }
    expect(report.provenance.contentHash).toBe(sha256(reportJson(unsealed)))
  })
})

describe("sealReport", () => {
  const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as Report
  const report = plain({
    schemaVersion: 2,
    scope: { code: "320509", type: "region", name: { zh: "吴江区", en: "Wujiang" }, members: [] },
    year: 2024,
    sections: [],
    provenance: { asOf: "2025-01-01T00:00:00.000Z", dataAsOf: null, revisions: ["a/320509/2024/r1"], approvedOnly: false, contentHash: "" },
  })

  it("hashes when first read, the same bytes as hashing the JSON with an empty hash, kept last in provenance", () => {
    const sealed = sealReport(report)
    const expected = sha256(JSON.stringify(report))
    // the property is computed on read and kept; JSON, spreads and equality see an ordinary string in its place
    expect("get" in Object.getOwnPropertyDescriptor(sealed.provenance, "contentHash")!).toBe(true)
    expect(sealed.provenance.contentHash).toBe(expected)
    expect(sealed.provenance.contentHash).toBe(expected)
    expect(Object.keys(sealed.provenance)).toEqual(["asOf", "dataAsOf", "revisions", "approvedOnly", "contentHash"])
    expect(JSON.stringify(sealed)).toBe(JSON.stringify({ ...report, provenance: { ...report.provenance, contentHash: expected } }))
    expect({ ...sealed.provenance }).toEqual({ ...report.provenance, contentHash: expected })
    expect(sealed).toEqual({ ...report, provenance: { ...report.provenance, contentHash: expected } })
  })

  it("reseals a report from its figures, never from its old hash", () => {
    // sealing a sealed report (or one whose hash is already filled in) hashes the same bytes
    const sealed = sealReport(report)
    expect(sealReport(sealed).provenance.contentHash).toBe(sealed.provenance.contentHash)
    expect(sealReport(plain(sealed)).provenance.contentHash).toBe(sealed.provenance.contentHash)
  })

  it("restamps a report to a later time: the new time, hashed anew; the same time returns it as it is", () => {
    const sealed = sealReport(report)
    const later = restampReport(sealed, "2025-06-01T00:00:00.000Z")
    expect(later.provenance.asOf).toBe("2025-06-01T00:00:00.000Z")
    expect(later.provenance.contentHash).toBe(sha256(JSON.stringify({ ...report, provenance: { ...report.provenance, asOf: "2025-06-01T00:00:00.000Z" } })))
    expect(later.provenance.contentHash).not.toBe(sealed.provenance.contentHash)
    expect(later.sections).toBe(sealed.sections)
    expect(restampReport(sealed, report.provenance.asOf)).toBe(sealed)
  })
})

