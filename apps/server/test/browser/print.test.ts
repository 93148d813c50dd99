/**
 * The report printed to PDF by Chromium (A4, the page's own @page size), each page rendered by poppler's
 * pdftoppm to a grey image, and the share of its pixel rows holding any ink measured: YRD 2022 in Chinese
 * fits on at most 8 pages, and no page but the last is less than a third full (no card forcing a page break).
 * Writes the PDFs and PNG renders of their pages to apps/server/test-output/.
 */
import { execFile } from "node:child_process"
import { existsSync } from "node:fs"
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"
import { type Browser, chromium, type Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type RunningServer, startServer } from "../../src/server.js"
import { CHROMIUM, LAUNCH_ARGS, OUTPUT } from "../support/browser.js"

const run = promisify(execFile)
const PDFTOPPM = "/usr/bin/pdftoppm"
const PDFTOTEXT = "/usr/bin/pdftotext"
/** A pixel darker than this (0 black .. 255 white) is ink. */
const INK = 245

/** Width, height and grey bytes of a binary PGM (P5) image as pdftoppm -gray writes it. */
export const parsePgm = (bytes: Buffer): { width: number; height: number; pixels: Buffer } => {
  const fields: Array<string> = []
  let i = 0
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[i]!))) i++
    if (bytes[i] === 0x23) {
      while (bytes[i] !== 0x0a) i++
      continue
    }
    let field = ""
    while (!/\s/.test(String.fromCharCode(bytes[i]!))) field += String.fromCharCode(bytes[i++]!)
    fields.push(field)
  }
  const [magic, width, height, max] = fields
  if (magic !== "P5" || max !== "255") throw new Error(`not an 8-bit binary PGM: ${fields.join(" ")}`)
  return { width: Number(width), height: Number(height), pixels: bytes.subarray(i + 1) }
}

/** Share of the image's rows (0..1) with at least one pixel of ink. */
export const inkedRowShare = ({ width, height, pixels }: ReturnType<typeof parsePgm>): number => {
  let inked = 0
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      if (pixels[row * width + col]! < INK) {
        inked++
        break
      }
    }
  }
  return inked / height
}

/** Prints the page to `name.pdf`, renders every page to grey (PGM at 40 dpi, measured) and PNG (60 dpi, to look at) images. */
const printAndMeasure = async (page: Page, url: string, name: string) => {
  await page.goto(url)
  const pdf = join(OUTPUT, `${name}.pdf`)
  await page.pdf({ path: pdf, format: "A4", preferCSSPageSize: true })
  const work = await mkdtemp(join(tmpdir(), "tijian-print-"))
  try {
    await run(PDFTOPPM, ["-gray", "-r", "40", pdf, join(work, "p")])
    await run(PDFTOPPM, ["-png", "-r", "60", pdf, join(OUTPUT, `${name}-page`)])
    const files = (await readdir(work)).filter((f) => f.endsWith(".pgm")).sort()
    const fill = await Promise.all(files.map(async (f) => inkedRowShare(parsePgm(await readFile(join(work, f))))))
    const { stdout: text } = await run(PDFTOTEXT, [pdf, "-"])
    return { pages: files.length, fill, text }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

/** Whether every page carries its number "n / N" in the bottom margin (pdftotext gives it as a line "n/N"). */
const numbered = (text: string, pages: number) =>
  text
    .split("\f")
    .slice(0, pages)
    .every((t, i) => new RegExp(`^${i + 1} ?/ ?${pages}$`, "m").test(t))

/** Skipped only on a developer machine without chromium or pdftoppm; with CI set, a missing tool fails. */
const toolsMissing = (!existsSync(CHROMIUM) || !existsSync(PDFTOPPM)) && !process.env.CI
const describePrint = toolsMissing ? describe.skip : describe

describePrint(
  toolsMissing ? `the printed report (skipped: ${CHROMIUM} or ${PDFTOPPM} is missing; apt-get install chromium poppler-utils)` : "the printed report",
  () => {
    let dir: string
    let server: RunningServer
    let browser: Browser
    let page: Page

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "tijian-print-db-"))
      server = await startServer({ port: 0, host: "127.0.0.1", database: join(dir, "tijian.sqlite") })
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS })
      page = await (await browser.newContext({ locale: "zh-CN" })).newPage()
      await mkdir(OUTPUT, { recursive: true })
    }, 30_000)

    afterAll(async () => {
      await browser?.close()
      await server?.close()
      if (dir) await rm(dir, { recursive: true, force: true })
    })

    it("measures a page's fill from its image: a blank page is 0, a page of ink rows is their share", () => {
      const width = 4
      const height = 10
      const pixels = Buffer.alloc(width * height, 255)
      pixels[2 * width + 3] = 0 // one dark pixel on row 2
      pixels.fill(100, 5 * width, 8 * width) // rows 5, 6, 7 grey
      const pgm = Buffer.concat([Buffer.from(`P5\n# pdftoppm\n${width} ${height}\n255\n`), pixels])
      expect(parsePgm(pgm).width).toBe(4)
      expect(inkedRowShare(parsePgm(pgm))).toBe(0.4)
      expect(inkedRowShare({ width, height, pixels: Buffer.alloc(width * height, 255) })).toBe(0)
    })

    it("prints YRD 2022 in Chinese to at most 8 A4 pages, none but the last under a third full, numbered", async () => {
      const { pages, fill, text } = await printAndMeasure(page, `${server.url}/reports/YRD/2022?lang=zh`, "print-YRD-2022-zh")
      console.log(`YRD 2022 zh: ${pages} pages, fill ${fill.map((f) => f.toFixed(2)).join(" ")}`)
      expect(pages).toBeLessThanOrEqual(8)
      for (const f of fill.slice(0, -1)) expect(f).toBeGreaterThanOrEqual(1 / 3)
      // the page numbers in the bottom margin (CSS @page margin boxes), "n / N"
      expect(numbered(text, pages)).toBe(true)
      // the cover: scope, year, the content hash; the contents; the summary on the first page
      const first = text.split("\f")[0]!
      expect(first).toContain("长江三角洲地区 2022 年度体检报告")
      expect(first).toMatch(/[0-9a-f]{64}/)
      expect(first).toContain("目录")
      expect(first).toContain("摘要")
    }, 60_000)

    it("prints YRD 2022 in English and the Demonstration Zone 2025 with no page but the last under a third full", async () => {
      for (const [url, name] of [
        [`/reports/YRD/2022?lang=en`, "print-YRD-2022-en"],
        [`/reports/DEMO-ZONE/2025?lang=zh`, "print-DEMO-ZONE-2025-zh"],
      ] as const) {
        const { pages, fill, text } = await printAndMeasure(page, `${server.url}${url}`, name)
        console.log(`${name}: ${pages} pages, fill ${fill.map((f) => f.toFixed(2)).join(" ")}`)
        for (const f of fill.slice(0, -1)) expect(f, name).toBeGreaterThanOrEqual(1 / 3)
        expect(numbered(text, pages), name).toBe(true)
      }
    }, 60_000)
  },
)
