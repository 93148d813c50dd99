/**
 * The agency page in a real browser (chromium via playwright-core) against a real server on 127.0.0.1: Suzhou's
 * agency pastes its token (keyboard: Enter submits), sees its worklist for 2023, uploads a CSV with a decimal comma
 * and sees the row's problem in a table (nothing stored), uploads the fixed file, submits the Wujiang ecology data
 * set, is asked to acknowledge a failed warning rule (the Zone's redline area against its members) with a reason and
 * submits again; Jiangsu's approver, in its own tab, sees it submitted and approves it; the agency's next upload is refused
 * (409 naming the approval). axe-core finds no serious or critical issue; screenshots go to apps/server/test-output/.
 */
import { writeFile } from "node:fs/promises"
import { join } from "node:path"
import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, expect, it } from "vitest"
import { describeBrowser, openPage, OUTPUT, seriousViolations, startTestServer, type TestServer } from "../support/browser.js"

describeBrowser(
  "the agency page in chromium",
  () => {
    let test: TestServer
    let browser: Browser
    let agency: Page
    let approver: Page
    const csv = (name: string, text: string) => writeFile(join(OUTPUT, name), text).then(() => join(OUTPUT, name))

    beforeAll(async () => {
      test = await startTestServer("tijian-browser-agency-", [
        { role: "agency", agency: "suzhou-bureau", region: "320500" },
        { role: "approver", agency: "jiangsu-dc", region: "320000" },
      ])
      ;({ browser, page: agency } = await openPage())
      approver = await (await browser.newContext({ locale: "en-US", viewport: { width: 1200, height: 900 } })).newPage()
    }, 30_000)

    afterAll(async () => {
      await browser?.close()
      await test?.close()
    })

    const open = async (page: Page, token: string) => {
      await page.goto(`${test.server.url}/agency?lang=en`)
      await page.fill("#year", "2023")
      await page.fill("#token", token)
      await page.press("#token", "Enter")
      await page.waitForSelector("#worklist table")
    }
    const row = (page: Page, plugin: string, region: string) => page.locator(`#set-${plugin}-${region}`)

    it("takes an agency from its worklist through a rejected upload, a fix and a submission", async () => {
      await open(agency, test.more[0]!)
      expect(await row(agency, "ecology", "320500").count()).toBe(0)
      expect(await row(agency, "rail", "320500").locator("td").nth(2).textContent()).toMatch(/^0 \/ 8/)
      const wujiang = row(agency, "demo-zone", "320509")
      expect(await wujiang.locator("td").nth(3).textContent()).toBe("open")
      // names for people, codes beside them
      expect(await wujiang.locator("td").nth(1).textContent()).toBe("Wujiang District320509")
      expect(await wujiang.locator("td").nth(2).textContent()).toMatch(/^0 \/ \d+Missing: Cultivated land, /)

      const bad = await csv("agency-bad.csv", "indicator,region,year,value\necology.redline-area-km2,320509,2023,30,25\n")
      await wujiang.locator("input[type=file]").setInputFiles(bad)
      await wujiang.locator("button", { hasText: "Upload" }).click()
      await agency.waitForSelector("#problem-table")
      expect(await agency.locator("#problem-table tbody td").allTextContents()).toEqual([
        "2",
        "row",
        "this row has 5 cells but the header has 4 columns: a comma in a cell that is not in double quotes (a decimal comma as in 12,5, or a thousands separator as in 1,234) splits the cell in two; write 12.5 or 1234, or enclose the cell in double quotes",
      ])
      await agency.screenshot({ path: join(OUTPUT, "agency-upload-refused-en.png"), fullPage: true })
      expect(await seriousViolations(agency)).toEqual([])

      const good = await csv(
        "agency-good.csv",
        "indicator,region,year,value,source\necology.redline-area-km2,320509,2023,30.25,2023 land survey\necology.forest-coverage,320509,2023,0.16,2023 forest inventory\n",
      )
      await wujiang.locator("input[type=file]").setInputFiles(good)
      await wujiang.locator("button", { hasText: "Upload" }).click()
      await agency.locator("#status", { hasText: /^Stored/ }).waitFor()
      expect(await agency.locator("#status").textContent()).toBe("Stored 2 value(s) (0 unchanged).")
      expect(await agency.locator("#problem-table").count()).toBe(0)
      const ecology = row(agency, "ecology", "320509")
      // ecology owns forest coverage (one owner per figure): Wujiang's ecology set expects both figures
      expect(await ecology.locator("td").nth(2).textContent()).toBe("2 / 2")
      // the Zone's registered redline area (100 km²) is not Qingpu + Wujiang + Jiashan (50 + 30.25 + 40 = 120.25): a warning to acknowledge
      const zone = await fetch(`${test.server.url}/api/v1/observations`, {
        method: "POST",
        headers: { authorization: `Bearer ${test.token}`, "content-type": "application/json" },
        body: JSON.stringify({
          observations: [
            { indicator: "ecology.redline-area-km2", region: "DEMO-ZONE", year: 2023, value: 100, source: "zone office" },
            { indicator: "ecology.redline-area-km2", region: "310118", year: 2023, value: 50, source: "Qingpu survey" },
            { indicator: "ecology.redline-area-km2", region: "330421", year: 2023, value: 40, source: "Jiashan survey" },
          ],
        }),
      })
      expect(zone.status).toBe(201)
      await ecology.locator("button", { hasText: "Submit for approval" }).click()
      await agency.waitForSelector("#acknowledge table")
      expect(await agency.locator("#acknowledge tbody tr").count()).toBe(1)
      expect(await agency.locator("#acknowledge caption").textContent()).toBe("Some warnings need a reason: give one for each, then submit again.")
      await agency.screenshot({ path: join(OUTPUT, "agency-acknowledge-en.png"), fullPage: true })
      expect(await seriousViolations(agency)).toEqual([])
      await agency.fill("#reason-0", "the Zone's figure is the 2021 survey; members report the 2023 one")
      await agency.locator("#acknowledge button", { hasText: "Submit with these reasons" }).click()
      await agency.locator("#status", { hasText: /: submitted$/ }).waitFor()
      expect(await agency.locator("#status").textContent()).toBe("ecology/320509/2023: submitted")
      expect(await ecology.locator("td").nth(3).textContent()).toBe("submitted")
      expect(await ecology.locator("button").count()).toBe(0)
    }, 60_000)

    it("lets the approver approve it in its own tab; the agency's next upload is refused with who and when", async () => {
      await open(approver, test.more[1]!)
      const ecology = row(approver, "ecology", "320509")
      expect(await ecology.locator("td").nth(3).textContent()).toBe("submitted")
      expect(await ecology.locator("button").allTextContents()).toEqual(["Approve", "Return"])
      await approver.screenshot({ path: join(OUTPUT, "agency-approver-en.png"), fullPage: true })
      expect(await seriousViolations(approver)).toEqual([])
      await ecology.locator("button", { hasText: "Return" }).click()
      expect(await approver.locator("#status").textContent()).toBe("Write a comment first.")
      await ecology.locator("button", { hasText: "Approve" }).click()
      await approver.locator("#status", { hasText: /: approved$/ }).waitFor()
      expect(await ecology.locator("td").nth(3).textContent()).toBe("approved")

      const again = await csv("agency-again.csv", "indicator,region,year,value,source\necology.redline-area-km2,320509,2023,31,resurvey\n")
      await row(agency, "demo-zone", "320509").locator("input[type=file]").setInputFiles(again)
      await row(agency, "demo-zone", "320509").locator("button", { hasText: "Upload" }).click()
      await agency.locator("#status", { hasText: /approved by/ }).waitFor()
      expect(await agency.locator("#status").textContent()).toMatch(
        /^row 2: ecology\.redline-area-km2 belongs to data set ecology\/320509\/2023, approved by jiangsu-dc at .+; nothing was stored\. It takes no new values: an approver must reopen it first/,
      )
      await agency.goto(`${test.server.url}/agency?lang=zh&year=2023`)
      await agency.waitForSelector("#worklist table")
      expect(await row(agency, "ecology", "320509").locator("td").nth(3).textContent()).toBe("已通过")
      await agency.screenshot({ path: join(OUTPUT, "agency-zh.png"), fullPage: true })
      expect(await seriousViolations(agency)).toEqual([])
    }, 60_000)
  },
)
