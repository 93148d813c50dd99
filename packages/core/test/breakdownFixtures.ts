import { Effect, Layer } from "effect"
import * as Database from "../src/Database.js"
import type { Dimension } from "../src/Dimension.js"
import * as Engine from "../src/Engine.js"
import * as ObservationStore from "../src/ObservationStore.js"
import { definePlugin, type Plugin } from "../src/Plugin.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import * as Registry from "../src/Registry.js"
import { freshPostgresDatabase, postgresAvailability } from "../src/testing/index.js"
import { text } from "./fixtures.js"

/** Green travel by mode (additive: metro, bus and bike make up the total) and by purpose (not additive). */
export const mode: Dimension = {
  id: "mode",
  name: { zh: "方式", en: "mode" },
  additive: true,
  codes: [
    { code: "metro", name: { zh: "地铁", en: "metro" } },
    { code: "bus", name: { zh: "公交", en: "bus" } },
    { code: "bike", name: { zh: "自行车", en: "bike" } },
  ],
}
export const purpose: Dimension = {
  id: "purpose",
  name: { zh: "目的", en: "purpose" },
  codes: [
    { code: "work", name: { zh: "通勤", en: "work" } },
    { code: "other", name: { zh: "其他", en: "other" } },
  ],
}

/** `mob.green-share` (0..1, two decimals) by mode and purpose; `mob.trips` without dimensions. */
export const mobilityPlugin = definePlugin({
  id: "mob",
  version: "0.0.0",
  name: text("mobility"),
  appliesTo: { levels: ["region", "province", "city", "county", "group"] },
  indicators: [
    {
      id: "mob.green-share", kind: "observed", name: text("green travel share"), unit: text("share of trips"), direction: "higher-is-better",
      decimals: 2, range: { min: 0, max: 1 }, format: "percent", dimensions: [mode, purpose],
    },
    { id: "mob.trips", kind: "observed", name: text("trips"), unit: text("million trips"), direction: "neutral", decimals: 1 },
  ],
  targets: [{ indicator: "mob.green-share", scope: "*", kind: "at-least", value: 0.75, dueYear: 2035, binding: false, source: text("plan") }],
})

/** The databases every breakdown test runs on: SQLite in memory, and PostgreSQL when `TIJIAN_TEST_PG_URL` is set. */
export const DIALECTS: ReadonlyArray<{ readonly name: string; readonly layer: () => Layer.Layer<Database.Database, any> }> = [
  { name: "SQLite", layer: () => Database.layerSqlite({ filename: ":memory:" }) },
  ...(() => {
    const pg = postgresAvailability()
    if (!pg.run) return []
    const url = pg.url
    return [
      {
        name: "PostgreSQL",
        layer: () =>
          Layer.unwrapEffect(Effect.promise(() => freshPostgresDatabase(url)).pipe(Effect.map((u) => Database.layerPostgres({ url: u, maxConnections: 4 })))),
      },
    ]
  })(),
]

/** Runs `body` over registry, store and engine on a fresh database of `layer`. */
export const runOn = <A, E>(
  layer: () => Layer.Layer<Database.Database, any>,
  plugins: ReadonlyArray<Plugin>,
  body: Effect.Effect<A, E, Engine.Engine | ObservationStore.ObservationStore | Registry.Registry>,
) => {
  const base = Layer.mergeAll(Registry.layer(plugins, yrdRegions()), ObservationStore.layer.pipe(Layer.provide(layer())))
  return Effect.runPromise(Effect.provide(body, Engine.layer.pipe(Layer.provideMerge(base))) as Effect.Effect<A, E, never>)
}
