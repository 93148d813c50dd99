/**
 * Indicator definitions told apart by `kind`: what a kind needs is a compile error when missing (the
 * `@ts-expect-error` lines, checked by `pnpm typecheck`) and a registry error for untyped code; `compute` reads its
 * inputs by id as numbers.
 */
import { Effect } from "effect"
import { describe, expect, expectTypeOf, it } from "vitest"
import type { IndicatorDefinition, InputValues } from "../src/Indicator.js"
import { definePlugin, type Plugin } from "../src/Plugin.js"
import { evaluatePlugins } from "../src/plugin/testing/evaluatePlugins.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import { buildRegistry } from "../src/Registry.js"
import { text } from "./fixtures.js"

const base = <const Id extends string>(id: Id) => ({ id, kind: "observed", name: text(id), unit: text("index"), direction: "higher-is-better", decimals: 2 }) as const
const plugin = { id: "k", version: "0.0.0", name: text("k") } as const
const inputs = [base("k.a"), base("k.b")] as const
const refusal = (indicators: ReadonlyArray<unknown>) =>
  Effect.runSync(Effect.flip(buildRegistry([{ id: "k", version: "0", name: text("k"), indicators } as Plugin], yrdRegions()))).message

describe("indicator kinds", () => {
  it("a derived indicator without inputs and compute, a reported one that computes, an observed one with inputs only: compile errors and registry errors", () => {
    const declare = (i: IndicatorDefinition<`k.${string}`, "k.a" | "k.b">) => i
    const wrong = [
      // @ts-expect-error a derived indicator needs inputs and compute
      declare({ ...base("k.derived"), kind: "derived" }),
      // @ts-expect-error a derived indicator needs compute, not only inputs
      declare({ ...base("k.no-compute"), kind: "derived", inputs: ["k.a"] }),
      // @ts-expect-error a reported indicator is a published figure: it cannot compute
      declare({ ...base("k.reported"), kind: "reported", reports: "k.a", inputs: ["k.a"], compute: (v) => v["k.a"] }),
      // @ts-expect-error a reported indicator names the derived one it reports
      declare({ ...base("k.reported-nothing"), kind: "reported" }),
      // @ts-expect-error an observed indicator declares both inputs and compute, or neither
      declare({ ...base("k.half"), kind: "observed", inputs: ["k.a"] }),
    ]
    const message = refusal([base("k.a"), base("k.b"), ...wrong])
    expect(message).toBe(
      [
        "cannot build the registry (5 problems): ",
        `indicator "k.derived" is derived but declares no inputs or compute; `,
        `indicator "k.no-compute" is derived but declares no inputs or compute; `,
        `indicator "k.reported" is reported (a published figure); it cannot compute; `,
        `indicator "k.reported-nothing" is reported (a published figure) but names no derived indicator in reports; `,
        `indicator "k.half" declares only one of inputs and compute; it needs both or neither`,
      ].join(""),
    )
  })

  it("compute reads its inputs by id as numbers (no `!`), and the engine passes them: 3 + 4 = 7", async () => {
    const sum = definePlugin({
      ...plugin,
      indicators: [
        ...inputs,
        {
          ...base("k.sum"),
          kind: "derived",
          inputs: ["k.a", "k.b"],
          compute: (v) => {
            expectTypeOf(v).toEqualTypeOf<InputValues<"k.a" | "k.b" | "k.sum">>()
            expectTypeOf(v["k.a"]).toEqualTypeOf<number>()
            // @ts-expect-error "k.c" is not an indicator of the plugin
            void v["k.c"]
            return v["k.a"] + v["k.b"]
          },
        },
      ],
    })
    const rows = [
      { indicator: "k.a", region: "320500", year: 2024, value: 3 },
      { indicator: "k.b", region: "320500", year: 2024, value: 4 },
    ]
    const { row } = await evaluatePlugins([sum], rows, { scope: "320500", year: 2024 })
    expect(row("k.sum")).toMatchObject({ value: 7, origin: "derived" })
  })

  it("with missing inputs allowed (maxMissingInputShare 0.5), compute may find an input undefined: 3 alone gives 3", async () => {
    const max = definePlugin({
      ...plugin,
      indicators: [
        ...inputs,
        {
          ...base("k.max"),
          kind: "derived",
          inputs: ["k.a", "k.b"],
          maxMissingInputShare: 0.5,
          compute: (v) => {
            expectTypeOf(v["k.b"]).toEqualTypeOf<number | undefined>()
            return Math.max(v["k.a"] ?? -Infinity, v["k.b"] ?? -Infinity)
          },
        },
      ],
    })
    const { row } = await evaluatePlugins([max], [{ indicator: "k.a", region: "320500", year: 2024, value: 3 }], { scope: "320500", year: 2024 })
    expect(row("k.max").value).toBe(3)
  })
})
