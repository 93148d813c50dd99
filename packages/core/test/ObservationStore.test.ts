import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import * as Database from "../src/Database.js"
import * as ObservationStore from "../src/ObservationStore.js"
import { freshPostgresDatabase, observationStoreSuite, postgresAvailability } from "../src/testing/index.js"

const dir = mkdtempSync(join(tmpdir(), "tijian-store-"))
let n = 0
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Every backend runs the same suite (as Kysely's own tests do for each dialect). */
const BACKENDS: ReadonlyArray<{ readonly name: string; readonly layer: () => Layer.Layer<Database.Database, any> }> = [
  { name: "SQLite :memory:", layer: () => Database.layerSqlite({ filename: ":memory:" }) },
  { name: "SQLite file (WAL)", layer: () => Database.layerSqlite({ filename: join(dir, `store-${n++}.sqlite`) }) },
]

for (const backend of BACKENDS) observationStoreSuite(backend.name, backend.layer)

const lastChangeReaderTest = (name: string, layer: () => Layer.Layer<Database.Database, any>) =>
  it(`${name}: lastChangeReader reads the stamp lastChange reads, write after write`, () =>
    Effect.runPromise(
      Effect.gen(function* () {
        const store = yield* ObservationStore.ObservationStore
        const now = ObservationStore.lastChangeReader((yield* Database.Database).db)
        expect(yield* Effect.promise(now)).toBe(null)
        const row = { indicator: "test.value", region: "320500", year: 2022, value: 1, agency: "a", source: "s" }
        yield* store.append([row], "2024-01-01T00:00:00.000Z")
        expect(yield* Effect.promise(now)).toBe("2024-01-01T00:00:00.000Z")
        yield* store.lockYear(2030, { actor: "admin", reason: "published", at: "2024-01-01T00:00:00.000Z" })
        expect(yield* Effect.promise(now)).toBe("2024-01-01T00:00:00.001Z")
        expect(yield* store.lastChange()).toBe("2024-01-01T00:00:00.001Z")
      }).pipe(Effect.provide(ObservationStore.layer.pipe(Layer.provideMerge(layer())))),
    ),
  )

for (const backend of BACKENDS) lastChangeReaderTest(backend.name, backend.layer)

const pg = postgresAvailability()
if (pg.run) {
  const adminUrl = pg.url
  // a fresh database per test
  observationStoreSuite("PostgreSQL", () =>
    Layer.unwrapEffect(
      Effect.promise(() => freshPostgresDatabase(adminUrl)).pipe(Effect.map((url) => Database.layerPostgres({ url, maxConnections: 4 }))),
    ),
  )
} else {
  describe.skip(pg.reason, () => it("runs the storage suite on PostgreSQL", () => {}))
}
