// `pnpm tijian plugins sync`: a plugin enabled on a database made before it gets its reference data, once, audited;
// cells that already hold a value and locked years are left alone.
import { definePlugin, ObservationStore, type Plugin } from "@tijian/core"
import { ecology } from "@tijian/plugin-ecology"
import { Effect } from "effect"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { listAudit } from "../src/audit/AuditLog.js"
import type { CliIo } from "../src/cli/io.js"
import { runCli } from "../src/cli/runCli.js"
import { type AppServices, makeRuntime, runOrThrow } from "../src/runtime.js"
import { startServer } from "../src/server.js"

const text = (en: string) => ({ zh: en, en })
const source = "Water bulletin (test)"

/** A plugin added later: three published values for 2020, 2024 and 2025. */
const water = definePlugin({
  id: "water",
  version: "1.0.0",
  name: text("Water"),
  indicators: [{ id: "water.clean-share", kind: "observed", name: text("clean share"), unit: text("share"), direction: "higher-is-better", range: { min: 0, max: 1 }, decimals: 3 }],
  referenceData: {
    observations: [
      { indicator: "water.clean-share", region: "YRD", year: 2020, value: 0.8, source },
      { indicator: "water.clean-share", region: "YRD", year: 2024, value: 0.85, source },
      { indicator: "water.clean-share", region: "YRD", year: 2025, value: 0.9, source },
    ],
  },
})

const dirs: Array<string> = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

const database = () => {
  const dir = mkdtempSync(join(tmpdir(), "tijian-sync-"))
  dirs.push(dir)
  const cli = async (plugins: ReadonlyArray<Plugin>, ...argv: Array<string>) => {
    let stdout = ""
    let stderr = ""
    const io: CliIo = {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      env: { TIJIAN_DB: "tijian.sqlite" },
      cwd: dir,
      now: () => new Date("2026-03-01T00:00:00.000Z"),
      plugins,
    }
    return { code: await runCli(argv, io), stdout, stderr }
  }
  /** Runs `effect` on the database with `plugins` registered. */
  const use = async <A>(plugins: ReadonlyArray<Plugin>, effect: Effect.Effect<A, never, AppServices>) => {
    const runtime = makeRuntime({ filename: join(dir, "tijian.sqlite"), plugins })
    try {
      return await runOrThrow(runtime, effect)
    } finally {
      await runtime.dispose()
    }
  }
  const waterValues = () =>
    use(
      [ecology, water],
      Effect.flatMap(ObservationStore.ObservationStore, (s) => Effect.orDie(s.current({ indicators: ["water.clean-share"] }))),
    )
  const syncEntries = () => use([ecology], Effect.orDie(listAudit({ limit: 100, action: "plugins.sync" })))
  return { dir, cli, use, waterValues, syncEntries }
}

describe("pnpm tijian plugins sync", () => {
  it("loads a newly enabled plugin's reference values into an existing database, once, audited", async () => {
    const db = database()
    // the database is made with ecology alone: its reference data are loaded at first use
    const first = await db.cli([ecology], "plugins", "list")
    expect(first.code).toBe(0)
    expect(first.stderr).toMatch(/^loaded \d+ reference values into .*tijian\.sqlite \(first use of this database\)\n$/)
    expect(await db.waterValues()).toEqual([])

    const sync = await db.cli([ecology, water], "plugins", "sync")
    expect([sync.code, sync.stderr]).toEqual([0, ""])
    const ecologyReference = ecology.referenceData?.observations.length ?? 0
    expect(sync.stdout).toBe(`stored 3 reference value(s) (water 3) into ${join(db.dir, "tijian.sqlite")}; ${ecologyReference} already there, kept\n`)
    expect((await db.waterValues()).map((o) => [o.year, o.value, o.agency, o.source])).toEqual([
      [2020, 0.8, "reference-data", source],
      [2024, 0.85, "reference-data", source],
      [2025, 0.9, "reference-data", source],
    ])
    const [entry, ...more] = await db.syncEntries()
    expect(more).toEqual([])
    expect(entry).toMatchObject({
      action: "plugins.sync",
      actor: { tokenId: null, agency: "local-cli", role: null },
      targets: ["water"],
      count: 3,
      details: { storedByPlugin: { water: 3 }, present: ecologyReference, inLockedYears: 0 },
    })

    // idempotent: nothing more to store, nothing recorded
    const again = await db.cli([ecology, water], "plugins", "sync")
    expect(again.stdout).toBe(`stored no reference values into ${join(db.dir, "tijian.sqlite")}; ${ecologyReference + 3} already there, kept\n`)
    expect(await db.syncEntries()).toHaveLength(1)
    expect(await db.waterValues()).toHaveLength(3)
  })

  it("keeps a cell an agency already filled and leaves a locked year alone", async () => {
    const db = database()
    await db.cli([ecology], "plugins", "list")
    // before the sync: an agency registers 2024, and 2020 is locked
    const csv = join(db.dir, "water-2024.csv")
    writeFileSync(csv, "indicator,region,year,value\nwater.clean-share,YRD,2024,0.86\n")
    expect((await db.cli([ecology, water], "import", csv, "--agency", "yrd-water")).code).toBe(0)
    await db.use(
      [ecology, water],
      Effect.flatMap(ObservationStore.ObservationStore, (s) => Effect.orDie(s.lockYear(2020, { actor: "admin", reason: "published", at: "2026-02-01T00:00:00.000Z" }))),
    )

    const sync = await db.cli([ecology, water], "plugins", "sync")
    expect(sync.stdout).toContain("stored 1 reference value(s) (water 1)")
    expect(sync.stdout).toContain("1 in locked years not stored (unlock the year, sync, lock it again)")
    expect((await db.waterValues()).map((o) => [o.year, o.value, o.agency])).toEqual([
      [2024, 0.86, "yrd-water"],
      [2025, 0.9, "reference-data"],
    ])
    expect((await db.syncEntries()).map((e) => [e.count, e.details])).toEqual([[1, { storedByPlugin: { water: 1 }, present: (ecology.referenceData?.observations.length ?? 0) + 1, inLockedYears: 1 }]])
  })

  it("is what the server names at start while a plugin's reference values are missing", async () => {
    const db = database()
    await db.cli([ecology], "plugins", "list")
    const start = () => startServer({ port: 0, host: "127.0.0.1", database: join(db.dir, "tijian.sqlite") }, { plugins: [ecology, water] })
    const before = await start()
    await before.close()
    expect([before.seeded, before.pendingReference]).toEqual([0, { water: 3 }])
    await db.cli([ecology, water], "plugins", "sync")
    const after = await start()
    await after.close()
    expect(after.pendingReference).toEqual({})
  })

  it("says what it does", async () => {
    const db = database()
    const help = await db.cli([ecology], "plugins", "--help")
    expect(help.stdout).toContain("sync   loads the reference values of the enabled plugins")
    const wrong = await db.cli([ecology], "plugins", "sync", "water")
    expect([wrong.code, wrong.stderr.split("\n")[0]]).toEqual([2, 'error: plugins sync takes no arguments, got "water"'])
  })
})
