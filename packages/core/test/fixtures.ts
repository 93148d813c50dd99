import { Effect, Layer } from "effect"
import * as Database from "../src/Database.js"
import * as Engine from "../src/Engine.js"
import type { IndicatorBase } from "../src/Indicator.js"
import * as ObservationStore from "../src/ObservationStore.js"
import { definePlugin, type Plugin } from "../src/Plugin.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import * as Registry from "../src/Registry.js"

export const text = (en: string) => ({ zh: en, en })

export const observed = (id: string, extra: Partial<IndicatorBase> = {}): IndicatorBase & { readonly kind: "observed" } => ({
  id,
  kind: "observed",
  name: text(id),
  unit: text("index"),
  direction: "higher-is-better",
  decimals: 2,
  ...extra,
})

/** The full stack over an in-memory SQLite database: registry, database, store, engine. */
export const stack = (plugins: ReadonlyArray<Plugin>) => {
  const base = Layer.mergeAll(Registry.layer(plugins, yrdRegions()), ObservationStore.layer.pipe(Layer.provide(Database.layerSqlite({ filename: ":memory:" }))))
  return Engine.layer.pipe(Layer.provideMerge(base))
}

export const at = (day: number) => new Date(Date.UTC(2024, 0, day)).toISOString()

/** A derived chain declared out of order: t.total reads t.sum, which reads t.a and t.b. */
export const chainPlugin = definePlugin({
  id: "t",
  version: "0.0.0",
  name: text("test"),
  appliesTo: { levels: ["region", "province", "city", "county", "group"] },
  indicators: [
    {
      id: "t.total",
      kind: "derived",
      name: text("total"),
      unit: text("index"),
      direction: "higher-is-better",
      decimals: 2,
      inputs: ["t.sum"],
      compute: (v) => v["t.sum"] * 10,
    },
    {
      id: "t.sum",
      kind: "derived",
      name: text("sum"),
      unit: text("index"),
      direction: "higher-is-better",
      decimals: 2,
      inputs: ["t.a", "t.b"],
      compute: (v) => v["t.a"] + v["t.b"],
    },
    {
      id: "t.a",
      kind: "observed",
      name: text("a"),
      unit: text("index"),
      direction: "higher-is-better",
      decimals: 2,
      range: { min: 0, max: 100 },
      aggregate: { rule: "sum" },
      // The fixture's series start in 2012, before the method's default base year 2015.
      progress: { baseYear: 2012 },
    },
    {
      id: "t.b",
      kind: "observed",
      name: text("b"),
      unit: text("index"),
      direction: "lower-is-better",
      decimals: 2,
      aggregate: { rule: "weighted-mean", weight: "t.pop" },
    },
    {
      id: "t.pop",
      kind: "observed",
      name: text("population"),
      unit: text("persons"),
      direction: "higher-is-better",
      decimals: 0,
      aggregate: { rule: "sum" },
    },
    {
      id: "t.broken",
      kind: "derived",
      name: text("broken"),
      unit: text("index"),
      direction: "higher-is-better",
      decimals: 2,
      inputs: ["t.a"],
      compute: () => {
        throw new Error("division by zero in the test calculator")
      },
    },
  ],
  targets: [
    { indicator: "t.a", scope: "*", kind: "at-least", value: 100, dueYear: 2035, binding: false, source: text("plan") },
    { indicator: "t.b", scope: "320500", kind: "at-most", value: 5, dueYear: 2030, binding: true, source: text("plan") },
  ],
})

export const runWith = <A, E>(plugins: ReadonlyArray<Plugin>, body: Effect.Effect<A, E, Engine.Engine | ObservationStore.ObservationStore | Registry.Registry>) =>
  Effect.runPromise(Effect.provide(body, stack(plugins)) as Effect.Effect<A, E, never>)
