import { freshPostgresDatabase, postgresAvailability } from "@tijian/core/testing"
import { Effect } from "effect"
import { type ChildProcess, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"
import { TokenStore } from "../src/auth/TokenStore.js"
import { builtinPlugins } from "../src/plugins.js"
import { makeRuntime, runOrThrow } from "../src/runtime.js"

const CELLS = 50
const TARGET = 5000
const CLIENTS_PER_SERVER = 8
const script = fileURLToPath(new URL("./support/serveForTest.ts", import.meta.url))
const children: Array<ChildProcess> = []
afterAll(() => children.forEach((c) => c.kill("SIGKILL")))

const startProcess = (databaseUrl: string) =>
  new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: "0", HOST: "127.0.0.1", TIJIAN_CONFIG: "" },
      stdio: ["ignore", "pipe", "pipe"],
    })
    children.push(child)
    let out = ""
    let err = ""
    child.stdout.on("data", (d) => {
      out += String(d)
      const m = /READY (\S+)/.exec(out)
      if (m) resolve(m[1]!)
    })
    child.stderr.on("data", (d) => (err += String(d)))
    child.on("exit", (code) => reject(new Error(`server process exited ${code}: ${err}`)))
  })

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const pg = postgresAvailability()

describe("PostgreSQL: two server processes, 16 clients, 5,000 revisions of 50 cells", () => {
  if (!pg.run) {
    it.skip(pg.reason, () => {})
    return
  }
  it(
    "keeps every accepted write in the history exactly once, each cell's current value its last accepted revision",
    async () => {
      const url = await freshPostgresDatabase(pg.url)
      const setup = makeRuntime({ filename: url, plugins: builtinPlugins })
      // one token per client, as 16 agencies' clients would have (and each within the per-token rate limit)
      const tokens: Array<string> = []
      for (let c = 0; c < 2 * CLIENTS_PER_SERVER; c++) {
        tokens.push((await runOrThrow(setup, Effect.flatMap(TokenStore, (s) => s.create({ role: "admin", agency: `client-${c}` }, new Date().toISOString())))).token)
      }
      await setup.dispose()
      // the first process seeds the empty database; the second starts on the seeded one
      const first = await startProcess(url)
      const second = await startProcess(url)
      const cell = (i: number) => `/api/v1/observations/beauty.growth/320500/${2000 + i}`
      let accepted = 0
      let conflicts = 0
      const acceptedWrites: Array<{ cell: number; value: number; revision: number }> = []
      const client = async (base: string, id: number) => {
        let seq = 0
        while (accepted < TARGET) {
          const i = (id * 7 + seq * 13) % CELLS
          const value = Math.round((id * 1000 + seq) % 10000) / 100
          seq++
          const current = await fetch(base + cell(i))
          const etag = current.status === 200 ? current.headers.get("etag") : null
          await current.arrayBuffer()
          const res = await fetch(base + cell(i), {
            method: "PUT",
            headers: { authorization: `Bearer ${tokens[id]}`, "content-type": "application/json", ...(etag ? { "if-match": etag } : {}) },
            body: JSON.stringify({ value, note: `client ${id} write ${seq}` }),
          })
          const body = (await res.json()) as { revision?: number }
          if (res.status === 200 || res.status === 201) {
            if (accepted < TARGET) {
              accepted++
              acceptedWrites.push({ cell: i, value, revision: body.revision! })
            } else acceptedWrites.push({ cell: i, value, revision: body.revision! })
          } else if (res.status === 409 || res.status === 412 || res.status === 428) conflicts++
          else if (res.status === 429) await sleep(Number(res.headers.get("retry-after") ?? "1") * 1000)
          else throw new Error(`unexpected ${res.status}: ${JSON.stringify(body)}`)
        }
      }
      await Promise.all(
        [first, second].flatMap((base, s) => Array.from({ length: CLIENTS_PER_SERVER }, (_, c) => client(base, s * CLIENTS_PER_SERVER + c))),
      )
      expect(acceptedWrites.length).toBeGreaterThanOrEqual(TARGET)
      // read every cell's history back through the first server
      let historyRows = 0
      for (let i = 0; i < CELLS; i++) {
        const h = (await (await fetch(`${first}${cell(i)}/history`)).json()) as { revisions: Array<{ revision: number; value: number; note: string }> }
        const mine = acceptedWrites.filter((w) => w.cell === i).sort((a, b) => a.revision - b.revision)
        historyRows += h.revisions.length
        // every accepted write exactly once, in a gapless total order 1..n
        expect(h.revisions.map((r) => r.revision)).toEqual(mine.map((_, k) => k + 1))
        expect(h.revisions.map((r) => r.value)).toEqual(mine.map((w) => w.value))
        const current = (await (await fetch(`${second}${cell(i)}`)).json()) as { revision: number; value: number }
        expect([current.revision, current.value]).toEqual([mine.at(-1)!.revision, mine.at(-1)!.value])
      }
      expect(historyRows).toBe(acceptedWrites.length)
      console.log(`pg concurrency: ${acceptedWrites.length} accepted writes, ${conflicts} refused with 409/428, ${historyRows} history rows`)
    },
    240_000,
  )
})
