/**
 * The report pages in a real browser: Debian's chromium driven by playwright-core against a real server on a
 * random port over a temporary SQLite file. Writes screenshots (and a print-to-PDF) to apps/server/test-output/.
 */
import axe from "axe-core"
import { Effect } from "effect"
import { existsSync } from "node:fs"
import { mkdir, mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { type Browser, chromium, type Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { TokenStore } from "../../src/auth/TokenStore.js"
import { builtinPlugins } from "../../src/plugins.js"
import { makeRuntime, runOrThrow } from "../../src/runtime.js"
import { type RunningServer, startServer } from "../../src/server.js"

const CHROMIUM = "/usr/bin/chromium"
const OUTPUT = fileURLToPath(new URL("../../test-output/", import.meta.url))
const LAUNCH_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
]
const XSS_NOTE = "<script>alert(1)</script>"

/** Runs axe-core in the page and returns the serious and critical violations (id: offending selectors). */
const seriousViolations = async (page: Page) => {
  await page.evaluate(axe.source)
  const results = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as axe.AxeResults
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)
}

/** Skipped only on a developer machine without chromium; with CI set, a missing browser fails the launch. */
const browserMissing = !existsSync(CHROMIUM) && !process.env.CI
const describeBrowser = browserMissing ? describe.skip : describe

describeBrowser(
  browserMissing ? `the report pages in chromium (skipped: ${CHROMIUM} is missing; apt-get install chromium)` : "the report pages in chromium",
  () => {
    let dir: string
    let server: RunningServer
    let browser: Browser
    let page: Page
    const dialogs: Array<string> = []

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "tijian-browser-"))
      const database = join(dir, "tijian.sqlite")
      // An admin token in the same file before the server starts, to register a hostile note through the API.
      const setup = makeRuntime({ filename: database, plugins: builtinPlugins })
      const { token } = await runOrThrow(setup, Effect.flatMap(TokenStore, (s) => s.create({ role: "admin", agency: "yrd-office" }, new Date().toISOString())))
      await setup.dispose()
      server = await startServer({ port: 0, host: "127.0.0.1", database })
      const res = await fetch(`${server.url}/api/v1/observations`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({
          observations: [{ indicator: "beauty.forest-coverage", region: "320500", year: 2022, value: 0.3, source: "browser test", note: XSS_NOTE }],
        }),
      })
      expect(res.status).toBe(201)
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS })
      const context = await browser.newContext({ locale: "en-US", viewport: { width: 1200, height: 900 } })
      page = await context.newPage()
      page.on("dialog", (d) => {
        dialogs.push(d.message())
        void d.dismiss()
      })
      await mkdir(OUTPUT, { recursive: true })
    }, 30_000)

    afterAll(async () => {
      await browser?.close()
      await server?.close()
      if (dir) await rm(dir, { recursive: true, force: true })
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
