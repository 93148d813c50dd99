/**
 * A server on every county of mainland China (`TIJIAN_REGIONS=national`, issue #20 item 1), over real HTTP on
 * loopback: the region list, a generated English name, the curated YRD kept, and a refused setting.
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

  it("refuses an unknown set, naming the variable", () => {
    expect(() => configFromEnv({ TIJIAN_REGIONS: "asia" }, dir)).toThrow('TIJIAN_REGIONS must be yrd or national, not "asia"')
  })
})
