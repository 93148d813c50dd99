/**
 * A read-only instance over a SQLite copy (docs/scaling.md): the file is opened read-only and not migrated, reports
 * read as on the instance that wrote them, every write is answered 503 naming the primary and the file is not
 * touched; a copy behind on migrations, or a file that does not exist, stops the start with what to do. The settings
 * `TIJIAN_READ_ONLY` and `TIJIAN_PRIMARY_URL` are read and checked like the others.
 */
import Sqlite from "better-sqlite3"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { apiSettingsOf, ConfigError, configFromEnv } from "../src/config.js"
import { startServer } from "../src/server.js"
import { cliInProcess } from "./support/cliInProcess.js"

const PRIMARY = "https://tijian.example.gov.cn"

describe("a read-only instance over a SQLite copy", () => {
  let dir: string
  let file: string
  let admin: string
  let liveReport: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "tijian-readonly-"))
    file = join(dir, "tijian.sqlite")
    const writer = await startServer({ port: 0, host: "127.0.0.1", database: file })
    const cli = cliInProcess(() => ({ env: { TIJIAN_DB: file, TIJIAN_CONFIG: "" }, cwd: dir }))
    admin = (await cli("tokens", "create", "--role", "admin", "--agency", "yrd-office")).lastLine.trim()
    const write = await fetch(`${writer.url}/api/v1/observations`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
      body: JSON.stringify({ observations: [{ indicator: "ecology.redline-area-km2", region: "320509", year: 2023, value: 30.25, source: "survey" }] }),
    })
    expect(write.status).toBe(201)
    liveReport = await (await fetch(`${writer.url}/api/v1/reports/320509/2023`)).text()
    await writer.close()
  }, 60_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("reads what the writer stored, refuses writes with 503 naming the primary, and leaves the file as it was", async () => {
    const bytes = readFileSync(file)
    const reader = await startServer({ port: 0, host: "127.0.0.1", database: file, readOnly: true, primaryUrl: PRIMARY })
    try {
      expect(reader.seeded).toBe(0)
      const report = await fetch(`${reader.url}/api/v1/reports/320509/2023`)
      expect(report.status).toBe(200)
      expect(await report.text()).toBe(liveReport)
      const refused = await fetch(`${reader.url}/api/v1/observations`, {
        method: "POST",
        headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
        body: JSON.stringify({ observations: [{ indicator: "ecology.redline-area-km2", region: "310118", year: 2023, value: 12, source: "survey" }] }),
      })
      expect(refused.status).toBe(503)
      expect(await refused.json()).toEqual({
        error: {
          code: "read-only",
          message: `this instance serves reads only (it runs on a read replica of the database), so it cannot POST /api/v1/observations: send POST /api/v1/observations to the primary instance at ${PRIMARY}`,
          details: { primaryUrl: PRIMARY },
          requestId: refused.headers.get("x-request-id"),
        },
      })
      // an upload is refused before its body is read; reads of every kind go on
      const upload = await fetch(`${reader.url}/api/v1/observations/import`, { method: "PUT", body: "x".repeat(1_000_000) })
      expect(upload.status).toBe(503)
      expect((await fetch(`${reader.url}/api/v1/ready`)).status).toBe(200)
      expect((await fetch(`${reader.url}/reports/320509/2023?lang=zh`)).status).toBe(200)
    } finally {
      await reader.close()
    }
    expect(readFileSync(file).equals(bytes)).toBe(true)
  }, 60_000)

  it("stops at start when the copy is behind on migrations, or absent, saying what to do", async () => {
    const behind = join(dir, "behind.sqlite")
    const copy = new Sqlite(file)
    await copy.backup(behind)
    copy.close()
    const db = new Sqlite(behind)
    db.prepare("delete from kysely_migration where name = ?").run("0009_breakdowns")
    db.close()
    await expect(startServer({ port: 0, host: "127.0.0.1", database: behind, readOnly: true })).rejects.toThrow(
      `the read-only database ${behind} has not run migration(s) 0009_breakdowns, which this version of tijian needs: start this version once on the primary (it migrates on start), let the replica catch up, then start the read-only instance`,
    )
    await expect(startServer({ port: 0, host: "127.0.0.1", database: join(dir, "absent.sqlite"), readOnly: true })).rejects.toThrow(
      /cannot open SQLite database .*absent\.sqlite/,
    )
  }, 60_000)
})

describe("the read-only settings", () => {
  it("are read from the environment and passed to the app", () => {
    const config = configFromEnv({ TIJIAN_READ_ONLY: "true", TIJIAN_PRIMARY_URL: `${PRIMARY}/` }, tmpdir())
    expect([config.readOnly, config.primaryUrl]).toEqual([true, PRIMARY])
    expect(apiSettingsOf(config)).toMatchObject({ readOnly: true, primaryUrl: PRIMARY })
    expect(configFromEnv({}, tmpdir())).toMatchObject({ readOnly: false, primaryUrl: null })
  })

  it("name the variable and what fits when wrong", () => {
    expect(() => configFromEnv({ TIJIAN_READ_ONLY: "yes" }, tmpdir())).toThrow(new ConfigError('TIJIAN_READ_ONLY must be true or false, not "yes"'))
    expect(() => configFromEnv({ TIJIAN_PRIMARY_URL: "tijian.example.gov.cn" }, tmpdir())).toThrow(
      new ConfigError('TIJIAN_PRIMARY_URL must be an http(s) URL such as https://tijian.example.gov.cn, not "tijian.example.gov.cn"'),
    )
  })
})
