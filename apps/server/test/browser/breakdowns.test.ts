/**
 * A report card with breakdowns in a real browser (issue #21): the breakdown table (each mode's value, share of the
 * total and target judgement, "not registered" where no value is) and the stacked bar of a complete additive
 * breakdown, with its text alternative; the summary lists the targets on breakdowns apart from the totals'. Debian's
 * chromium via playwright-core against a real server on 127.0.0.1 over a temporary SQLite file; screenshots and a
 * printed PDF go to apps/server/test-output/.
 */
import { join } from "node:path"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, expect, it } from "vitest"
import { builtinPlugins } from "../../src/plugins.js"
import { describeBrowser, openPage, OUTPUT, seriousViolations, startTestServer, type TestServer } from "../support/browser.js"
import { mobilityPlugin } from "../support/mobilityTargetsPlugin.js"

const WUJIANG = "320509"
const row = (year: number, value: number, extra: object = {}) => ({ indicator: "mob.green-share", region: WUJIANG, year, value, source: "travel survey", ...extra })
const byMode = (year: number, mode: string, value: number) => row(year, value, { dimensions: { mode } })

describeBrowser("a report card with breakdowns in chromium", () => {
  let test: TestServer
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    test = await startTestServer("tijian-breakdowns-", [], [...builtinPlugins, mobilityPlugin])
    // Wujiang: 60% green travel in 2020 (25 + 20 + 15), 70% in 2022 (30 + 25 + 15); commuting 40% of trips in 2022
    const res = await fetch(`${test.server.url}/api/v1/observations`, {
      method: "POST",
      headers: { authorization: `Bearer ${test.token}`, "content-type": "application/json" },
      body: JSON.stringify({
        observations: [
          row(2020, 0.6), byMode(2020, "metro", 0.25), byMode(2020, "bus", 0.2), byMode(2020, "bike", 0.15),
          row(2022, 0.7), byMode(2022, "metro", 0.3), byMode(2022, "bus", 0.25), byMode(2022, "bike", 0.15),
          row(2022, 0.4, { dimensions: { purpose: "work" } }),
        ],
      }),
    })
    expect(res.status).toBe(201)
    ;({ browser, page } = await openPage())
  }, 30_000)

  afterAll(async () => {
    await browser?.close()
    await test?.close()
  })

  it("Wujiang 2022 (en): the mode table, the stacked bar and its text alternative; the purpose not registered; breakdown targets apart", async () => {
    await page.goto(`${test.server.url}/reports/${WUJIANG}/2022?lang=en`)
    const card = page.locator("#ind-mob\\.green-share")
    const mode = card.locator("table.breakdown").first()
    expect(await mode.locator("caption").textContent()).toBe("By mode (2022)")
    const rows = await mode.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? "").trim())))
    expect(rows).toEqual([
      ["Metro metro", "30.0%", "43%", "at least 30.0% by 2025 (binding)", "met ✔target achieved"],
      ["Bus bus", "25.0%", "36%", "at least 30.0% by 2025 (expected)", expect.stringMatching(/^not met /)],
      ["Bike bike", "15.0%", "21%", "no target (not judged)", "not judged"],
    ])
    // the bar: three segments, widths 43% / 36% / 21% of 600, named in its title
    const bar = card.locator("figure.breakdown-bar svg[role=img]")
    expect(await bar.locator("title").textContent()).toBe("Composition of the total (70.0%): Metro 43%, Bus 36%, Bike 21%")
    const widths = await bar.locator("rect").evaluateAll((rs) => rs.map((r) => Math.round(Number(r.getAttribute("width")))))
    expect(widths).toEqual([257, 214, 129]) // 0.30/0.70, 0.25/0.70, 0.15/0.70 of 600
    expect(await card.locator("ul.breakdown-legend li").allTextContents()).toEqual(["Metro 43%", "Bus 36%", "Bike 21%"])
    const box = await bar.boundingBox()
    expect(box!.width).toBeGreaterThan(300)
    // purpose is not additive: no share column, no bar; "Other" said not registered
    const purpose = card.locator("table.breakdown").nth(1)
    expect(await purpose.locator("tbody tr").allTextContents()).toEqual([expect.stringContaining("40.0%"), expect.stringContaining("not registered")])
    expect(await card.locator("figure.breakdown-bar").count()).toBe(1)
    // the summary: no binding target on a total here, but the metro one is binding: the red-line verdict counts it
    // (met) and says it is on a breakdown; the breakdowns' targets are listed apart
    expect(await page.locator("#summary .breakdown-summary").textContent()).toBe("2 targets (1 binding): 1 met, 1 not met (0 binding), 0 not assessed (0 binding)")
    expect(await page.locator("#summary .verdict").getAttribute("data-verdict")).toBe("all-met")
    expect(await page.locator("#summary .verdict-line").textContent()).toBe(
      '✔ The one binding target was assessed and met: no binding target is missed. It is a target on a breakdown, listed under "Targets on breakdowns".',
    )
    expect(await seriousViolations(page)).toEqual([])
    await card.screenshot({ path: join(OUTPUT, "breakdowns-320509-2022-en-card.png") })
    await page.locator("#summary").screenshot({ path: join(OUTPUT, "breakdowns-320509-2022-en-summary.png") })
    await page.emulateMedia({ media: "print" })
    await card.screenshot({ path: join(OUTPUT, "breakdowns-320509-2022-en-card-print.png") })
    await page.emulateMedia({ media: "screen" })
    await page.pdf({ path: join(OUTPUT, "breakdowns-320509-2022-en.pdf"), format: "A4", preferCSSPageSize: true })
  }, 30_000)

  it("Wujiang 2022 (zh): the same table and bar in Chinese", async () => {
    await page.goto(`${test.server.url}/reports/${WUJIANG}/2022?lang=zh`)
    const card = page.locator("#ind-mob\\.green-share")
    expect(await card.locator("table.breakdown caption").first().textContent()).toBe("按方式分（2022 年）")
    expect(await card.locator("figure.breakdown-bar title").textContent()).toBe("总量（70.0%）构成：地铁 43%，公交 36%，自行车 21%")
    expect(await card.locator("table.breakdown").nth(1).locator("tbody tr").nth(1).textContent()).toContain("未登记")
    expect(await seriousViolations(page)).toEqual([])
    await card.screenshot({ path: join(OUTPUT, "breakdowns-320509-2022-zh-card.png") })
  }, 30_000)
})
