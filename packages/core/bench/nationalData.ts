/**
 * The national data set of the benchmarks (issue #20, item 4): every county-level unit of mainland China (2,978,
 * `nationalRegions().atLevel("county")`: the three prefecture-level cities without counties included) x `TIJIAN_BENCH_NATIONAL_INDICATORS` (default 10) indicators x 20 years (2005-2024), a smooth
 * trend with seeded noise per county and indicator, and the plugin that declares the indicators and their targets.
 * Shared by `national.bench.ts` (import, cold reports) and `overview.bench.ts` (the overview, warm and cold).
 */
import { type NewObservation, nationalRegions, type Plugin, seededRandom } from "../src/index.js"

/** Indicators of the data set. */
export const INDICATORS = Number(process.env.TIJIAN_BENCH_NATIONAL_INDICATORS ?? 10)
export const YEARS = 20
export const FIRST_YEAR = 2005
export const YEAR = FIRST_YEAR + YEARS - 1
export const AS_OF = "2025-01-01T00:00:00.000Z"

export const regions = nationalRegions()
export const counties = regions.atLevel("county").map((r) => r.code)
export const ids = Array.from({ length: INDICATORS }, (_, i) => `nat.i${String(i).padStart(3, "0")}`)

/** The plugin declaring the indicators (counties only) and a 2035 target for each. */
export const plugin: Plugin = {
  id: "nat",
  version: "0.0.0",
  name: { zh: "全国", en: "national" },
  appliesTo: { levels: ["county"] },
  indicators: ids.map((id, i) => ({
    id,
    kind: "observed" as const,
    name: { zh: id, en: id },
    unit: { zh: "指数", en: "index" },
    direction: i % 3 === 0 ? ("lower-is-better" as const) : ("higher-is-better" as const),
    range: { min: 0, max: 1000 },
    decimals: 2,
  })),
  targets: ids.map((id, i) => ({
    indicator: id,
    scope: "*",
    kind: i % 3 === 0 ? ("at-most" as const) : ("at-least" as const),
    value: i % 3 === 0 ? 20 : 90,
    dueYear: 2035,
    binding: i % 10 === 0,
    source: { zh: "规划", en: "plan" },
  })),
}

/** The values, county by county (a smooth trend with noise, so progress is judged as in real series). */
export function* values(): Generator<readonly [string, string, number, number]> {
  const next = seededRandom(7)
  for (const region of counties)
    for (const id of ids) {
      let v = 20 + next() * 80
      for (let y = 0; y < YEARS; y++) {
        v = Math.max(0, v * (0.98 + next() * 0.06))
        yield [id, region, FIRST_YEAR + y, Math.round(v * 100) / 100]
      }
    }
}

export const ROWS = counties.length * INDICATORS * YEARS

/**
 * Counties per `Engine.evaluateMany` call in the benchmarks: 2,500 indicator rows of reports a call (250 counties of
 * ten indicators, 25 of a hundred). The reports of a call are held until it returns, and the garbage collector lets
 * the heap grow to some four times what is held: 100 reports of 100 indicators (60 MB) a call peaked at 773 MB.
 */
export const COUNTIES_A_CALL = Math.max(1, Math.round(2500 / INDICATORS))
export const CHUNK = 10_000

/** The values as the store takes them, `CHUNK` rows at a time. */
export function* chunks(): Generator<ReadonlyArray<NewObservation>> {
  let chunk: Array<NewObservation> = []
  for (const [indicator, region, year, value] of values()) {
    chunk.push({ indicator, region, year, value, agency: "bench", source: "generated" })
    if (chunk.length === CHUNK) {
      yield chunk
      chunk = []
    }
  }
  if (chunk.length > 0) yield chunk
}
