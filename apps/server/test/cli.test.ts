import { Schema } from "effect"
import { CalculatorError, defineCalculator, definePlugin, fromPromise, param, Params } from "@tijian/core"
import { createHash } from "node:crypto"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { cliInProcess } from "./support/cliInProcess.js"
import { builtinPlugins } from "../src/plugins.js"
import { type AppRuntime, makeRuntime } from "../src/runtime.js"

const text = (en: string) => ({ zh: en, en })

/** Sums the "trees" column of a CSV (the same toy as in calculators.test.ts). */
const sumTrees = defineCalculator({
  id: "toy.sum-trees",
  name: { zh: "树木合计", en: "Sum of trees" },
  description: text("adds up the trees column of a CSV"),
  inputs: [{ name: "counts", format: "csv", required: true, description: text("a CSV with a trees column") }],
  params: Schema.Struct({ scale: param(Params.Number, { ...text("a multiplier"), default: 1 }) }),
  produces: ["toy.trees"],
  run: ({ inputs, params, region, year, progress }) => fromPromise(async () => {
    const [, ...lines] = readFileSync(inputs.counts!.path, "utf8").trim().split("\n")
    const total = lines.reduce((sum, line, i) => {
      progress(i + 1, lines.length, "adding")
      const cell = line.split(",")[1] ?? ""
      if (!/^\d+(\.\d+)?$/.test(cell)) {
        throw new CalculatorError({ reason: "invalid-input", message: "bad row", problems: [{ file: "counts", row: i + 2, field: "trees", message: `"${cell}" is not a number` }] })
      }
      return sum + Number(cell)
    }, 0)
    return { values: [{ indicator: "toy.trees" as const, region, year, value: total * params.scale }] }
  }),
})

const toy = definePlugin({
  id: "toy",
  version: "0.1.0",
  name: text("toy"),
  indicators: [{ id: "toy.trees", kind: "observed", name: text("trees"), unit: text("trees"), direction: "higher-is-better", decimals: 1 }],
  calculators: [sumTrees],
})
const plugins = [...builtinPlugins, toy]

let dir: string
let runtime: AppRuntime
let app: ReturnType<typeof makeApp>

/** Runs the CLI in process against the temp database; returns exit code, stdout and stderr. */
const cli = cliInProcess(() => ({ env: { TIJIAN_DB: "tijian.sqlite" }, cwd: dir, now: () => new Date("2025-03-01T00:00:00.000Z"), plugins }))

const writeValue = async (token: string, value: number) => {
  const res = await app.request("/api/v1/observations", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ observations: [{ indicator: "ecology.redline-area-km2", region: "320509", year: 2023, value }] }),
  })
  return [res.status, res.status === 201 ? "stored" : ((await res.json()) as any).error.message]
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tijian-cli-"))
  // the app reads the same SQLite file the CLI writes
  runtime = makeRuntime({ filename: join(dir, "tijian.sqlite"), plugins })
  app = makeApp(runtime, { now: () => new Date("2025-03-02T00:00:00.000Z") })
})

afterAll(async () => {
  await runtime.dispose()
  rmSync(dir, { recursive: true, force: true })
})

describe("tokens", () => {
  let token = ""
  let id = ""

  it("create prints the token alone on its last line; it then authenticates with the app", async () => {
    const res = await cli("tokens", "create", "--role", "agency", "--agency", "suzhou-bureau", "--region", "320500", "--expires-in-days", "30")
    expect(res.code).toBe(0)
    expect(res.lastLine).toMatch(/^tj_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/)
    token = res.lastLine
    id = token.slice(3, 19)
    expect(res.stdout).toContain(
      `created agency token ${id} for suzhou-bureau (region 320500 and the regions within it, all plugins), expires 2025-03-31 00:00Z`,
    )
    expect(await writeValue(token, 30.25)).toEqual([201, "stored"])
  })

  it("list shows it without the secret", async () => {
    const res = await cli("tokens", "list")
    expect(res.code).toBe(0)
    const row = res.stdout.split("\n").find((l) => l.startsWith(id))!
    expect(row.split(/\s{2,}/)).toEqual([id, "agency", "suzhou-bureau", "320500", "all", "2025-03-01 00:00Z", "2025-03-31 00:00Z", "-"])
    expect(res.stdout).not.toContain(token.slice(20))
  })

  it("revoke makes it fail with 401; revoking again is an error", async () => {
    const res = await cli("tokens", "revoke", id)
    expect([res.code, res.stdout]).toEqual([0, `revoked token ${id} (agency, suzhou-bureau); requests with it now get 401\n`])
    expect(await writeValue(token, 31)).toEqual([401, "the bearer token was revoked; ask an admin for a new one"])
    const again = await cli("tokens", "revoke", id)
    expect([again.code, again.stderr]).toEqual([1, `error: token ${id} (agency, suzhou-bureau) was already revoked at 2025-03-01 00:00Z\n`])
  })

  it("makes an approver token for a region or a group; an approver needs one", async () => {
    const group = await cli("tokens", "create", "--role", "approver", "--agency", "demo-zone-committee", "--region", "DEMO-ZONE")
    expect(group.code).toBe(0)
    expect(group.stdout).toContain(`created approver token ${group.lastLine.slice(3, 19)} for demo-zone-committee (approves the regions below DEMO-ZONE, all plugins)`)
    const none = await cli("tokens", "create", "--role", "approver", "--agency", "x")
    expect([none.code, none.stderr.split("\n")[0]]).toEqual([
      2,
      "error: an approver token needs --region <code>: the region or group below which it approves (e.g. --region 320000 for Jiangsu's cities, --region DEMO-ZONE for its three members)",
    ])
    const groupForAgency = await cli("tokens", "create", "--role", "agency", "--agency", "x", "--region", "DEMO-ZONE")
    expect(groupForAgency.code).toBe(1)
  })

  it("refuses a bad role, an agency token without a region (usage, 2) and an unknown region (1)", async () => {
    const role = await cli("tokens", "create", "--role", "boss", "--agency", "x")
    expect([role.code, role.stderr.split("\n")[0]]).toEqual([2, 'error: --role must be one of agency, approver, reviewer, admin, not "boss"'])
    expect((await cli("tokens", "create", "--role", "agency", "--agency", "x")).code).toBe(2)
    expect((await cli("tokens", "create", "--role", "admin", "--agency", "x", "--rgion", "1")).stderr.split("\n")[0]).toBe(
      "error: unknown option --rgion; the options here are --role, --agency, --region, --plugins, --expires-in-days, --never-expires, --help",
    )
    const region = await cli("tokens", "create", "--role", "agency", "--agency", "x", "--region", "999999")
    expect([region.code, region.stderr]).toEqual([1, "error: no region 999999; give a GB/T 2260 region code such as 320500 (Suzhou, Jiangsu) or 310000 (Shanghai)\n"])
  })
})

describe("import", () => {
  it("stores the rows of a small CSV; the same file again changes nothing", async () => {
    writeFileSync(join(dir, "values.csv"), "indicator,region,year,value,source\necology.redline-area-km2,320500,2022,12.5,2022 survey\necology.redline-area-km2,320509,2022,30.25,2022 survey\n")
    const res = await cli("import", "values.csv", "--agency", "suzhou-bureau")
    expect([res.code, res.stdout]).toEqual([0, "stored 2 value(s) from values.csv as suzhou-bureau; 0 unchanged (equal to the stored value)\n"])
    const stored = (await (await app.request("/api/v1/observations?indicator=ecology.redline-area-km2&year=2022")).json()) as any
    expect(stored.observations.map((o: any) => [o.region, o.value, o.agency])).toEqual([
      ["320500", 12.5, "suzhou-bureau"],
      ["320509", 30.25, "suzhou-bureau"],
    ])
    expect((await cli("import", "values.csv")).stdout).toBe("stored 0 value(s) from values.csv as tijian-cli; 2 unchanged (equal to the stored value)\n")
  })

  it("lists every problem with its row and exits 1, storing nothing", async () => {
    writeFileSync(join(dir, "bad.csv"), "indicator,region,year,value\necology.redline-area-km2,320500,2021,-4\necology.redline-area-km2,320599,2021,3\n")
    const res = await cli("import", "bad.csv")
    expect(res.code).toBe(1)
    expect(res.stderr).toMatch(/^error: 2 problem\(s\) in 2 row\(s\) of the file; nothing was stored/)
    expect(res.stderr).toContain("  row 2, value: -4 is outside the valid range 0..∞ of ecology.redline-area-km2 (km²)")
    expect(res.stderr).toContain('  row 3, region: unknown region code "320599"')
    expect((await cli("import", "missing.csv")).code).toBe(1)
  })
})

describe("calc", () => {
  const CSV = "district,trees\nWujiang,120\nWuzhong,80.5\nGusu,41\n" // (120 + 80.5 + 41) × 2 = 483

  it("--json prints the values with their provenance; nothing is stored", async () => {
    writeFileSync(join(dir, "trees.csv"), CSV)
    const res = await cli("calc", "toy.sum-trees", "--input", "counts=trees.csv", "--param", "scale=2", "--region", "320500", "--year", "2024", "--json")
    expect(res.code).toBe(0)
    const body = JSON.parse(res.stdout)
    const sha = createHash("sha256").update(CSV).digest("hex")
    expect(body.provenance.inputs).toEqual([{ name: "counts", filename: "trees.csv", bytes: 48, sha256: sha }])
    expect(body.values).toEqual([
      { indicator: "toy.trees", region: "320500", year: 2024, value: 483, source: `calculator toy.sum-trees (toy 0.1.0); inputs: counts=trees.csv sha256:${sha.slice(0, 12)}; params: {"scale":2}` },
    ])
    expect(body.stored).toBeUndefined()
    expect(res.stderr).toBe("") // a run under a second shows no progress
  })

  it("--commit stores the value as a table; a bad row exits 1 naming file and row", async () => {
    const res = await cli("calc", "toy.sum-trees", "--input", "counts=trees.csv", "--region", "320500", "--year", "2024", "--commit", "--agency", "suzhou-bureau")
    expect(res.code).toBe(0)
    expect(res.stdout.split("\n").slice(0, 3)).toEqual(["indicator  region  year  value  note", "---------  ------  ----  -----  ----", "toy.trees  320500  2024  241.5"])
    expect(res.lastLine).toBe("stored 1 value(s), 0 unchanged; recorded run 1 at 2025-03-02T00:00:00.002Z (its tables show in the 320500 2024 report)")
    writeFileSync(join(dir, "bad-trees.csv"), "district,trees\nWujiang,lots\n")
    const bad = await cli("calc", "toy.sum-trees", "--input", "counts=bad-trees.csv", "--region", "320500", "--year", "2024")
    expect([bad.code, bad.stderr]).toEqual([1, 'error: bad row\n  counts, row 2, trees: "lots" is not a number\n'])
    const wrongInput = await cli("calc", "toy.sum-trees", "--input", "count=trees.csv", "--region", "320500", "--year", "2024")
    expect([wrongInput.code, wrongInput.stderr.split("\n")[0]]).toEqual([2, 'error: toy.sum-trees has no input "count"; its inputs are --input counts=<path>'])
  })
})

describe("composites", () => {
  // YRD's provinces: Shanghai 90 everywhere; Jiangsu (80, 60, 70, 70) and Zhejiang (60, 80, 70, 70) tie at 70, only
  // the weights separating them (interval 2-3, not robust for 4 members); Anhui 50 everywhere.
  it("lists the declared composites and prints a scope's members ranked with intervals and the choice that moves them", async () => {
    const ids = ["beauty.carbon-reduction", "beauty.pollution-reduction", "beauty.green-expansion", "beauty.growth"]
    const provinces: ReadonlyArray<readonly [string, ReadonlyArray<number>]> = [
      ["310000", [90, 90, 90, 90]],
      ["320000", [80, 60, 70, 70]],
      ["330000", [60, 80, 70, 70]],
      ["340000", [50, 50, 50, 50]],
    ]
    const rows = provinces.flatMap(([region, values]) => values.map((v, i) => `${ids[i]},${region},2021,${v},test`))
    writeFileSync(join(dir, "beauty.csv"), ["indicator,region,year,value,source", ...rows].join("\n") + "\n")
    expect((await cli("import", "beauty.csv")).code).toBe(0)
    const list = await cli("composites")
    expect([list.code, list.stdout.split("\n")[2]]).toEqual([0, "beauty.composite  beauty  arithmetic  beauty.carbon-reduction 0.25, beauty.pollution-reduction 0.25, beauty.green-expansion 0.25, beauty.growth 0.25"])
    const r = await cli("composites", "beauty.composite", "YRD", "2021")
    expect(r.code).toBe(0)
    const table = r.stdout.split("\n").filter((l) => /^3[1-4]0000/.test(l)).map((l) => l.split(/\s{2,}/))
    expect(table).toEqual([
      ["310000", "Shanghai", "90", "1", "1", "1-1", "-", "-"],
      // the weights' total index is 1 by the argument above; the seeded estimate (N = 1,000) is 1.01
      ["320000", "Jiangsu", "70", "2", "2", "2-3 !", "weights", "1.01"],
      ["330000", "Zhejiang", "70", "2", "3", "2-3 !", "weights", "1.01"],
      ["340000", "Anhui", "50", "4", "4", "4-4", "-", "-"],
    ])
    expect(r.stdout).toContain('"!" = interval wider than 0 place(s)')
  })

  it("says what is wrong with an unknown composite (1), a bad year (2) and a scope without members (1)", async () => {
    const unknown = await cli("composites", "beauty.nope", "YRD", "2021")
    expect([unknown.code, unknown.stderr]).toEqual([1, 'error: "beauty.nope" is not a declared composite; the composites are beauty.composite (GET /api/v1/composites)\n'])
    expect((await cli("composites", "beauty.composite", "YRD", "20x1")).code).toBe(2)
    const leaf = await cli("composites", "beauty.composite", "320509", "2021")
    expect([leaf.code, leaf.stderr]).toEqual([1, 'error: "320509" has no members to rank (a group\'s members or a region\'s children); use a group such as YRD-CENTRAL-27\n'])
  })
})

describe("usage", () => {
  it("--help prints the usage (0); no command or an unknown one is a usage error (2)", async () => {
    const help = await cli("--help")
    expect([help.code, help.stdout.split("\n")[0]]).toEqual([0, "tijian — track a regional plan's indicators"])
    expect((await cli()).code).toBe(2)
    const unknown = await cli("tokns")
    expect([unknown.code, unknown.stderr.split("\n")[0]]).toEqual([2, 'error: unknown command "tokns"; the commands are tokens, agencies, import, calc, composites, plugins, serve, db, export-site, export'])
  })
})

// last: its write moves the write clock, which the calc test above reads
describe("import with a dimension column", () => {
  it("reads a dimension column: Wujiang's 2016 redline area of 30 km² by type (18 + 12), and refuses a misspelt code naming row and column", async () => {
    const header = "indicator,region,year,redline-type,value,source"
    writeFileSync(join(dir, "types.csv"), `${header}\necology.redline-area-km2,320509,2016,,30,2016 survey\necology.redline-area-km2,320509,2016,water-conservation,18,2016 survey\necology.redline-area-km2,320509,2016,biodiversity,12,2016 survey\n`)
    const res = await cli("import", "types.csv", "--agency", "suzhou-bureau")
    expect([res.code, res.stderr, res.stdout]).toEqual([0, "", "stored 3 value(s) from types.csv as suzhou-bureau; 0 unchanged (equal to the stored value)\n"])
    const body = (await (await app.request("/api/v1/observations/breakdowns?indicator=ecology.redline-area-km2&region=320509&year=2016")).json()) as any
    expect(body.breakdowns.map((b: any) => [b.breakdown, b.value])).toEqual([
      // in the declared order of the nine types: water conservation (1st), biodiversity (2nd)
      ["redline-type=water-conservation", 18],
      ["redline-type=biodiversity", 12],
    ])
    writeFileSync(join(dir, "typo.csv"), `${header}\necology.redline-area-km2,320509,2024,,30,2024 survey\necology.redline-area-km2,320509,2024,water-conservaton,30,2024 survey\n`)
    const typo = await cli("import", "typo.csv")
    expect(typo.code).toBe(1)
    expect(typo.stderr).toMatch(/^error: 1 problem\(s\) in 1 row\(s\) of the file; nothing was stored/)
    expect(typo.stderr).toContain('row 3, redline-type: unknown redline-type code "water-conservaton"; did you mean "water-conservation"?')
    const none = (await (await app.request("/api/v1/observations?indicator=ecology.redline-area-km2&year=2024")).json()) as any
    expect(none.observations).toEqual([])
  })
})
