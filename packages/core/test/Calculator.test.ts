import { createHash } from "node:crypto"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Schema } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { defineCalculator, fromPromise, provenanceSource, resolveParams, runCalculator } from "../src/Calculator.js"
import { param, Params } from "../src/CalculatorParams.js"
import { CalculatorError } from "../src/Errors.js"
import { definePlugin } from "../src/Plugin.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import { buildRegistry } from "../src/Registry.js"
import { text } from "./fixtures.js"

/** Sums the "value" column of a CSV and scales it. */
const summer = defineCalculator({
  id: "calc.sum",
  name: text("sum"),
  description: text("sums a column"),
  inputs: [{ name: "table", format: "csv", required: true, description: text("a CSV with a value column") }],
  params: Schema.Struct({
    scale: param(Params.Number, { en: "multiplier", zh: "倍数", default: 1 }),
    columns: param(Params.TextList, { en: "unused", zh: "未用", default: [] }),
  }),
  produces: ["calc.total"],
  run: ({ inputs, params, region, year }) =>
    fromPromise(async () => {
      const lines = readFileSync(inputs.table!.path, "utf8").trim().split("\n").slice(1)
      const total = lines.reduce((s, l, i) => {
        const v = Number(l)
        if (!Number.isFinite(v)) {
          throw new CalculatorError({ reason: "invalid-input", message: "bad value", problems: [{ file: "table", row: i + 2, field: "value", message: `"${l}" is not a number` }] })
        }
        return s + v
      }, 0)
      return { values: [{ indicator: "calc.total" as const, region, year, value: total * params.scale }] }
    }),
})

const plugin = definePlugin({
  id: "calc",
  version: "1.2.3",
  name: text("calc"),
  indicators: [{ id: "calc.total", kind: "observed", name: text("total"), unit: text("u"), direction: "higher-is-better", decimals: 0 }],
  calculators: [summer],
})

const dir = mkdtempSync(join(tmpdir(), "tijian-calc-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const file = (name: string, content: string) => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return { filename: name, path }
}

describe("calculators", () => {
  it("runs with defaults applied and returns provenance: file size, SHA-256, params", async () => {
    const table = file("t.csv", "value\n1\n2\n3.5\n")
    const { output, provenance } = await runCalculator(summer, plugin, {
      inputs: { table },
      params: { scale: "2" },
      region: "320500",
      year: 2022,
      regions: yrdRegions(),
    })
    expect(output.values).toEqual([{ indicator: "calc.total", region: "320500", year: 2022, value: 13 }])
    const sha = createHash("sha256").update("value\n1\n2\n3.5\n").digest("hex")
    expect(provenance).toEqual({
      calculator: "calc.sum",
      plugin: "calc",
      pluginVersion: "1.2.3",
      inputs: [{ name: "table", filename: "t.csv", bytes: 14, sha256: sha }],
      params: { scale: 2, columns: [] },
    })
    expect(provenanceSource(provenance)).toBe(`calculator calc.sum (calc 1.2.3); inputs: table=t.csv sha256:${sha.slice(0, 12)}; params: {"scale":2,"columns":[]}`)
  })

  it("refuses a missing input, an unknown parameter and a non-number, naming each", async () => {
    const base = { region: "YRD", year: 2022, regions: yrdRegions() }
    await expect(runCalculator(summer, plugin, { ...base, inputs: {}, params: {} })).rejects.toMatchObject({
      reason: "invalid-input",
      problems: [{ file: "table", message: 'required input "table" (csv) was not given' }],
    })
    expect(() => resolveParams(summer, { scael: 2 })).toThrow('calc.sum: unknown parameter "scael"; the parameters are scale, columns')
    expect(() => resolveParams(summer, { scale: "two" })).toThrow('calc.sum: parameter "scale" must be a number, got "two"')
    expect(resolveParams(summer, { columns: "a, b,,c" }).values).toEqual({ scale: 1, columns: ["a", "b", "c"] })
  })

  it("refuses a JSON object or list where a number or a text belongs, and lists every problem", () => {
    expect(() => resolveParams(summer, { scale: { value: 2 } })).toThrow('parameter "scale" must be a number, got {"value":2}')
    expect(() => resolveParams(summer, { scale: [2] })).toThrow('parameter "scale" must be a number, got [2]')
    try {
      resolveParams(summer, { scale: "x", columns: ["a", { b: 1 }], extra: 1 })
      expect.unreachable()
    } catch (e) {
      expect((e as CalculatorError).problems.map((p) => p.field)).toEqual(["extra", "scale", "columns"])
    }
    expect(resolveParams(summer, { scale: "2", columns: ["a"] })).toEqual({ values: { scale: 2, columns: ["a"] }, canonical: { scale: 2, columns: ["a"] } })
  })

  it("passes through the calculator's own row-level error", async () => {
    const table = file("bad.csv", "value\n1\nx\n")
    await expect(
      runCalculator(summer, plugin, { inputs: { table }, params: {}, region: "YRD", year: 2022, regions: yrdRegions() }),
    ).rejects.toMatchObject({ problems: [{ file: "table", row: 3, field: "value", message: '"x" is not a number' }] })
  })

  it("is listed by the registry, which rejects a calculator producing an unknown indicator", () => {
    const registry = Effect.runSync(buildRegistry([plugin], yrdRegions()))
    expect(registry.calculators.map((c) => [c.plugin.id, c.calculator.id])).toEqual([["calc", "calc.sum"]])
    const broken = { ...plugin, calculators: [{ ...summer, produces: ["calc.nothing"] as never }] }
    const error = Effect.runSync(Effect.flip(buildRegistry([broken], yrdRegions())))
    expect(error.message).toBe('cannot build the registry: calculator "calc.sum" of plugin "calc" produces "calc.nothing", which no plugin declares')
  })
})
