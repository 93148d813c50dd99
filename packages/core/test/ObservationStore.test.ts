import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer } from "effect"
import { afterAll, describe, it } from "vitest"
import * as Database from "../src/Database.js"
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
