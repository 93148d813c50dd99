import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import SqliteDatabase from "better-sqlite3"
import { Effect, Layer } from "effect"
import { Kysely, Migrator, SqliteDialect } from "kysely"
import { afterAll, expect, it } from "vitest"
import * as Database from "../src/Database.js"
import { migrations } from "../src/migrations/index.js"
import * as ObservationStore from "../src/ObservationStore.js"

const dir = mkdtempSync(join(tmpdir(), "tijian-bilingual-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it("0005 on a database written before it: the plain source and note stay, the language columns are null", async () => {
  const filename = join(dir, "old.sqlite")
  const old = new Kysely<any>({ dialect: new SqliteDialect({ database: new SqliteDatabase(filename) }) })
  const result = await new Migrator({ db: old, provider: { getMigrations: async () => migrations } }).migrateTo("0004_write_clock")
  expect(result.error).toBeUndefined()
  await old
    .insertInto("observations")
    .values({
      indicator: "test.value", region: "320500", year: 2022, revision: 1, value: 71.5, agency: "suzhou-bureau",
      submitted_at: "2024-01-01T00:00:00.000Z", source: "苏州统计年鉴2023", note: "初步数", status: "final",
    })
    .execute()
  await old.destroy()

  const [o] = await Effect.runPromise(
    Effect.flatMap(ObservationStore.ObservationStore, (store) => store.current({})).pipe(
      Effect.provide(ObservationStore.layer.pipe(Layer.provide(Database.layerSqlite({ filename })))),
    ),
  )
  expect([o!.value, o!.source, o!.note, o!.sourceZh, o!.sourceEn, o!.noteZh, o!.noteEn]).toEqual([71.5, "苏州统计年鉴2023", "初步数", null, null, null, null])
})
