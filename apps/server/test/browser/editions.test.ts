/**
 * The edition pages in a real browser: chromium (playwright-core) against a real server on 127.0.0.1 over a
 * temporary SQLite file, where YRD 2022 is published, its green expansion index revised (80.98 -> 79.5), and
 * published again. Screenshots of the list, the diff and the superseded edition go to apps/server/test-output/;
 * axe-core finds no serious or critical issue on them.
 */
import { join } from "node:path"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, expect, it } from "vitest"
import { describeBrowser, openPage, OUTPUT, seriousViolations, startTestServer, type TestServer } from "../support/browser.js"




describeBrowser(
  "the edition pages in chromium",
  () => {
    let test: TestServer
    let server: TestServer["server"]
    let browser: Browser
    let page: Page

    beforeAll(async () => {
      test = await startTestServer("tijian-browser-editions-")
      server = test.server
      const token = test.token
      const auth = { authorization: `Bearer ${token}` }
      expect((await fetch(`${server.url}/api/v1/reports/YRD/2022/publish`, { method: "POST", headers: auth })).status).toBe(201)
      const revise = await fetch(`${server.url}/api/v1/observations/beauty.green-expansion/YRD/2022`, {
        method: "PUT",
        headers: { ...auth, "content-type": "application/json", "if-match": '"1"' },
        body: JSON.stringify({ value: 79.5, note: "revised survey" }),
      })
      expect(revise.status).toBe(200)
      expect((await fetch(`${server.url}/api/v1/reports/YRD/2022/publish`, { method: "POST", headers: auth })).status).toBe(201)
      ;({ browser, page } = await openPage())
    }, 30_000)

    afterAll(async () => {
      await browser?.close()
      await test?.close()
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
