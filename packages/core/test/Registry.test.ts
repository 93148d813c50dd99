import { describe, expect, expectTypeOf, it } from "vitest"
import { Effect } from "effect"
import { definePlugin } from "../src/Plugin.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import { buildRegistry } from "../src/Registry.js"
import { chainPlugin, observed, text } from "./fixtures.js"

const derived = (id: string, inputs: Array<string>) => ({
  ...observed(id),
  kind: "derived" as const,
  inputs,
  compute: (v: Readonly<Record<string, number>>) => inputs.reduce((s, i) => s + v[i]!, 0),
})

const build = (plugins: Parameters<typeof buildRegistry>[0]) => Effect.runSync(Effect.flip(buildRegistry(plugins, yrdRegions())))

describe("Registry", () => {
  it("orders derived indicators after their inputs (a DAG order)", () => {
    const registry = Effect.runSync(buildRegistry([chainPlugin], yrdRegions()))
    const order = registry.indicators.map((i) => i.id)
    expect(order.indexOf("t.a")).toBeLessThan(order.indexOf("t.sum"))
    expect(order.indexOf("t.b")).toBeLessThan(order.indexOf("t.sum"))
    expect(order.indexOf("t.sum")).toBeLessThan(order.indexOf("t.total"))
  })

  it("rejects a cycle among derived indicators, naming the ids on the cycle", () => {
    const plugin = { id: "c", version: "0", name: text("c"), indicators: [observed("c.x"), derived("c.p", ["c.q", "c.x"]), derived("c.q", ["c.r"]), derived("c.r", ["c.p"])] }
    const error = build([plugin])
    expect(error.reason).toBe("cycle")
    expect(error.message).toBe("cannot build the registry: derived indicators form a cycle: c.p -> c.q -> c.r -> c.p")
  })

  it("rejects an input no plugin declares, an unprefixed id, a duplicate, and an unknown target scope, in one error", () => {
    const plugin = {
      id: "d",
      version: "0",
      name: text("d"),
      indicators: [observed("d.ok"), observed("d.ok"), observed("other.thing"), derived("d.sum", ["d.ok", "d.missing"])],
      targets: [{ indicator: "d.ok", scope: "NOWHERE", kind: "at-least" as const, value: 1, dueYear: 2030, binding: true, source: text("plan") }],
    }
    const error = build([plugin])
    expect(error.message).toContain("4 problems")
    expect(error.message).toContain(`indicator "d.ok" is declared by both "d" and "d"`)
    expect(error.message).toContain(`indicator "other.thing" of plugin "d" must be "d.<kebab-slug>"`)
    expect(error.message).toContain(`indicator "d.sum" reads input "d.missing", which no plugin declares`)
    expect(error.message).toContain(`names scope "NOWHERE", which is not a known region or group`)
  })

  it("rejects progress thresholds out of order and a fractional base year, naming them", () => {
    const plugin = {
      id: "q",
      version: "0",
      name: text("q"),
      indicators: [observed("q.a", { progress: { baseYear: 2015.5, thresholds: { moderateRate: 0.02 } } }), observed("q.b")],
      targets: [
        { indicator: "q.b", scope: "*", kind: "at-least" as const, value: 1, dueYear: 2030, binding: false, source: text("plan"), progressThresholds: { limitedRatio: 0.7 } },
      ],
    }
    const error = build([plugin])
    expect(error.message).toContain("3 problems")
    expect(error.message).toContain(`indicator "q.a" has progress.baseYear 2015.5; it must be a whole year`)
    // 2% moderate against the published 1.5% substantial
    expect(error.message).toContain("moderateRate 0.02 is above substantialRate 0.015")
    expect(error.message).toContain(`target "q.b@*/at-least/2030" of plugin "q" has progressThresholds where limitedRatio 0.7 is above moderateRatio 0.6`)
  })

  it("finds the targets for an indicator in a scope, including those for every scope", () => {
    const registry = Effect.runSync(buildRegistry([chainPlugin], yrdRegions()))
    expect(registry.targetsFor("t.b", "320500").map((t) => t.id)).toEqual(["t.b@320500/at-most/2030"])
    expect(registry.targetsFor("t.b", "341300")).toEqual([])
    expect(registry.targetsFor("t.a", "341300").map((t) => t.id)).toEqual(["t.a@*/at-least/2035"])
  })

  it("refuses a target naming an undeclared indicator: a compile error, and a registry error for untyped code", () => {
    const plugin = definePlugin({
      id: "e",
      version: "0",
      name: text("e"),
      indicators: [{ id: "e.one", kind: "observed", name: text("one"), unit: text("u"), direction: "higher-is-better", decimals: 0 }],
      // @ts-expect-error "e.two" is neither declared nor used
      targets: [{ indicator: "e.two", scope: "YRD", kind: "at-least", value: 1, dueYear: 2030, binding: false, source: text("p") }],
    })
    // definePlugin keeps the declared ids as literal types (what makes "e.two" above a compile error)
    expectTypeOf<(typeof plugin.indicators)[number]["id"]>().toEqualTypeOf<"e.one">()
    const error = Effect.runSync(Effect.flip(buildRegistry([plugin], yrdRegions())))
    expect(error.reason).toBe("unknown-indicator")
    expect(error.message).toContain("e.two")
  })
})
