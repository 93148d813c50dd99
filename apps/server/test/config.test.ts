import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { DEFAULT_INPUT_LIMITS } from "@tijian/core"
import { availableParallelism } from "node:os"
import { apiSettingsOf, configFromEnv } from "../src/config.js"

const dirs: Array<string> = []
/** A fresh directory, optionally with a tijian.config.json. */
const directory = (config?: unknown) => {
  const dir = mkdtempSync(join(tmpdir(), "tijian-config-"))
  dirs.push(dir)
  if (config !== undefined) writeFileSync(join(dir, "tijian.config.json"), typeof config === "string" ? config : JSON.stringify(config))
  return dir
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

describe("configFromEnv", () => {
  it("defaults: 127.0.0.1:8787, data/tijian.sqlite under the cwd, every plugin, 200 MiB, 5 minutes, tokens never expire", () => {
    const cwd = directory()
    expect(configFromEnv({}, cwd)).toEqual({
      file: null,
      port: 8787,
      host: "127.0.0.1",
      database: join(cwd, "data", "tijian.sqlite"),
      plugins: ["beauty", "rail", "ecology", "demo-zone", "population"],
      regions: "yrd",
      readsNeedToken: false,
      maxBodyBytes: 200 * 1024 * 1024,
      calculatorTimeoutMs: 300_000,
      tokenDefaultExpiryDays: null,
      rateLimitPerMinute: 6000,
      pageCacheBytes: 64 * 1024 * 1024,
      warmReports: 4000,
      corsOrigins: [],
      calculatorMaxJobs: availableParallelism(),
      calculatorMaxHeapMb: 2048,
      inputLimits: DEFAULT_INPUT_LIMITS,
      accessLog: true,
      readOnly: false,
      primaryUrl: null,
    })
  })

  it("reads every variable", () => {
    const config = configFromEnv(
      {
        PORT: "9000",
        HOST: "0.0.0.0",
        TIJIAN_DB: "/var/lib/t.sqlite",
        TIJIAN_PLUGINS: " rail, ecology ",
        TIJIAN_READS_NEED_TOKEN: "TRUE",
        TIJIAN_MAX_BODY_MB: "1.5",
        TIJIAN_TOKEN_DEFAULT_EXPIRY_DAYS: "90",
        TIJIAN_CALCULATOR_TIMEOUT_SECONDS: "30",
        TIJIAN_RATE_LIMIT_PER_MINUTE: "120",
        TIJIAN_PAGE_CACHE_MB: "8",
        TIJIAN_WARM_REPORTS: "0",
        TIJIAN_CALCULATOR_MAX_JOBS: "3",
        TIJIAN_CALCULATOR_MAX_HEAP_MB: "512",
        TIJIAN_MAX_UNPACKED_MB: "64",
        TIJIAN_MAX_ENTRIES: "500",
        TIJIAN_MAX_ROWS: "1000000",
        TIJIAN_MAX_FEATURES: "1000",
        TIJIAN_MAX_VERTICES: "200000",
        TIJIAN_MAX_RASTER_PIXELS: "4000000",
        TIJIAN_ACCESS_LOG: "false",
        TIJIAN_READ_ONLY: "true",
        TIJIAN_PRIMARY_URL: "https://primary.example.org",
      },
      directory(),
    )
    expect(config).toMatchObject({
      port: 9000,
      host: "0.0.0.0",
      database: "/var/lib/t.sqlite",
      plugins: ["rail", "ecology"],
      readsNeedToken: true,
      maxBodyBytes: 1_572_864, // 1.5 × 1024 × 1024
      tokenDefaultExpiryDays: 90,
      calculatorTimeoutMs: 30_000,
      rateLimitPerMinute: 120,
      pageCacheBytes: 8_388_608, // 8 × 1024 × 1024
      warmReports: 0,
      accessLog: false,
      readOnly: true,
      primaryUrl: "https://primary.example.org",
    })
    const inputLimits = {
      maxUnpackedBytes: 67_108_864, // 64 × 1024 × 1024
      maxEntries: 500,
      maxRows: 1_000_000,
      maxFeatures: 1000,
      maxVertices: 200_000,
      maxRasterPixels: 4_000_000,
    }
    expect(apiSettingsOf(config)).toEqual({
      readsNeedToken: true,
      maxBodyBytes: 1_572_864,
      calculatorTimeoutMs: 30_000,
      rateLimit: { requests: 120, windowSeconds: 60 },
      pageCacheBytes: 8_388_608,
      calculatorMaxJobs: 3,
      calculatorMaxHeapMb: 512,
      inputLimits,
      readOnly: true,
      primaryUrl: "https://primary.example.org",
    })
    expect(configFromEnv({ TIJIAN_PAGE_CACHE_MB: "0" }, directory())).toMatchObject({ pageCacheBytes: 0 })
    expect(configFromEnv({ TIJIAN_RATE_LIMIT_PER_MINUTE: "0" }, directory())).toMatchObject({ rateLimitPerMinute: 0 })
    expect(() => configFromEnv({ TIJIAN_RATE_LIMIT_PER_MINUTE: "1.5" }, directory())).toThrow(
      'TIJIAN_RATE_LIMIT_PER_MINUTE must be a whole number (0 or more), not "1.5"',
    )
    expect(configFromEnv({ TIJIAN_DB: ":memory:", PORT: "0" }, directory())).toMatchObject({ port: 0, database: ":memory:" })
    expect(configFromEnv({ PORT: "", HOST: " " }, directory())).toMatchObject({ port: 8787, host: "127.0.0.1" })
  })

  it("reads tijian.config.json in the cwd; variables win; the file's database is relative to the file", () => {
    const cwd = directory({ port: 9000, host: "0.0.0.0", database: "db/t.sqlite", plugins: ["rail"], readsNeedToken: true, maxBodyMb: 50, tokenDefaultExpiryDays: 365 })
    const fromFile = configFromEnv({}, cwd)
    expect(fromFile).toMatchObject({
      file: join(cwd, "tijian.config.json"),
      port: 9000,
      host: "0.0.0.0",
      database: join(cwd, "db", "t.sqlite"),
      plugins: ["rail"],
      readsNeedToken: true,
      maxBodyBytes: 52_428_800, // 50 × 1024 × 1024
      tokenDefaultExpiryDays: 365,
    })
    const limited = configFromEnv({ TIJIAN_MAX_ROWS: "5000" }, directory({ inputLimits: { maxUnpackedMb: 1.5, maxRows: 100 }, calculatorMaxJobs: 1 }))
    expect([limited.inputLimits, limited.calculatorMaxJobs]).toEqual([{ ...DEFAULT_INPUT_LIMITS, maxUnpackedBytes: 1_572_864, maxRows: 5000 }, 1])
    const badLimit = directory({ inputLimits: { maxRows: -1 } })
    expect(() => configFromEnv({}, badLimit)).toThrow(`"inputLimits.maxRows" in ${join(badLimit, "tijian.config.json")} must be a positive whole number, not -1`)
    const unknownLimit = directory({ inputLimits: { maxCells: 1 } })
    expect(() => configFromEnv({}, unknownLimit)).toThrow(`unknown key(s) "inputLimits.maxCells" in ${join(unknownLimit, "tijian.config.json")}; the known keys are maxUnpackedMb, maxEntries, maxRows, maxFeatures, maxVertices, maxRasterPixels`)
    const overridden = configFromEnv({ PORT: "9100", TIJIAN_PLUGINS: "ecology", TIJIAN_READS_NEED_TOKEN: "false" }, cwd)
    expect(overridden).toMatchObject({ port: 9100, host: "0.0.0.0", plugins: ["ecology"], readsNeedToken: false, maxBodyBytes: 52_428_800 })
  })

  it("reads the file TIJIAN_CONFIG names (relative to the cwd); TIJIAN_DB stays relative to the cwd", () => {
    const cwd = directory({ port: 1 }) // ignored: TIJIAN_CONFIG names another file
    mkdirSync(join(cwd, "etc"))
    writeFileSync(join(cwd, "etc", "prod.json"), JSON.stringify({ port: 8080, database: "prod.sqlite" }))
    expect(configFromEnv({ TIJIAN_CONFIG: "etc/prod.json" }, cwd)).toMatchObject({ port: 8080, database: join(cwd, "etc", "prod.sqlite") })
    expect(configFromEnv({ TIJIAN_CONFIG: "etc/prod.json", TIJIAN_DB: "here.sqlite" }, cwd).database).toBe(join(cwd, "here.sqlite"))
    expect(() => configFromEnv({ TIJIAN_CONFIG: "etc/missing.json" }, cwd)).toThrow(
      `TIJIAN_CONFIG names ${join(cwd, "etc", "missing.json")}, which does not exist; fix the path or unset TIJIAN_CONFIG`,
    )
  })

  it.each(["http", "-1", "65536", "80.5"])("refuses PORT=%s", (port) => {
    expect(() => configFromEnv({ PORT: port }, directory())).toThrow(`PORT must be a whole number between 0 and 65535, not "${port}"`)
  })

  it.each([
    [{ TIJIAN_READS_NEED_TOKEN: "yes" }, 'TIJIAN_READS_NEED_TOKEN must be true or false, not "yes"'],
    [{ TIJIAN_MAX_BODY_MB: "0" }, 'TIJIAN_MAX_BODY_MB must be a positive number, not "0"'],
    [{ TIJIAN_MAX_BODY_MB: "10MB" }, 'TIJIAN_MAX_BODY_MB must be a positive number, not "10MB"'],
    [{ TIJIAN_TOKEN_DEFAULT_EXPIRY_DAYS: "1.5" }, 'TIJIAN_TOKEN_DEFAULT_EXPIRY_DAYS must be a positive whole number of days, not "1.5"'],
    [{ TIJIAN_PLUGINS: "rail,metro" }, "TIJIAN_PLUGINS names unknown plugin(s) metro; the built-in plugins are beauty, rail, ecology"],
    [{ TIJIAN_CALCULATOR_TIMEOUT_SECONDS: "soon" }, 'TIJIAN_CALCULATOR_TIMEOUT_SECONDS must be a positive number, not "soon"'],
    [{ TIJIAN_PAGE_CACHE_MB: "lots" }, 'TIJIAN_PAGE_CACHE_MB must be a number of MiB (0 or more), not "lots"'],
    [{ TIJIAN_CALCULATOR_MAX_JOBS: "0" }, 'TIJIAN_CALCULATOR_MAX_JOBS must be a positive whole number of runs, not "0"'],
    [{ TIJIAN_MAX_ROWS: "1e6" }, 'TIJIAN_MAX_ROWS must be a positive whole number, not "1e6"'],
    [{ TIJIAN_MAX_UNPACKED_MB: "0" }, 'TIJIAN_MAX_UNPACKED_MB must be a positive number of MiB, not "0"'],
  ])("names the variable of a bad value: %o", (env, message) => {
    expect(() => configFromEnv(env, directory())).toThrow(message)
  })

  it("names the file and key of a bad value, an unknown key, or a file that is not a JSON object", () => {
    const badPort = directory({ port: "80a" })
    expect(() => configFromEnv({}, badPort)).toThrow(`"port" in ${join(badPort, "tijian.config.json")} must be a whole number between 0 and 65535, not "80a"`)
    const typo = directory({ prot: 80 })
    expect(() => configFromEnv({}, typo)).toThrow(
      `unknown key(s) "prot" in ${join(typo, "tijian.config.json")}; the known keys are port, host, database, plugins, regions, readsNeedToken, maxBodyMb, tokenDefaultExpiryDays, calculatorTimeoutSeconds, rateLimitPerMinute, pageCacheMb`,
    )
    expect(() => configFromEnv({}, directory("[1, 2]"))).toThrow(/must hold a JSON object/)
    expect(() => configFromEnv({}, directory("{port: 1}"))).toThrow(/^cannot read the config file .*tijian\.config\.json: /)
    // the variable wins, so a bad file value it overrides is never read
    expect(configFromEnv({ PORT: "8000" }, badPort).port).toBe(8000)
  })
})
