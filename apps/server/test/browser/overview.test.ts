/**
 * The Demonstration Zone overview in a real browser: Debian's chromium driven by playwright-core against a real
 * server on a random port over a temporary SQLite file, with synthetic values and three synthetic square
 * boundaries registered through the API. Writes screenshots (and a print-to-PDF) to apps/server/test-output/ and
 * the README's picture to docs/overview.png.
 */
import { copyFile } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, expect, it } from "vitest"
import { describeBrowser, openPage, OUTPUT, seriousViolations, startTestServer, type TestServer } from "../support/browser.js"

const DOCS = fileURLToPath(new URL("../../../../docs/", import.meta.url))


const square = (west: number, south: number, side = 0.15) => ({
  type: "Polygon",
  coordinates: [
    [
      [west, south],
      [west + side, south],
      [west + side, south + side],
      [west, south + side],
      [west, south],
    ],
  ],
})

/** Synthetic values: each member moves differently, so the matrix shows several statuses and trends. */
const VALUES: ReadonlyArray<readonly [string, string, number, number]> = [
  // indicator, region, 2024, 2025
  ["ecology.forest-coverage", "310118", 0.2, 0.21],
  ["ecology.forest-coverage", "320509", 0.16, 0.15],
  ["ecology.forest-coverage", "330421", 0.14, 0.1402],
  ["demo-zone.blue-green-space-share", "310118", 0.62, 0.621],
  ["demo-zone.blue-green-space-share", "320509", 0.6, 0.63],
  ["demo-zone.green-travel-share", "310118", 0.7, 0.72],
  ["demo-zone.green-travel-share", "330421", 0.66, 0.66],
  ["demo-zone.construction-land-km2", "310118", 270, 272],
  ["demo-zone.construction-land-km2", "320509", 330, 329],
  ["demo-zone.construction-land-km2", "330421", 200, 200],
]


describeBrowser(
  "the overview page in chromium",
  () => {
    let test: TestServer
    let server: TestServer["server"]
    let browser: Browser
    let page: Page

    beforeAll(async () => {
      test = await startTestServer("tijian-overview-")
      server = test.server
      const token = test.token
      const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" }
      const observations = VALUES.flatMap(([indicator, region, v2024, v2025]) => [
        { indicator, region, year: 2024, value: v2024, source: "synthetic browser-test values" },
        { indicator, region, year: 2025, value: v2025, source: "synthetic browser-test values" },
      ])
      const res = await fetch(`${server.url}/api/v1/observations`, { method: "POST", headers, body: JSON.stringify({ observations }) })
      expect(res.status).toBe(201)
      const squares: Record<string, ReturnType<typeof square>> = { "310118": square(120.9, 31.05), "320509": square(120.75, 31.05), "330421": square(120.825, 30.9) }
      for (const [code, geometry] of Object.entries(squares)) {
        const put = await fetch(`${server.url}/api/v1/regions/${code}/boundary`, { method: "PUT", headers, body: JSON.stringify(geometry) })
        expect(put.status).toBe(201)
      }
      ;({ browser, page } = await openPage())
    }, 30_000)

    afterAll(async () => {
      await browser?.close()
      await test?.close()
    })

    it("shows the matrix and the map of the Demonstration Zone, each member labelled, and links to member pages", async () => {
      await page.goto(`${server.url}/reports/DEMO-ZONE/2025/overview?lang=en&map=ecology.forest-coverage`)
      expect(await page.locator("h1").textContent()).toBe("Eco-Green Integrated Development Demonstration Zone: overview of members 2025")
      const map = page.locator("svg.choropleth")
      expect(await map.isVisible()).toBe(true)
      expect((await map.boundingBox())?.width).toBeGreaterThan(400)
      expect(await map.locator("path.area").count()).toBe(3)
      const labels = await map.locator("text.area-label:not(.area-status)").allTextContents()
      expect(labels.sort()).toEqual(["Jiashan County", "Qingpu District", "Wujiang District"])
      expect(await page.locator("table.overview tbody tr").count()).toBe(3)
      await page.screenshot({ path: join(OUTPUT, "overview-DEMO-ZONE-2025-en.png"), fullPage: true })
      await promisify(copyFile)(join(OUTPUT, "overview-DEMO-ZONE-2025-en.png"), join(DOCS, "overview.png"))
      await page.locator('table.overview a[href^="/reports/320509/2025"]').first().click()
      await page.waitForURL(/\/reports\/320509\/2025\?lang=en/)
      expect(await page.locator("h1").textContent()).toContain("Wujiang")
    }, 30_000)

    it("changes the map with the form: by value, in Chinese", async () => {
      await page.goto(`${server.url}/reports/DEMO-ZONE/2025/overview?lang=zh`)
      await page.locator("#map-indicator").selectOption("demo-zone.construction-land-km2")
      await page.locator("#map-by").selectOption("value")
      await page.locator("form.map-choice button").click()
      await page.waitForURL(/mapBy=value/)
      expect(await page.locator("#map-caption").textContent()).toContain("建设用地")
      expect(await page.locator("svg.choropleth path.mv-4").count()).toBe(1)
      await page.screenshot({ path: join(OUTPUT, "overview-DEMO-ZONE-2025-zh-value.png"), fullPage: true })
    }, 30_000)

    it("finds no serious or critical accessibility violations on the overview and the group report", async () => {
      await page.goto(`${server.url}/reports/DEMO-ZONE/2025/overview?lang=en`)
      expect(await seriousViolations(page)).toEqual([])
      await page.goto(`${server.url}/reports/DEMO-ZONE/2025/overview?lang=zh&mapBy=value`)
      expect(await seriousViolations(page)).toEqual([])
      await page.goto(`${server.url}/reports/DEMO-ZONE/2025?lang=en`)
      expect(await seriousViolations(page)).toEqual([])
      await page.locator("#overview").screenshot({ path: join(OUTPUT, "report-DEMO-ZONE-2025-en-overview-section.png") })
      await page.goto(`${server.url}/reports/YRD/2022/overview?lang=en`)
      expect(await seriousViolations(page)).toEqual([])
      // a parent region: its four provinces, none with a 2022 value of its own (the beauty index is the Delta's), so
      // no empty matrix and no map frame, just that sentence
      expect(await page.locator("#overview p.muted").textContent()).toBe(
        "No region within has a value for 2022: Shanghai (310000); Jiangsu (320000); Zhejiang (330000); Anhui (340000)",
      )
      expect(await page.locator("table.overview").count()).toBe(0)
      expect(await page.locator("svg.choropleth").count()).toBe(0)
      await page.screenshot({ path: join(OUTPUT, "overview-YRD-2022-en.png"), fullPage: true })
      // 27 members: one row each, the members' rail shares of 2021 as columns
      await page.goto(`${server.url}/reports/YRD-CENTRAL-27/2021/overview?lang=zh`)
      expect(await seriousViolations(page)).toEqual([])
      expect(await page.locator("table.overview tbody tr").count()).toBe(27)
      await page.screenshot({ path: join(OUTPUT, "overview-YRD-CENTRAL-27-2021-zh.png"), fullPage: true })
    }, 60_000)

    it("prints the overview without the map form", async () => {
      await page.goto(`${server.url}/reports/DEMO-ZONE/2025/overview?lang=en`)
      await page.emulateMedia({ media: "print" })
      expect(await page.locator("form.map-choice").isVisible()).toBe(false)
      expect(await page.locator("svg.choropleth").isVisible()).toBe(true)
      await page.pdf({ path: join(OUTPUT, "overview-DEMO-ZONE-2025-en.pdf"), format: "A4", printBackground: true })
      await page.emulateMedia({ media: "screen" })
    }, 30_000)
  },
)
