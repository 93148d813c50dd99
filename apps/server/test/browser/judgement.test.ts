/**
 * The report judges at a glance, in a real browser: the binding verdict (breached / not assessed / met, never an
 * all-clear on what was not assessed), only the indicators that apply to the scope, and partial aggregates marked.
 * Debian's chromium via playwright-core against a real server on 127.0.0.1 over a temporary SQLite file seeded as
 * `pnpm start` seeds it. Screenshots go to apps/server/test-output/; the DEMO-ZONE summary is also docs/report-summary.png.
 */
import { copyFile } from "node:fs/promises"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, expect, it } from "vitest"
import { describeBrowser, openPage, OUTPUT, seriousViolations, startTestServer, type TestServer } from "../support/browser.js"

const DOCS = fileURLToPath(new URL("../../../../docs/", import.meta.url))

describeBrowser("the report's judgement in chromium", () => {
  let test: TestServer
  let server: TestServer["server"]
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    test = await startTestServer("tijian-judgement-")
    server = test.server
    const token = test.token
    // One of the 27 central cities (Suzhou, Jiangsu) registers its redline area for 2021: the group's sum covers 1 of 27.
    const res = await fetch(`${server.url}/api/v1/observations`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ observations: [{ indicator: "ecology.redline-area-km2", region: "320500", year: 2021, value: 511, source: "browser test" }] }),
    })
    expect(res.status).toBe(201)
    ;({ browser, page } = await openPage())
  }, 30_000)

  afterAll(async () => {
    await browser?.close()
    await test?.close()
  })

  it("DEMO-ZONE 2025: amber, the binding targets without a 2025 value listed; the master plan first; no beauty or rail rows", async () => {
    await page.goto(`${server.url}/reports/DEMO-ZONE/2025?lang=en`)
    const verdict = page.locator("#summary .verdict")
    expect(await verdict.getAttribute("data-verdict")).toBe("not-assessed")
    expect(await verdict.locator(".verdict-line").textContent()).toMatch(/(\d+) of \1 binding targets could not be assessed, so no all-clear can be given; 0 met\./)
    expect(await page.locator("#summary").textContent()).not.toContain("No binding target is missed")
    // the four binding land targets of the master plan are among those not assessed
    const notAssessed = await verdict.locator("table tbody th").allTextContents()
    expect(notAssessed).toEqual(expect.arrayContaining(["Construction land", "Cultivated land", "Permanent basic farmland", "Area inside the urban development boundary"]))
    const sections = await page.locator("main > section[id^=plugin-]").evaluateAll((els) => els.map((e) => e.id))
    expect(sections[0]).toBe("plugin-demo-zone")
    expect(sections).not.toContain("plugin-rail")
    expect(sections).not.toContain("plugin-beauty")
    expect(await page.locator("#not-reported-h").textContent()).toMatch(/^Not reported for this scope \(\d+\)$/)
    expect(await seriousViolations(page)).toEqual([])
    await page.locator("#summary").screenshot({ path: join(OUTPUT, "judgement-DEMO-ZONE-2025-en-summary.png") })
    await copyFile(join(OUTPUT, "judgement-DEMO-ZONE-2025-en-summary.png"), join(DOCS, "report-summary.png"))
    await page.screenshot({ path: join(OUTPUT, "judgement-DEMO-ZONE-2025-en.png"), fullPage: true })
  }, 30_000)

  it("Suzhou 320500 2022: nothing binding applies, so the verdict is neutral, never green; completeness counts applicable rows", async () => {
    await page.goto(`${server.url}/reports/320500/2022?lang=zh`)
    const verdict = page.locator("#summary .verdict")
    expect(await verdict.getAttribute("data-verdict")).toBe("none-apply")
    expect(await verdict.textContent()).toContain("本范围没有约束性目标，本报告不对底线作出判断。")
    expect(await page.locator(".verdict.ok-note").count()).toBe(0)
    // Rail applies to cities: its rows are there, without values; beauty (the agglomeration's index) is not.
    expect(await page.locator("#plugin-rail").count()).toBe(1)
    expect(await page.locator("#plugin-beauty").count()).toBe(0)
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: join(OUTPUT, "judgement-320500-2022-zh.png"), fullPage: true })
  }, 30_000)

  it("YRD-CENTRAL-27 2021: a redline area summed from 1 of 27 members is marked partial and not judged", async () => {
    await page.goto(`${server.url}/reports/YRD-CENTRAL-27/2021?lang=en`)
    const row = page.locator("table.overview tr", { has: page.locator('a[href="#ind-ecology.redline-area-km2"]') })
    expect(await row.locator("td.num").first().textContent()).toBe("511.00 (Partial 1/27) ○provisional")
    expect(await page.locator("#ind-ecology\\.redline-area-km2").textContent()).toContain("1 of 27 members reported · Partial: too few members to judge against a target")
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: join(OUTPUT, "judgement-YRD-CENTRAL-27-2021-en.png"), fullPage: true })
  }, 30_000)

  it("YRD 2022: the two redline targets without a value keep the verdict amber", async () => {
    await page.goto(`${server.url}/reports/YRD/2022?lang=en`)
    expect(await page.locator("#summary .verdict").getAttribute("data-verdict")).toBe("not-assessed")
    expect(await page.locator("#summary .binding-counts").textContent()).toMatch(/0\s*Breached\s*2\s*Not assessed\s*0\s*Met\s*2\s*Binding targets/)
    await page.locator("#summary").screenshot({ path: join(OUTPUT, "judgement-YRD-2022-en-summary.png") })
  }, 30_000)
})
