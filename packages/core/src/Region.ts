/**
 * Regions and region groups. A region is identified by its code (GB/T 2260 administrative division code
 * where one exists, e.g. `320500` for Suzhou in Jiangsu), never by its name: Suzhou is also `341300` (Anhui).
 * A region group is a named set of regions that is not an administrative unit (the 27 central cities).
 */
import { Schema } from "effect"
import { type RegionChange, RegionLineage } from "./RegionLineage.js"

/** Administrative level of a region, from the whole plan area down to counties and districts. */
export const RegionLevel = Schema.Literal("region", "province", "city", "county")
export type RegionLevel = typeof RegionLevel.Type

/** One administrative unit. `parent` is the code of the unit that contains it (absent at the top). */
export const Region = Schema.Struct({
  code: Schema.String,
  level: RegionLevel,
  parent: Schema.optional(Schema.String),
  nameZh: Schema.String,
  nameEn: Schema.String,
  /** True when the English name was made from the Chinese one by a pinyin library, not curated. */
  nameEnGenerated: Schema.optional(Schema.Boolean),
  /**
   * True for a prefecture-level city without counties (不设区的地级市: Dongguan, Zhongshan, Danzhou), which is a
   * county-level unit as well: its level stays `city`, and `RegionSet.atLevel("county")` lists it too.
   */
  countyLevel: Schema.optional(Schema.Boolean),
})
export type Region = typeof Region.Type

/**
 * Whether `region` is a unit of `level`: its own level, or "county" for a city marked `countyLevel` (a prefecture-level
 * city without counties is a county-level unit as well).
 */
export const isAtLevel = (region: Region, level: RegionLevel): boolean => region.level === level || (level === "county" && region.countyLevel === true)

/** A named set of regions that is not an administrative unit, e.g. `DEMO-ZONE` (Qingpu, Wujiang, Jiashan). */
export const RegionGroup = Schema.Struct({
  code: Schema.String,
  nameZh: Schema.String,
  nameEn: Schema.String,
  members: Schema.Array(Schema.String),
})
export type RegionGroup = typeof RegionGroup.Type

/** What a scope code resolves to: one region, or a group with its member regions. */
export type Scope =
  | { readonly _tag: "region"; readonly region: Region }
  | { readonly _tag: "group"; readonly group: RegionGroup; readonly members: ReadonlyArray<Region> }

/**
 * An immutable, validated set of regions and groups with lookups by code.
 *
 * @example
 * const set = RegionSet.unsafeMake(regions, groups)
 * set.get("320500")?.nameEn // "Suzhou (Jiangsu)"
 * set.isWithin("320509", "320500") // true: Wujiang is a district of Suzhou (Jiangsu)
 */
export class RegionSet {
  private readonly byCode: ReadonlyMap<string, Region>
  private readonly groupByCode: ReadonlyMap<string, RegionGroup>
  private readonly childrenByCode: ReadonlyMap<string, ReadonlyArray<Region>>

  private constructor(
    readonly regions: ReadonlyArray<Region>,
    readonly groups: ReadonlyArray<RegionGroup>,
    /** Codes over time: retired codes and what succeeded them (see `RegionLineage`). */
    readonly lineage: RegionLineage = RegionLineage.empty,
  ) {
    this.byCode = new Map(regions.map((r) => [r.code, r]))
    this.groupByCode = new Map(groups.map((g) => [g.code, g]))
    const children = new Map<string, Array<Region>>()
    for (const r of regions) {
      if (r.parent === undefined) continue
      const list = children.get(r.parent) ?? []
      list.push(r)
      children.set(r.parent, list)
    }
    this.childrenByCode = children
  }

  /**
   * Validates and builds a region set. Returns the list of problems instead when codes repeat, a parent or a
   * group member is unknown, the parent links form a loop, or the change list (`changes`) does not fit the codes
   * (see `RegionLineage.validate`: each such problem names its line).
   */
  static validate(
    regions: ReadonlyArray<Region>,
    groups: ReadonlyArray<RegionGroup>,
    changes: ReadonlyArray<RegionChange> = [],
  ): { readonly set: RegionSet } | { readonly problems: ReadonlyArray<string> } {
    const problems: Array<string> = []
    const codes = new Set<string>()
    for (const r of regions) {
      if (codes.has(r.code)) problems.push(`region code ${r.code} appears more than once`)
      codes.add(r.code)
    }
    for (const g of groups) {
      if (codes.has(g.code)) problems.push(`group code ${g.code} is already used by a region or another group`)
      codes.add(g.code)
    }
    const regionCodes = new Set(regions.map((r) => r.code))
    for (const r of regions) {
      if (r.parent !== undefined && !regionCodes.has(r.parent)) {
        problems.push(`region ${r.code} names parent ${r.parent}, which is not a known region`)
      }
    }
    for (const g of groups) {
      for (const m of g.members) {
        if (!regionCodes.has(m)) problems.push(`group ${g.code} names member ${m}, which is not a known region`)
      }
      if (new Set(g.members).size !== g.members.length) problems.push(`group ${g.code} lists a member twice`)
    }
    const hasChildren = new Set(regions.flatMap((r) => (r.parent === undefined ? [] : [r.parent])))
    for (const r of regions) {
      if (r.countyLevel !== true) continue
      if (r.level !== "city") problems.push(`region ${r.code} is marked county-level but is a ${r.level}; only a prefecture-level city without counties can be`)
      else if (hasChildren.has(r.code)) problems.push(`region ${r.code} is marked county-level but has regions below it; only a city without counties can be`)
    }
    const parentOf = new Map(regions.map((r) => [r.code, r.parent]))
    for (const r of regions) {
      const seen = new Set<string>()
      let at: string | undefined = r.code
      while (at !== undefined) {
        if (seen.has(at)) {
          problems.push(`region ${r.code} is its own ancestor (parent links loop)`)
          break
        }
        seen.add(at)
        at = parentOf.get(at)
      }
    }
    const lineage = RegionLineage.validate(changes, (code) => regionCodes.has(code))
    if ("problems" in lineage) problems.push(...lineage.problems)
    return problems.length > 0 || !("lineage" in lineage) ? { problems } : { set: new RegionSet(regions, groups, lineage.lineage) }
  }

  /** Builds a region set, throwing on invalid data. For reference data known to be valid. */
  static unsafeMake(regions: ReadonlyArray<Region>, groups: ReadonlyArray<RegionGroup>, changes: ReadonlyArray<RegionChange> = []): RegionSet {
    const result = RegionSet.validate(regions, groups, changes)
    if ("problems" in result) throw new Error(`invalid region data: ${result.problems.join("; ")}`)
    return result.set
  }

  /** The region with this code, or undefined. */
  get(code: string): Region | undefined {
    return this.byCode.get(code)
  }

  /** The group with this code, or undefined. */
  group(code: string): RegionGroup | undefined {
    return this.groupByCode.get(code)
  }

  /** Whether `code` names a region or a group. */
  has(code: string): boolean {
    return this.byCode.has(code) || this.groupByCode.has(code)
  }

  /** Resolves a region or group code to what it names. */
  scope(code: string): Scope | undefined {
    const region = this.byCode.get(code)
    if (region) return { _tag: "region", region }
    const group = this.groupByCode.get(code)
    if (!group) return undefined
    return { _tag: "group", group, members: group.members.map((m) => this.byCode.get(m)!) }
  }

  /**
   * The regions of one level, in data order. The county-level units include the prefecture-level cities without
   * counties (`countyLevel`), so every county-level unit of the country is listed once, by its one code.
   *
   * @example
   * nationalRegions().atLevel("county").length // 2,978: 2,975 counties and districts, Dongguan, Zhongshan, Danzhou
   */
  atLevel(level: RegionLevel): ReadonlyArray<Region> {
    return this.regions.filter((r) => isAtLevel(r, level))
  }

  /** Direct children of a region, in data order. */
  children(code: string): ReadonlyArray<Region> {
    return this.childrenByCode.get(code) ?? []
  }

  /** Codes of the region and all its descendants. */
  subtree(code: string): ReadonlyArray<string> {
    const out: Array<string> = []
    const visit = (c: string) => {
      out.push(c)
      for (const child of this.children(c)) visit(child.code)
    }
    if (this.byCode.has(code)) visit(code)
    return out
  }

  /** Whether `code` is `ancestor` itself or lies below it in the hierarchy. */
  isWithin(code: string, ancestor: string): boolean {
    let at: string | undefined = code
    while (at !== undefined) {
      if (at === ancestor) return true
      at = this.byCode.get(at)?.parent
    }
    return false
  }

  /** The region's ancestors, nearest first. */
  ancestors(code: string): ReadonlyArray<Region> {
    const out: Array<Region> = []
    let at = this.byCode.get(code)?.parent
    while (at !== undefined) {
      const r = this.byCode.get(at)
      if (!r) break
      out.push(r)
      at = r.parent
    }
    return out
  }

  /** Regions and groups whose English or Chinese name contains `text` (case-insensitive), for lookups by people. */
  search(text: string): ReadonlyArray<Region | RegionGroup> {
    const q = text.toLowerCase()
    const hit = (x: { nameEn: string; nameZh: string }) => x.nameEn.toLowerCase().includes(q) || x.nameZh.includes(text)
    return [...this.regions.filter(hit), ...this.groups.filter(hit)]
  }
}
