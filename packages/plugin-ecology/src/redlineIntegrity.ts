/**
 * The redline integrity calculator (`ecology.redline-integrity`): from the redline, boundary, construction and
 * land-use polygons agencies hold, it computes redline area and retention, encroachment, natural land share and
 * seam overlaps and gaps per region, with report tables (conversion matrix, seams, boundary problems).
 *
 * Inputs are GeoJSON in WGS84 lon/lat. Areas are planar areas in a Lambert azimuthal equal-area projection on the
 * WGS84 ellipsoid (within 0.001% of geographiclib's geodesic areas for county-sized features). Overlays run in
 * a worker with a time budget; invalid input or an overlay that cannot finish gives a CalculatorError and no values.
 */
import { type CalculatorContext, type CalculatorOutput, defineCalculator, fromPromise, type I18nText } from "@tijian/core/plugin"
import type { RedlineIndicatorId } from "./indicators.js"
import { loadInputs, redlineInputs } from "./internal/inputs.js"
import { measureRedlines, type Measurements } from "./internal/measure.js"
import { startOverlay } from "./internal/overlay.js"
import { checkParams, type RedlineParams, redlineParams } from "./internal/params.js"
import { lonLatText } from "./internal/prepare.js"
import { regionName, requireBoundaries, runScope, unitOfRegion } from "./internal/scope.js"
import { seamNotes } from "./internal/seamNotes.js"
import { buildTables } from "./internal/tables.js"
import { buildValues, unitsByCode } from "./internal/values.js"

const runNotes = (ms: Measurements, p: RedlineParams, centre: string, ops: number, seams: ReadonlyArray<I18nText>): Array<I18nText> => {
  const notes: Array<I18nText> = [
    {
      zh: `面积按 WGS84 椭球上的兰伯特等积方位投影（中心 ${centre}）计算；坐标投影后吸附至 ${p.snapM} m 格网再叠加。`,
      en: `Areas in a Lambert azimuthal equal-area projection on the WGS84 ellipsoid (centre ${centre}); coordinates snapped to a ${p.snapM} m grid after projection, before overlay.`,
    },
    {
      zh: `各地面积按行政区边界归属；相距不超过 ${p.borderToleranceM} m 的边界视为共同边界，接缝带为共同边界两侧各 ${p.seamBandM} m，基线年与当年红线各检查一次；不超过 ${p.sliverM2} m² 的碎片视为数字化误差。共 ${ops} 次叠加运算。`,
      en: `Areas are attributed by boundary; boundaries within ${p.borderToleranceM} m of each other form a shared border, and the seam band reaches ${p.seamBandM} m on each side of it, checked for the baseline and the current redlines; slivers up to ${p.sliverM2} m² are treated as digitising noise. ${ops} overlay operations.`,
    },
  ]
  if (ms.current.outsideM2 > p.sliverM2) {
    const km2 = (ms.current.outsideM2 / 1e6).toFixed(6)
    notes.push({ zh: `当年红线有 ${km2} km² 位于所有边界之外，未计入任何地区。`, en: `${km2} km² of the current redline lies outside every boundary and is counted for no region.` })
  }
  notes.push(...seams)
  const overlaps = ms.territories.problems.filter((x) => x.kind === "overlap").length
  const gaps = ms.territories.problems.length - overlaps
  if (ms.territories.problems.length > 0) {
    notes.push({
      zh: `边界数据有 ${overlaps} 处重叠、${gaps} 处缝隙（见“边界数据问题”）；重叠部分归区划代码较小的地区，避免重复计算。`,
      en: `The boundary data have ${overlaps} overlap(s) and ${gaps} gap(s) (see "Boundary data problems"); overlapping ground is given to the region with the lower code, so nothing counts twice.`,
    })
  }
  return notes
}

/** Runs the calculator (see the module comment). */
export const runRedlineIntegrity = async (context: CalculatorContext<RedlineParams>): Promise<CalculatorOutput<RedlineIndicatorId>> => {
  const p = checkParams(context.params, context.year)
  const scope = runScope(context.regions, context.region)
  context.progress(0, 8, "reading and checking the input files")
  const inputs = await loadInputs(context, p)
  requireBoundaries(context.regions, scope, [...new Set(inputs.boundaries.map((f) => f.region!))])
  const locate = (pt: readonly [number, number]) => lonLatText(inputs.projection, [pt[0], pt[1]])
  const overlay = startOverlay({ timeoutMs: p.timeoutSeconds * 1000, signal: context.signal })
  let ms: Measurements
  try {
    ms = await measureRedlines(inputs, {
      overlay,
      borderToleranceM: p.borderToleranceM,
      seamBandM: p.seamBandM,
      sliverM2: p.sliverM2,
      locate,
      include: (unit) => scope.members.some((m) => context.regions.isWithin(unit, m)),
      unitOf: unitOfRegion(context.regions),
      progress: (done, total, message) => context.progress(done + 1, total + 2, message),
    })
  } finally {
    await overlay.close()
  }
  const units = unitsByCode(context.regions, scope, ms.territories.units)
  const scopeUnits = new Set([...units.values()].flatMap((s) => [...s]))
  const centre = `${inputs.projection.centreLon}°E ${inputs.projection.centreLat}°N`
  const values = buildValues(ms, units, context.year, p.baselineYear, p.sliverM2)
  const seams = seamNotes(ms, { ...p, name: (code) => regionName(context.regions, code), scopeUnits, year: context.year })
  const tables = buildTables(ms, { regions: context.regions, units, scopeUnits, locate, year: context.year, baselineYear: p.baselineYear, sliverM2: p.sliverM2 }, runNotes(ms, p, centre, overlay.count(), seams))
  context.progress(8, 8, "done")
  return { values, tables }
}

/** The calculator declaration. */
export const redlineIntegrity = defineCalculator({
  id: "ecology.redline-integrity",
  name: { zh: "生态保护红线完整性", en: "Ecological protection redline integrity" },
  description: {
    zh: "由红线、边界、建设用地与土地利用多边形计算红线面积、保有率、侵占、自然用地比例与跨界接缝（面积不减少、功能不降低、性质不改变）。",
    en: "Computes redline area, retention, encroachment, natural land share and cross-border seams from redline, boundary, construction and land-use polygons (area not reduced, function not lowered, nature not changed).",
  },
  inputs: redlineInputs,
  params: redlineParams,
  produces: [
    "ecology.redline-area-km2",
    "ecology.redline-area-retention",
    "ecology.redline-encroachment-km2",
    "ecology.redline-new-encroachment-km2",
    "ecology.redline-natural-land-share",
    "ecology.redline-seam-overlap-km2",
    "ecology.redline-seam-gap-km2",
  ],
  run: (context) => fromPromise(() => runRedlineIntegrity(context)),
})
