/**
 * The edition pages in a real browser: chromium (playwright-core) against a real server on 127.0.0.1 over a
 * temporary SQLite file, where YRD 2022 is published, its green expansion index revised (80.98 -> 79.5), and
 * published again. Screenshots of the list, the diff and the superseded edition go to apps/server/test-output/;
 * axe-core finds no serious or critical issue on them.
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
const LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]

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
  browserMissing ? `the edition pages in chromium (skipped: ${CHROMIUM} is missing; apt-get install chromium)` : "the edition pages in chromium",
  () => {
    let dir: string
    let server: RunningServer
    let browser: Browser
    let page: Page

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "tijian-browser-editions-"))
      const database = join(dir, "tijian.sqlite")
      const setup = makeRuntime({ filename: database, plugins: builtinPlugins })
      const { token } = await runOrThrow(setup, Effect.flatMap(TokenStore, (s) => s.create({ role: "admin", agency: "yrd-office" }, new Date().toISOString())))
      await setup.dispose()
      server = await startServer({ port: 0, host: "127.0.0.1", database })
      const auth = { authorization: `Bearer ${token}` }
      expect((await fetch(`${server.url}/api/v1/reports/YRD/2022/publish`, { method: "POST", headers: auth })).status).toBe(201)
      const revise = await fetch(`${server.url}/api/v1/observations/beauty.green-expansion/YRD/2022`, {
        method: "PUT",
        headers: { ...auth, "content-type": "application/json", "if-match": '"1"' },
        body: JSON.stringify({ value: 79.5, note: "revised survey" }),
      })
      expect(revise.status).toBe(200)
      expect((await fetch(`${server.url}/api/v1/reports/YRD/2022/publish`, { method: "POST", headers: auth })).status).toBe(201)
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS })
      const context = await browser.newContext({ locale: "en-US", viewport: { width: 1200, height: 900 } })
      page = await context.newPage()
      await mkdir(OUTPUT, { recursive: true })
    }, 30_000)

    afterAll(async () => {
      await browser?.close()
      await server?.close()
      if (dir) await rm(dir, { recursive: true, force: true })
    })

    it("goes from the live report to the list of editions and on to the diff of 1 and 2", async () => {
      await page.goto(`${server.url}/reports/YRD/2022?lang=en`)
      expect(await page.locator("dd.editions").textContent()).toBe("1, 2 (latest) · All editions")
      await page.locator("dd.editions a", { hasText: "All editions" }).click()
      await page.waitForURL(/\/reports\/YRD\/2022\/editions\?lang=en$/)
      expect(await page.locator("tbody tr").count()).toBe(2)
      await page.screenshot({ path: join(OUTPUT, "editions-YRD-2022-en.png"), fullPage: true })
      expect(await seriousViolations(page)).toEqual([])
      await page.locator("a", { hasText: "changes 1 → 2" }).click()
      await page.waitForURL(/\/editions\/1\/diff\/2\?lang=en$/)
      const green = page.locator("tr", { hasText: "Green expansion index" }).first()
      expect(await green.locator("td").allTextContents()).toEqual(["80.98", "79.50", "−1.48"])
      await page.screenshot({ path: join(OUTPUT, "edition-diff-YRD-2022-1-2-en.png"), fullPage: true })
      expect(await seriousViolations(page)).toEqual([])
    }, 30_000)

    it("shows the diff in Chinese and the superseded notice on edition 1, both accessible", async () => {
      await page.goto(`${server.url}/reports/YRD/2022/editions/1/diff/2?lang=zh`)
      expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN")
      await page.screenshot({ path: join(OUTPUT, "edition-diff-YRD-2022-1-2-zh.png"), fullPage: true })
      expect(await seriousViolations(page)).toEqual([])
      await page.goto(`${server.url}/reports/YRD/2022/editions/1?lang=en`)
      const notice = page.locator("p.notice.superseded")
      expect(await notice.isVisible()).toBe(true)
      expect(await notice.textContent()).toContain("Superseded by edition 2")
      await page.screenshot({ path: join(OUTPUT, "edition-YRD-2022-1-superseded-en-top.png") })
      expect(await seriousViolations(page)).toEqual([])
      await notice.locator("a", { hasText: "Read edition 2" }).click()
      await page.waitForURL(/\/editions\/2\?lang=en$/)
      expect(await page.locator("p.notice.latest").textContent()).toContain("Edition 2 is the latest edition.")
    }, 40_000)
  },
)
