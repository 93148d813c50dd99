import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll } from "vitest"
import * as Database from "../src/Database.js"
import { observationStoreSuite } from "../src/testing/index.js"

observationStoreSuite("SQLite :memory:", () => Database.layerSqlite({ filename: ":memory:" }))

const dir = mkdtempSync(join(tmpdir(), "tijian-store-"))
let n = 0
observationStoreSuite("SQLite file (WAL)", () => Database.layerSqlite({ filename: join(dir, `store-${n++}.sqlite`) }))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
