/**
 * Untrusted files (issue #23): hostile inputs generated here, a few MB at most, each refused with a message naming
 * the file, what was counted, the limit and the setting that raises it, before the work grows.
 */
import { CalculatorError, DEFAULT_INPUT_LIMITS, runCalculator, yrdRegions } from "@tijian/core/plugin"
import { deflateSync } from "node:zlib"
import { describe, expect, it } from "vitest"
import { catchmentCalculator, rail } from "../src/index.js"
import { readGtfs } from "../src/gtfs/readGtfs.js"
import { readWeightedPoints } from "../src/inputs/readWeightedPoints.js"
import { readOptions } from "./helpers/readOptions.js"
import { tiff } from "./helpers/tiff.js"
import { binaryFile, toyFeedFiles, zipFeed } from "./helpers/toyFeed.js"
import { type ZipMember, zipBytes } from "./helpers/zip.js"

const HOW = "split the input, or raise inputLimits"
const ROW = "R1-0700,07:00:00,07:00:00,A,1\n" // 30 bytes
const HEADER = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n" // 58 bytes
/** stop_times.txt of 600,000 identical rows: 58 + 600,000 x 30 = 18,000,058 bytes, which deflate to about 45 KB. */
const BOMB = Buffer.from(HEADER + ROW.repeat(600_000))

/** The toy feed with stop_times.txt replaced by `stopTimes` (deflated), written as a zip; `extra` members appended. */
const feedWith = (stopTimes: Partial<ZipMember> & { data: Buffer }, extra: ReadonlyArray<ZipMember> = []) => {
  const files = toyFeedFiles({ "stop_times.txt": undefined })
  const members: Array<ZipMember> = Object.entries(files).map(([name, text]) => ({ name, data: Buffer.from(text) }))
  const bytes = zipBytes([...members, { name: "stop_times.txt", deflate: true, ...stopTimes }, ...extra])
  return { ...binaryFile(bytes, "feed.zip"), bytes: bytes.length, declared: members.reduce((n, m) => n + m.data.length, 0) + stopTimes.data.length }
}

const refusal = async (run: Promise<unknown>): Promise<CalculatorError> => {
  const error = await run.then(() => undefined, (e: unknown) => e)
  expect(error).toBeInstanceOf(CalculatorError)
  return error as CalculatorError
}

const timed = async <A>(run: () => Promise<A>): Promise<{ result: A; ms: number }> => {
  const start = performance.now()
  const result = await run()
  return { result, ms: Math.round(performance.now() - start) }
}

describe("a GTFS zip under the input limits", () => {
  it("refuses a zip bomb (under 64 KB unpacking to 17.2 MiB) by its directory, before inflating", async () => {
    const bomb = feedWith({ data: BOMB })
    expect(bomb.bytes).toBeLessThan(64 * 1024)
    expect(bomb.declared - BOMB.length).toBe(552) // the toy feed's other members (WGS84 coordinates written to 15 digits)
    const { result: e, ms } = await timed(() => refusal(readGtfs(bomb.path, readOptions({ maxUnpackedBytes: 8 * 1024 * 1024 }))))
    expect(e.reason).toBe("too-large")
    // (18,000,058 + 552) / 1,048,576 = 17.167 MiB
    expect(e.message).toBe(`gtfs holds 17.2 MiB unpacked bytes (limit maxUnpackedBytes = 8 MiB); ${HOW}.maxUnpackedMb in tijian.config.json (docs/security.md)`)
    expect(e.problems).toEqual([{ file: "gtfs", message: e.message }])
    console.info(`zip bomb: ${bomb.bytes} bytes compressed, ${bomb.declared} declared unpacked, refused in ${ms} ms`)
  })

  it("stops a member that unpacks to more than the directory declares (1,000 bytes declared, 18,000,058 inside)", async () => {
    const liar = feedWith({ data: BOMB, declaredSize: 1000 })
    const { result: e, ms } = await timed(() => refusal(readGtfs(liar.path, readOptions())))
    expect(e.reason).toBe("invalid-input")
    expect(e.message).toMatch(
      /^gtfs\/stop_times\.txt: unpacks to more bytes than the archive's directory declares \(too many bytes in the stream\. expected 1000\. got at least \d+\); the archive is corrupt or crafted$/,
    )
    console.info(`lying zip: refused in ${ms} ms`)
  })

  it("stops stop_times.txt at maxRows: row 100,001 of 600,000 is refused", async () => {
    const e = await refusal(readGtfs(feedWith({ data: BOMB }).path, readOptions({ maxRows: 100_000 })))
    expect(e.reason).toBe("too-large")
    expect(e.message).toBe(
      `gtfs/stop_times.txt holds more than 100,000 rows (limit maxRows = 100,000); ${HOW}.maxRows in tijian.config.json (docs/security.md)`,
    )
  })

  it("refuses a member name given twice", async () => {
    const e = await refusal(readGtfs(feedWith({ data: Buffer.from(HEADER + ROW) }, [{ name: "stops.txt", data: Buffer.from("stop_id\nX\n") }]).path, readOptions()))
    expect(e.reason).toBe("invalid-input")
    expect(e.message).toBe('gtfs: the archive holds "stops.txt" more than once; each member name must be unique')
  })

  describe("100,000 members, each named stops.txt in its own folder", () => {
    const many = binaryFile(
      zipBytes(Array.from({ length: 100_000 }, (_, i) => ({ name: `${i.toString(36)}/stops.txt`, data: Buffer.alloc(0) }))),
      "many.zip",
    )

    it("refuses them by the directory's count (limit 10,000), without indexing them", async () => {
      const { result: e, ms } = await timed(() => refusal(readGtfs(many.path, readOptions())))
      expect(DEFAULT_INPUT_LIMITS.maxEntries).toBe(10_000)
      expect(e.message).toBe(`gtfs holds 100,000 archive members (limit maxEntries = 10,000); ${HOW}.maxEntries in tijian.config.json (docs/security.md)`)
      expect(ms).toBeLessThan(5_000)
      console.info(`100,000 members refused by count in ${ms} ms`)
    })

    it("indexes them in linear time when maxEntries allows them; stops.txt in several folders is not found", async () => {
      const { result: e, ms } = await timed(() => refusal(readGtfs(many.path, { ...readOptions({ maxEntries: 200_000 }), filename: "many.zip" })))
      expect(e.problems[0]).toEqual({ file: "gtfs/stops.txt", message: "required file stops.txt is missing from many.zip" })
      expect(ms).toBeLessThan(30_000)
      console.info(`100,000 members indexed in ${ms} ms`)
    }, 60_000)
  })

  it("stops reading when the run is aborted, with the abort's reason", async () => {
    const reason = new CalculatorError({ reason: "timeout", message: "time budget of 0.05 s spent", problems: [] })
    const before = new AbortController()
    before.abort(reason)
    expect(await refusal(readGtfs(zipFeed(toyFeedFiles()).path, readOptions({}, before.signal)))).toBe(reason)
    const during = new AbortController()
    const feed = feedWith({ data: BOMB })
    const started = performance.now()
    setTimeout(() => during.abort(reason), 50)
    expect(await refusal(readGtfs(feed.path, readOptions({}, during.signal)))).toBe(reason)
    console.info(`abort after 50 ms: reading stopped at ${Math.round(performance.now() - started)} ms`)
  })
})

describe("a GeoTIFF population grid under maxRasterPixels", () => {
  it("refuses a header declaring 100,000 x 100,000 pixels before decoding any strip", async () => {
    const huge = binaryFile(tiff({ width: 100_000, height: 100_000 }), "population.tif")
    const e = await refusal(readWeightedPoints(huge, "population", "population", readOptions()))
    expect(e.reason).toBe("too-large")
    expect(e.message).toBe(
      `population holds 10,000,000,000 raster pixels (limit maxRasterPixels = 67,108,864); ${HOW}.maxRasterPixels in tijian.config.json (docs/security.md)`,
    )
  })

  it("stops a deflate strip at the 1,000,000 bytes its 1,000 x 1,000 header declares (64 MiB of zeros inside)", async () => {
    const strip = deflateSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 })
    expect(strip.length).toBeLessThan(128 * 1024)
    const bomb = binaryFile(tiff({ width: 1000, height: 1000, compression: 8, strip }), "population.tif")
    const e = await refusal(readWeightedPoints(bomb, "population", "population", readOptions()))
    expect(e.reason).toBe("invalid-input")
    expect(e.message).toBe("population: a strip or tile unpacks to more than the 1,000,000 bytes its header declares; the file is corrupt or crafted")
  })

  it("still reads an honest deflate strip: 2 x 2 cells, one of 5 people", async () => {
    const grid = binaryFile(tiff({ width: 2, height: 2, compression: 8, strip: deflateSync(Buffer.from([0, 5, 0, 0])) }), "population.tif")
    const points = await readWeightedPoints(grid, "population", "population", readOptions())
    expect(points.total).toBe(5)
    expect(points.lon[0]).toBeCloseTo(121.015, 9) // the centre of column 1: 121 + 1.5 x 0.01
    expect(points.lat[0]).toBeCloseTo(31.495, 9) // the centre of row 0: 31.5 - 0.5 x 0.01
  })

  it("takes the limit from the calculator's context: 100 x 100 pixels over a limit of 9,999", async () => {
    const run = runCalculator(catchmentCalculator, rail, {
      inputs: { gtfs: zipFeed(toyFeedFiles()), population: binaryFile(tiff({ width: 100, height: 100 }), "population.tif") },
      params: {},
      region: "310000",
      year: 2024,
      regions: yrdRegions(),
      limits: { ...DEFAULT_INPUT_LIMITS, maxRasterPixels: 9_999 },
    })
    const e = await refusal(run)
    expect(e.message).toBe(`population holds 10,000 raster pixels (limit maxRasterPixels = 9,999); ${HOW}.maxRasterPixels in tijian.config.json (docs/security.md)`)
  })
})
