/**
 * The report tables of a run: redline areas, encroachment (with the features that encroach most), the land-use
 * conversion matrix, seams (seamTable.ts), boundary data problems and the run's notes. Column names in zh and en;
 * codes and names in columns of their own; every area in km² (seams and boundary problems, which are small, to 6
 * places: 1 m²).
 */
import type { I18nText, RegionSet, ReportTable } from "@tijian/core/plugin"
import { landUseClasses, landUseClassNames } from "../landUseClasses.js"
import type { Pair } from "./geometry.js"
import type { Measurements } from "./measure.js"
import { regionName } from "./scope.js"
import { buildSeamTable, SMALL_AREA_DECIMALS, smallKm2 } from "./seamTable.js"
import { clean, retentionOf } from "./values.js"

const col = (id: string, zh: string, en: string) => ({ id, name: { zh, en } })
const km2 = (m2: number) => clean(m2 / 1e6)

/** What the tables need besides the measurements. */
export interface TableContext {
  readonly regions: RegionSet
  readonly units: ReadonlyMap<string, ReadonlySet<string>>
  readonly scopeUnits: ReadonlySet<string>
  readonly locate: (p: Pair) => string
  readonly year: number
  readonly baselineYear: number
  readonly sliverM2: number
}

const sum = (us: ReadonlySet<string>, f: (u: string) => number) => [...us].reduce((s, u) => s + f(u), 0)

/** Builds every table the measurements allow, and the run's notes. */
export const buildTables = (ms: Measurements, c: TableContext, notes: ReadonlyArray<I18nText>): Array<ReportTable> => {
  const tables: Array<ReportTable> = []
  const name = (code: string) => regionName(c.regions, code)
  tables.push({
    id: "ecology.redline-areas",
    title: { zh: `生态保护红线面积（${c.baselineYear} 年基线 → ${c.year} 年）`, en: `Redline area (baseline ${c.baselineYear} → ${c.year})` },
    columns: [col("region", "区划代码", "region"), col("name", "名称", "name"), col("baselineKm2", "基线面积（km²）", "baseline (km²)"), col("currentKm2", "当年面积（km²）", "current (km²)"), col("changeKm2", "变化（km²）", "change (km²)"), col("retention", "保有率", "retention")],
    rows: [...c.units].map(([code, us]) => {
      const base = sum(us, (u) => ms.baseline.areaByUnitM2.get(u) ?? 0)
      const cur = sum(us, (u) => ms.current.areaByUnitM2.get(u) ?? 0)
      return { region: code, name: name(code), baselineKm2: km2(base), currentKm2: km2(cur), changeKm2: km2(cur - base), retention: base > 0 ? clean(retentionOf(cur, base, c.sliverM2)) : null }
    }),
  })
  const e = ms.encroachment
  if (e) {
    tables.push({
      id: "ecology.redline-encroachment",
      title: { zh: "基线红线内的建设用地", en: "Construction land inside the baseline redline" },
      columns: [col("region", "区划代码", "region"), col("name", "名称", "name"), col("totalKm2", "建设用地（km²）", "construction (km²)"), col("newKm2", `${c.baselineYear} 年以来新增（km²）`, `new since ${c.baselineYear} (km²)`), col("features", "涉及图斑数", "features")],
      rows: [...c.units].map(([code, us]) => ({
        region: code,
        name: name(code),
        totalKm2: km2(sum(us, (u) => e.byUnit.get(u)?.totalM2 ?? 0)),
        newKm2: e.hasBaseline ? km2(sum(us, (u) => e.byUnit.get(u)?.newM2 ?? 0)) : null,
        features: sum(us, (u) => e.byUnit.get(u)?.features ?? 0),
      })),
    })
    tables.push({
      id: "ecology.redline-encroaching-features",
      title: { zh: "侵占红线面积最大的建设用地图斑（前 20）", en: "Construction features with the most ground inside the redline (top 20)" },
      columns: [col("file", "文件", "file"), col("row", "要素序号", "feature"), col("feature", "要素", "label"), col("region", "区划代码", "region"), { ...col("areaKm2", "红线内面积（km²）", "inside the redline (km²)"), decimals: SMALL_AREA_DECIMALS }, { ...col("newKm2", "其中新增（km²）", "of which new (km²)"), decimals: SMALL_AREA_DECIMALS }],
      rows: e.features
        .filter((f) => c.scopeUnits.has(f.unit))
        .slice(0, 20)
        .map((f) => ({ file: f.file, row: f.row, feature: f.label, region: f.unit, areaKm2: smallKm2(f.areaM2), newKm2: f.newM2 === undefined ? null : smallKm2(f.newM2) })),
    })
  }
  const cv = ms.conversion
  if (cv) {
    const classes = landUseClasses.filter((k) => cv.baselineM2.has(k) || cv.currentM2.has(k))
    const cell = (from: string, to: string) => {
      const area = cv.cells.get(from as never)?.get(to as never) ?? 0
      return area > c.sliverM2 ? area : 0
    }
    tables.push({
      id: "ecology.land-use-conversion",
      title: { zh: `基线红线内土地利用转移矩阵（km²，行：${c.baselineYear} 年，列：${c.year} 年）`, en: `Land-use conversion inside the baseline redline (km²; rows ${c.baselineYear}, columns ${c.year})` },
      columns: [col("from", `${c.baselineYear} 年地类`, `class in ${c.baselineYear}`), ...classes.map((k) => col(k, landUseClassNames[k].zh, landUseClassNames[k].en)), col("totalKm2", "基线合计", "baseline total")],
      rows: [
        ...classes.map((from) => ({
          from: `${landUseClassNames[from].zh} ${landUseClassNames[from].en}`,
          ...Object.fromEntries(classes.map((to) => [to, km2(cell(from, to))])),
          totalKm2: km2(cv.baselineM2.get(from) ?? 0),
        })),
        { from: `${c.year} 年合计 total ${c.year}`, ...Object.fromEntries(classes.map((to) => [to, km2(cv.currentM2.get(to) ?? 0)])), totalKm2: null },
      ],
    })
  }
  tables.push(buildSeamTable(ms, { name, scopeUnits: c.scopeUnits, locate: c.locate, year: c.year, baselineYear: c.baselineYear }))
  const problems = ms.territories.problems.filter((p) => p.regions.some((r) => c.scopeUnits.has(r)))
  if (problems.length > 0) {
    tables.push({
      id: "ecology.boundary-problems",
      title: { zh: "边界数据问题", en: "Boundary data problems" },
      columns: [col("kind", "类型", "kind"), col("regions", "涉及地区", "regions"), { ...col("areaKm2", "面积（km²）", "area (km²)"), decimals: SMALL_AREA_DECIMALS }, col("where", "位置", "where")],
      rows: problems.map((p) => ({
        kind: p.kind === "overlap" ? "边界重叠 boundaries overlap" : "边界缝隙 gap between boundaries",
        regions: p.regions.join(", "),
        areaKm2: smallKm2(p.areaM2),
        where: c.locate(p.at),
      })),
    })
  }
  tables.push({
    id: "ecology.redline-notes",
    title: { zh: "计算说明", en: "Notes on this computation" },
    columns: [col("zh", "中文", "Chinese"), col("en", "英文", "English")],
    rows: notes.map((n) => ({ zh: n.zh, en: n.en })),
  })
  return tables
}
