/**
 * The report pages in a real browser: Debian's chromium driven by playwright-core against a real server on a
 * random port over a temporary SQLite file. Writes screenshots (and a print-to-PDF) to apps/server/test-output/.
 */
import { join } from "node:path"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, expect, it } from "vitest"
import { describeBrowser, openPage, OUTPUT, seriousViolations, startTestServer, type TestServer } from "../support/browser.js"

const XSS_NOTE = "<script>alert(1)</script>"



describeBrowser(
  "the report pages in chromium",
  () => {
    let test: TestServer
    let server: TestServer["server"]
    let browser: Browser
    let page: Page
    const dialogs: Array<string> = []

    beforeAll(async () => {
      // An admin token in the same file before the server starts, to register a hostile note through the API.
      test = await startTestServer("tijian-browser-")
      server = test.server
      const token = test.token
      const res = await fetch(`${server.url}/api/v1/observations`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({
          observations: [{ indicator: "ecology.forest-coverage", region: "320500", year: 2022, value: 0.3, source: "browser test", note: XSS_NOTE }],
        }),
      })
      expect(res.status).toBe(201)
      ;({ browser, page } = await openPage())
      page.on("dialog", (d) => {
        dialogs.push(d.message())
        void d.dismiss()
      })
    }, 30_000)

    afterAll(async () => {
      await browser?.close()
      await test?.close()
    })

    it("goes from the index to the YRD 2022 report, which shows the summary and a chart", async () => {
      await page.goto(`${server.url}/?lang=en`)
      expect(await page.locator("h1").textContent()).toBe("Reports")
      await page.locator('a[href="/reports/YRD/2022?lang=en"]').click()
      await page.waitForURL(/\/reports\/YRD\/2022\?lang=en$/)
      expect(await page.locator("h1").textContent()).toBe("Yangtze River Delta: annual check-up 2022")
      await expect.poll(() => page.locator("#summary").isVisible()).toBe(true)
      expect(await page.locator("#summary-h").textContent()).toBe("Summary")
      const chart = page.locator("#ind-beauty\\.composite-reported svg[role=img]")
      expect(await chart.isVisible()).toBe(true)
      const box = await chart.boundingBox()
      expect(box?.width).toBeGreaterThan(300)
      expect(await chart.locator("line.target").count()).toBe(1)
      expect(await page.locator("#ind-beauty\\.green-expansion .status.st-limited").first().textContent()).toContain("limited progress")
      await page.screenshot({ path: join(OUTPUT, "report-YRD-2022-en.png"), fullPage: true })
      await page.screenshot({ path: join(OUTPUT, "report-YRD-2022-en-top.png") })
    }, 20_000)

    it("finds no serious or critical accessibility violations (axe-core) on the report and the index", async () => {
      await page.goto(`${server.url}/reports/YRD/2022?lang=en`)
      expect(await seriousViolations(page)).toEqual([])
      await page.goto(`${server.url}/reports/YRD-CENTRAL-27/2021?lang=zh`)
      expect(await seriousViolations(page)).toEqual([])
      await page.goto(`${server.url}/?lang=zh`)
      expect(await seriousViolations(page)).toEqual([])
    }, 30_000)

    it("switches the labels to Chinese with the language switch", async () => {
      await page.goto(`${server.url}/reports/YRD/2022?lang=en`)
      await page.locator('nav.tools a[hreflang="zh-CN"]').click()
      await page.waitForURL(/lang=zh/)
      expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN")
      expect(await page.locator("h1").textContent()).toBe("长江三角洲地区 2022 年度体检报告")
      expect(await page.locator("#summary-h").textContent()).toBe("摘要")
      expect(await page.locator("#ind-beauty\\.green-expansion .status.st-limited").first().textContent()).toContain("进展有限")
      expect(await page.locator("#ind-beauty\\.composite-reported strong").first().textContent()).toBe("80.96")
      await page.screenshot({ path: join(OUTPUT, "report-YRD-2022-zh-top.png") })
    }, 20_000)

    it("prints without the navigation", async () => {
      await page.goto(`${server.url}/reports/YRD/2022?lang=en`)
      await page.emulateMedia({ media: "print" })
      expect(await page.locator("nav.tools").isVisible()).toBe(false)
      await page.pdf({ path: join(OUTPUT, "report-YRD-2022-en.pdf"), format: "A4", printBackground: true })
      await page.emulateMedia({ media: "screen" })
    }, 20_000)

    it("renders a note containing <script> as text: no script element, no dialog", async () => {
      await page.goto(`${server.url}/reports/320500/2022?lang=en`)
      expect(await page.locator("script").count()).toBe(0)
      expect(await page.locator("table.revisions td", { hasText: XSS_NOTE }).count()).toBe(1)
      expect(dialogs).toEqual([])
    }, 20_000)
  },
)
