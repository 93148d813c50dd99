import { mkdtemp, rm, stat } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { builtinPlugins } from "../src/plugins.js"
import { startServer } from "../src/server.js"

const dirs: Array<string> = []
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

describe("the real server", () => {
  it("serves health and a report over HTTP on a random port, then closes", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tijian-server-"))
    dirs.push(dir)
    const database = join(dir, "nested", "tijian.sqlite")
    const server = await startServer({ port: 0, host: "127.0.0.1", database })
    try {
      expect(server.seeded).toBe(builtinPlugins.reduce((n, p) => n + (p.referenceData?.observations.length ?? 0), 0))
      expect(server.port).toBeGreaterThan(0)
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
      expect((await stat(database)).isFile()).toBe(true)

      const health = await fetch(`${server.url}/api/v1/health`)
      expect(health.status).toBe(200)
      expect(await health.json()).toEqual({ status: "ok" })

      const res = await fetch(`${server.url}/api/v1/reports/YRD/2022`)
      expect(res.status).toBe(200)
      const report = (await res.json()) as {
        sections: Array<{ evaluations: Array<{ indicator: string; value: number | null }> }>
      }
      const composite = report.sections.flatMap((s) => s.evaluations).find((e) => e.indicator === "beauty.composite")
      expect(composite?.value).toBeCloseTo(80.8975, 4)
    } finally {
      await server.close()
    }
    await expect(fetch(`${server.url}/api/v1/health`)).rejects.toThrow()
  })
})
