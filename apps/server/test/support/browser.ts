/**
 * What the browser tests share: Debian's chromium driven by playwright-core, the launch flags this closed network
 * needs, the skip rule (skip only on a developer machine without chromium; with CI set a missing browser fails),
 * axe-core's serious and critical violations, and a real server on 127.0.0.1 over a temporary SQLite file with an
 * admin token made before it starts.
 */
import type { Plugin } from "@tijian/core"
import axe from "axe-core"
import { Effect } from "effect"
import { existsSync } from "node:fs"
import { mkdir, mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { type Browser, chromium, type Page } from "playwright-core"
import { describe } from "vitest"
import { type NewToken as TokenSpec, TokenStore } from "../../src/auth/TokenStore.js"
import { builtinPlugins } from "../../src/plugins.js"
import { makeRuntime, runOrThrow } from "../../src/runtime.js"
import { type RunningServer, startServer } from "../../src/server.js"

export const CHROMIUM = "/usr/bin/chromium"

/** Screenshots, PDFs and page renders (git-ignored). */
export const OUTPUT = fileURLToPath(new URL("../../test-output/", import.meta.url))

/** Without the background-networking flags chromium's connections are refused by this machine's closed network. */
export const LAUNCH_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
]

/** Skipped only on a developer machine without chromium; with CI set, a missing browser fails the launch. */
export const browserMissing = !existsSync(CHROMIUM) && !process.env.CI

/** `describe` for a browser suite, or `describe.skip` saying why. */
export const describeBrowser = (name: string, body: () => void) =>
  browserMissing ? describe.skip(`${name} (skipped: ${CHROMIUM} is missing; apt-get install chromium)`, body) : describe(name, body)

/** Runs axe-core in the page and returns the serious and critical violations (id: offending selectors). */
export const seriousViolations = async (page: Page) => {
  await page.evaluate(axe.source)
  const results = await page.evaluate<axe.AxeResults>('axe.run(document, { resultTypes: ["violations"] })')
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)
}

/** A running server over a fresh SQLite file (seeded as `pnpm start` seeds it) and an admin token for it. */
export interface TestServer {
  readonly server: RunningServer
  readonly token: string
  /** The tokens of `more`, in its order. */
  readonly more: ReadonlyArray<string>
  readonly close: () => Promise<void>
}

/**
 * Starts a server on a random port of 127.0.0.1 over a new SQLite file, with an admin token of `yrd-office` made in
 * the same file before it starts; `plugins` default to the built-in ones.
 */
export const startTestServer = async (prefix: string, more: ReadonlyArray<TokenSpec> = [], plugins: ReadonlyArray<Plugin> = builtinPlugins): Promise<TestServer> => {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  const database = join(dir, "tijian.sqlite")
  const setup = makeRuntime({ filename: database, plugins })
  const make = (spec: TokenSpec) => runOrThrow(setup, Effect.flatMap(TokenStore, (s) => s.create(spec, new Date().toISOString())))
  const { token } = await make({ role: "admin", agency: "yrd-office" })
  const others: Array<string> = []
  for (const spec of more) others.push((await make(spec)).token)
  await setup.dispose()
  const server = await startServer({ port: 0, host: "127.0.0.1", database }, { plugins })
  return {
    server,
    token,
    more: others,
    close: async () => {
      await server.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** Chromium with one page (en-US, 1200 x 900), and the output folder made. */
export const openPage = async (): Promise<{ readonly browser: Browser; readonly page: Page }> => {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS })
  const page = await (await browser.newContext({ locale: "en-US", viewport: { width: 1200, height: 900 } })).newPage()
  await mkdir(OUTPUT, { recursive: true })
  return { browser, page }
}
