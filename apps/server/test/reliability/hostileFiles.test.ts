/**
 * Hostile files over real HTTP, measured from outside (the server in its own process): a GTFS zip bomb, a zip of
 * 20,000 members, a GeoTIFF whose header declares 10 billion pixels, a GeoJSON of too many features. Each is refused
 * with a 413 that names the limit, within seconds, while /health keeps answering and the server's resident memory
 * stays within 150 MiB of where it was. Files are generated here and are a few MB at most.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { toyFeedFiles } from "../../../../packages/plugin-rail/test/helpers/toyFeed.js"
import { tiff } from "../../../../packages/plugin-rail/test/helpers/tiff.js"
import { zipBytes } from "../../../../packages/plugin-rail/test/helpers/zip.js"
import { type ProbeServer, rssMb, startProbeServer, watch } from "./probe.js"

let dir: string
let server: ProbeServer

const toyZip = () => zipBytes(Object.entries(toyFeedFiles()).map(([name, text]) => ({ name, data: Buffer.from(text), deflate: true })))

/** Runs a calculator with `files` while watching the server; answers with what was seen. */
const probe = async (calculator: string, files: Readonly<Record<string, { name: string; bytes: Uint8Array }>>, fields: Record<string, string> = {}) => {
  const form = new FormData()
  for (const [input, file] of Object.entries(files)) form.append(input, new Blob([file.bytes]), file.name)
  for (const [k, v] of Object.entries({ region: "320500", year: "2024", ...fields })) form.append(k, v)
  const before = rssMb(server.pid)
  const watching = watch(server)
  const started = performance.now()
  const res = await fetch(`${server.url}/api/v1/calculators/${calculator}/runs`, { method: "POST", headers: { authorization: `Bearer ${server.token}` }, body: form })
  const body = (await res.json()) as any
  const seconds = (performance.now() - started) / 1000
  const seen = await watching.stop()
  const upload = Object.values(files).reduce((n, f) => n + f.bytes.length, 0)
  console.log(
    `${calculator}: ${res.status} in ${seconds.toFixed(2)} s for ${(upload / 1024).toFixed(0)} KiB; RSS ${before.toFixed(0)} -> peak ${seen.peakRssMb.toFixed(0)} MiB; ` +
      `${seen.answers} health answers, slowest ${seen.slowestMs.toFixed(1)} ms`,
  )
  return { status: res.status, body, seconds, growthMb: seen.peakRssMb - before, seen }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tijian-hostile-"))
  server = await startProbeServer(dir, {
    TIJIAN_DB: join(dir, "t.sqlite"),
    TIJIAN_MAX_UNPACKED_MB: "64",
    TIJIAN_MAX_FEATURES: "1000",
    TIJIAN_CALCULATOR_TIMEOUT_SECONDS: "60",
  })
}, 90_000)

afterAll(async () => {
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe("hostile files get a 413 naming the limit, in bounded memory, while /health answers", () => {
  it("a GTFS zip bomb: stop_times.txt of 100 MiB in 249 KiB", async () => {
    const row = "T1,07:00:00,07:00:00,A,1\n"
    const stopTimes = Buffer.alloc(100 * 1024 * 1024, row)
    const files = { ...toyFeedFiles() }
    delete files["stop_times.txt"]
    const bomb = zipBytes([
      ...Object.entries(files).map(([name, text]) => ({ name, data: Buffer.from(text), deflate: true })),
      { name: "stop_times.txt", data: Buffer.concat([Buffer.from("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"), stopTimes]), deflate: true },
    ])
    expect(bomb.length).toBeLessThan(300 * 1024)
    const res = await probe("rail.origin-terminal", { gtfs: { name: "feed.zip", bytes: bomb } }, { params: JSON.stringify({ stations: ["A"], date: "2024-03-11" }) })
    expect([res.status, res.body.error.code]).toEqual([413, "payload-too-large"])
    expect(res.body.error.message).toMatch(/unpacked bytes \(limit maxUnpackedBytes = 64 MiB\); split the input, or raise inputLimits\.maxUnpackedMb in tijian\.config\.json/)
    expect(res.seconds).toBeLessThan(10)
    expect(res.growthMb).toBeLessThan(150)
    expect(res.seen.failed).toBe(0)
  }, 60_000)

  it("a zip of 20,000 members: refused by count from its directory", async () => {
    const many = zipBytes(Array.from({ length: 20_000 }, (_, i) => ({ name: `m${i}.txt`, data: Buffer.from("x") })))
    const res = await probe("rail.origin-terminal", { gtfs: { name: "feed.zip", bytes: many } }, { params: JSON.stringify({ stations: ["A"], date: "2024-03-11" }) })
    expect([res.status, res.body.error.code]).toEqual([413, "payload-too-large"])
    expect(res.body.error.message).toMatch(/20,000 archive members \(limit maxEntries = 10,000\)/)
    expect(res.seconds).toBeLessThan(10)
    expect(res.growthMb).toBeLessThan(150)
  }, 60_000)

  it("a GeoTIFF whose header declares 100,000 x 100,000 pixels: refused before decoding", async () => {
    const raster = tiff({ width: 100_000, height: 100_000 })
    const res = await probe("rail.station-catchment", { gtfs: { name: "feed.zip", bytes: toyZip() }, population: { name: "population.tif", bytes: raster } })
    expect([res.status, res.body.error.code]).toEqual([413, "payload-too-large"])
    expect(res.body.error.message).toMatch(/10,000,000,000 raster pixels \(limit maxRasterPixels = 67,108,864\)/)
    expect(res.growthMb).toBeLessThan(150)
  }, 60_000)

  it("a GeoJSON of 1,001 features over maxFeatures = 1,000", async () => {
    const square = (i: number) => ({
      type: "Feature",
      properties: { id: `r${i}` },
      geometry: { type: "Polygon", coordinates: [[[120 + i * 0.001, 31], [120.0005 + i * 0.001, 31], [120.0005 + i * 0.001, 31.0005], [120 + i * 0.001, 31]]] },
    })
    const collection = (n: number) => new TextEncoder().encode(JSON.stringify({ type: "FeatureCollection", features: Array.from({ length: n }, (_, i) => square(i)) }))
    const res = await probe("ecology.redline-integrity", {
      "redlines-baseline": { name: "baseline.geojson", bytes: collection(1001) },
      "redlines-current": { name: "current.geojson", bytes: collection(1) },
      boundaries: { name: "boundaries.geojson", bytes: collection(1) },
    })
    expect([res.status, res.body.error.code]).toEqual([413, "payload-too-large"])
    expect(res.body.error.message).toMatch(/1,001 features \(limit maxFeatures = 1,000\)|more than 1,000 features \(limit maxFeatures = 1,000\)/)
    expect(res.growthMb).toBeLessThan(150)
  }, 60_000)
})
