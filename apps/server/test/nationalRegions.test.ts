/**
 * A server on every county of mainland China (`TIJIAN_REGIONS=national`, issue #20 item 1), over real HTTP on
 * loopback: the region list (and its 2,978 county-level units), a generated English name, the curated YRD kept, and a
 * refused setting.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { configFromEnv } from "../src/config.js"
import { type RunningServer, startServer } from "../src/server.js"

describe("TIJIAN_REGIONS=national", () => {
  let dir: string
  let server: RunningServer
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "tijian-national-"))
    const config = configFromEnv({ TIJIAN_REGIONS: "national", TIJIAN_DB: join(dir, "t.sqlite"), PORT: "0", TIJIAN_ACCESS_LOG: "false" }, dir)
    expect(config.regions).toBe("national")
    server = await startServer(config)
  }, 60_000)
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it("lists 3,341 regions under CN, names counties outside the YRD in pinyin (marked) and keeps the YRD's curated names", async () => {
    const list = (await (await fetch(`${server.url}/api/v1/regions`)).json()) as any
    expect(list.regions).toHaveLength(3341)
    expect(list.groups.map((g: any) => g.code)).toContain("YRD-CENTRAL-27")
    const dongcheng = (await (await fetch(`${server.url}/api/v1/regions/110101`)).json()) as any
    expect([dongcheng.name, dongcheng.parent, dongcheng.nameEnGenerated]).toEqual([{ zh: "东城区", en: "Dongcheng District" }, "110000", true])
    const jiangsu = (await (await fetch(`${server.url}/api/v1/regions/320000`)).json()) as any
    expect([jiangsu.parent, jiangsu.nameEnGenerated, jiangsu.children.length]).toEqual(["YRD", undefined, 13])
    const report = await fetch(`${server.url}/api/v1/reports/110101/2023`)
    expect(report.status).toBe(200)
  })

  it("?level=county lists the 2,978 county-level units: 2,975 counties and districts and 3 cities without counties", async () => {
    const list = (await (await fetch(`${server.url}/api/v1/regions?level=county`)).json()) as any
    expect(list.regions).toHaveLength(2978)
    expect(list.groups).toEqual([])
    expect(new Set(list.regions.map((r: any) => r.code)).size).toBe(2978)
    const cities = list.regions.filter((r: any) => r.level !== "county")
    expect(cities.map((r: any) => [r.code, r.level, r.name.zh, r.countyLevel])).toEqual([
      ["441900", "city", "东莞市", true],
      ["442000", "city", "中山市", true],
      ["460400", "city", "儋州市", true],
    ])
    const prefectures = (await (await fetch(`${server.url}/api/v1/regions?level=city`)).json()) as any
    expect([prefectures.regions.length, prefectures.regions.some((r: any) => r.code === "441900")]).toEqual([333, true])
    const provinces = (await (await fetch(`${server.url}/api/v1/regions?level=province`)).json()) as any
    expect(provinces.regions).toHaveLength(31)
    const bad = await fetch(`${server.url}/api/v1/regions?level=district`)
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as any).error.message).toBe('level must be one of region, province, city, county, not "district"')
    // a level of 5,000 characters is quoted by its first 80 and its length, not echoed whole
    const long = await fetch(`${server.url}/api/v1/regions?level=${"x".repeat(5000)}`)
    expect([long.status, ((await long.json()) as any).error.message]).toEqual([
      400,
      `level must be one of region, province, city, county, not "${"x".repeat(80)}…" (5000 characters)`,
    ])
  })

  it("refuses an unknown set, naming the variable", () => {
    expect(() => configFromEnv({ TIJIAN_REGIONS: "asia" }, dir)).toThrow('TIJIAN_REGIONS must be yrd or national, not "asia"')
  })
})
