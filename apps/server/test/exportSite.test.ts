/**
 * `tijian export-site` end to end: a SQLite file seeded with the reference data, YRD 2022 published twice with a
 * revision between (green expansion index 80.98 -> 79.5), the CLI run in process, then every href of every
 * exported HTML file crawled: each must be relative and name a file inside the folder (and an id in it, for a
 * fragment).
 */
import { Effect } from "effect"
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join, relative, resolve } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { cliInProcess } from "./support/cliInProcess.js"
import { builtinPlugins } from "../src/plugins.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"

let dir: string
let runtime: AppRuntime

const cli = cliInProcess(() => ({ env: { TIJIAN_DB: "tijian.sqlite" }, cwd: dir, now: () => new Date("2025-01-01T00:00:00.000Z"), plugins: builtinPlugins }))

const walk = (root: string): Array<string> =>
  readdirSync(root).flatMap((name) => {
    const path = join(root, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tijian-export-"))
  // the first CLI run creates and seeds the SQLite file; the app then publishes into the same file
  expect((await cli("db", "migrate")).code).toBe(0)
  runtime = makeRuntime({ filename: join(dir, "tijian.sqlite"), plugins: builtinPlugins })
  const admin = (await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create({ role: "admin", agency: "yrd-office" }, "2024-01-01T00:00:00.000Z")))).token
  let clock = new Date("2024-02-20T00:00:00.000Z")
  const app = makeApp(runtime, { now: () => clock })
  const auth = { authorization: `Bearer ${admin}` }
  expect((await app.request("/api/v1/reports/YRD/2022/publish", { method: "POST", headers: auth })).status).toBe(201)
  clock = new Date("2024-03-01T00:00:00.000Z")
  const revise = await app.request("/api/v1/observations/beauty.green-expansion/YRD/2022", {
    method: "PUT",
    headers: { ...auth, "content-type": "application/json", "if-match": '"1"' },
    body: JSON.stringify({ value: 79.5 }),
  })
  expect(revise.status).toBe(200)
  expect((await app.request("/api/v1/reports/YRD/2022/publish", { method: "POST", headers: auth })).status).toBe(201)
  expect((await app.request("/api/v1/reports/DEMO-ZONE/2025/publish", { method: "POST", headers: auth })).status).toBe(201)
  await runtime.dispose()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("tijian export-site", () => {
  it("writes the index, every edition in zh and en with JSON/CSV/Markdown, the lists and the diff", async () => {
    const run = await cli("export-site", "--out", "site")
    expect(run.stderr).toBe("")
    expect(run.code).toBe(0)
    const site = join(dir, "site")
    const files = walk(site).map((f) => relative(site, f)).sort()
    const yrd = "reports/YRD/2022/editions/"
    const perEdition = (n: number) => [`${n}.html`, `${n}.en.html`, `${n}.json`, `${n}.md`, `${n}.en.md`, `${n}.csv`, `${n}.en.csv`]
    const lists = ["index.html", "index.en.html", "editions.json"]
    expect(files).toEqual(
      [
        "index.en.html",
        "index.html",
        ...[...lists, ...perEdition(1)].map((f) => `reports/DEMO-ZONE/2025/editions/${f}`),
        ...[...lists, ...perEdition(1), ...perEdition(2), "diff-1-2.html", "diff-1-2.en.html", "diff-1-2.json"].map((f) => yrd + f),
      ].sort(),
    )
    expect(run.stdout).toBe(`wrote ${files.length} files to ${site}: 3 editions of 2 reports; open index.html (中文) or index.en.html (English)\n`)

    const read = (f: string) => readFileSync(join(site, f), "utf8")
    expect(read(`${yrd}1.en.html`)).toContain("<strong>Superseded by edition 2, published 2024-03-01 00:00 UTC.</strong>\n<a href=\"2.en.html\">Read edition 2</a>")
    expect(read(`${yrd}2.html`)).toContain("第 2 版是目前最新的版次。")
    expect(read(`${yrd}diff-1-2.en.html`)).toContain('<td class="num old">80.98</td>\n<td class="num new">79.50</td><td class="num">−1.48</td>')
    expect(JSON.parse(read(`${yrd}1.json`)).provenance.contentHash).toBe(JSON.parse(read(`${yrd}editions.json`)).editions[0].contentHash)
    expect(read(`${yrd}1.en.md`).split("\n")[4]).toBe("> Superseded by edition 2, published 2024-03-01 00:00 UTC.")
    expect(read(`${yrd}2.csv`).startsWith("\ufeff")).toBe(true)
    // the index links each year to its latest edition and to the list
    expect(read("index.en.html")).toContain(`<a href="${yrd}2.en.html" aria-label="Yangtze River Delta, report 2022">2022</a> <a class="editions" href="${yrd}index.en.html"`)
  })

  it("every href in every exported page is relative and resolves to a file (and id) inside the folder", () => {
    const site = join(dir, "site")
    const pages = walk(site).filter((f) => f.endsWith(".html"))
    let links = 0
    const broken: Array<string> = []
    for (const page of pages) {
      const html = readFileSync(page, "utf8")
      for (const [, href] of html.matchAll(/href="([^"]*)"/g)) {
        links++
        const raw = href!.replace(/&amp;/g, "&")
        if (/^[a-z]+:|^\/|^\/\//i.test(raw) || raw.includes("?")) {
          broken.push(`${relative(site, page)}: ${raw} is not a relative file link`)
          continue
        }
        const [path, fragment] = raw.split("#")
        const target = path ? resolve(dirname(page), path) : page
        if (!target.startsWith(site + "/") || !existsSync(target)) {
          broken.push(`${relative(site, page)}: ${raw} -> no such file in the folder`)
          continue
        }
        if (fragment && target.endsWith(".html") && !readFileSync(target, "utf8").includes(`id="${fragment}"`)) {
          broken.push(`${relative(site, page)}: ${raw} -> no id "${fragment}"`)
        }
      }
    }
    expect(broken).toEqual([])
    expect(pages.length).toBe(14)
    expect(links).toBeGreaterThan(100)
  })

  it("filters by --scope and --year, refuses a folder that is not empty, and names a wrong option", async () => {
    const only = await cli("export-site", "--out", "yrd-only", "--scope", "YRD", "--year", "2022")
    expect(only.code).toBe(0)
    expect(only.stdout).toContain(": 2 editions of 1 report;")
    expect(existsSync(join(dir, "yrd-only/reports/DEMO-ZONE"))).toBe(false)
    const again = await cli("export-site", "--out", "yrd-only")
    expect(again.code).toBe(1)
    expect(again.stderr).toContain("yrd-only is not empty; export into a new or empty folder")
    const wrong = await cli("export-site", "--out", "x", "--scope", "NOPE")
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('no region or group has the code "NOPE"')
    const noOut = await cli("export-site")
    expect(noOut.code).toBe(2)
    expect(noOut.stderr).toContain("--out is required")
    expect((await cli("export-site", "--out", "y", "--year", "20x2")).code).toBe(2)
  })
})
