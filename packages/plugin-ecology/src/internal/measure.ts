/**
 * Every measurement of a run, in the metric frame: territories, both years' redlines, encroachment, land use and
 * seams. Pure given its inputs (all overlays go through the worker), so tests and the bench call it directly.
 */
import { type Encroachment, measureEncroachment } from "./encroachment.js"
import type { Pair } from "./geometry.js"
import { type ConversionMatrix, measureConversion, measureNaturalLand, type NaturalLand } from "./landUse.js"
import type { Overlay } from "./overlay.js"
import type { MetricFeature } from "./prepare.js"
import { buildRedlineLayer, type RedlineLayer } from "./redlineLayer.js"
import { measureSeams, type SeamPair } from "./seams.js"
import { resolveTerritories, type Territories } from "./territories.js"
import { type AreaByType, measureTypeAreas } from "./typeAreas.js"

/** The layers of a run in the metric frame (optional layers absent when not given). */
export interface MetricInputs {
  readonly redlinesBaseline: ReadonlyArray<MetricFeature>
  readonly redlinesCurrent: ReadonlyArray<MetricFeature>
  readonly boundaries: ReadonlyArray<MetricFeature>
  readonly constructionBaseline?: ReadonlyArray<MetricFeature> | undefined
  readonly constructionCurrent?: ReadonlyArray<MetricFeature> | undefined
  readonly landUseBaseline?: ReadonlyArray<MetricFeature> | undefined
  readonly landUseCurrent?: ReadonlyArray<MetricFeature> | undefined
}

/**
 * How to measure. `unitOf` maps a redline's region code to the territory (boundary) it belongs to;
 * `borderToleranceM` is how close two boundaries must run to share a border, `seamBandM` how far either side of
 * it the seam check looks for the two redlines.
 */
export interface MeasureOptions {
  readonly overlay: Overlay
  readonly borderToleranceM: number
  readonly seamBandM: number
  readonly sliverM2: number
  readonly locate: (p: Pair) => string
  readonly include: (unit: string) => boolean
  readonly unitOf: (region: string, units: ReadonlyArray<string>) => string | undefined
  readonly progress?: (step: number, total: number, message: string) => void
}

/** Everything measured. */
export interface Measurements {
  readonly territories: Territories
  readonly baseline: RedlineLayer
  readonly current: RedlineLayer
  /** The current redline's area by type, per region; absent when its features carry no type. */
  readonly currentByType?: AreaByType
  readonly encroachment?: Encroachment
  readonly naturalLand?: ReadonlyMap<string, NaturalLand>
  readonly conversion?: ConversionMatrix
  /** The seams of the current redlines (the run's year). */
  readonly seams: ReadonlyArray<SeamPair>
  /** The seams of the baseline redlines, measured the same way. */
  readonly baselineSeams: ReadonlyArray<SeamPair>
  /** Current redline features whose region has no boundary (left out of the seam check). */
  readonly unassigned: ReadonlyArray<MetricFeature>
  /** Baseline redline features whose region has no boundary. */
  readonly baselineUnassigned: ReadonlyArray<MetricFeature>
}

/** Runs every measurement the inputs allow. */
export const measureRedlines = async (inputs: MetricInputs, o: MeasureOptions): Promise<Measurements> => {
  const steps = 6
  const step = (i: number, message: string) => {
    o.overlay.checkpoint(message)
    o.progress?.(i, steps, message)
  }
  const common = { overlay: o.overlay, sliverM2: o.sliverM2, locate: o.locate }
  step(0, "territories")
  const territories = await resolveTerritories(inputs.boundaries, o.overlay, o.sliverM2)
  step(1, "redlines")
  const baseline = await buildRedlineLayer(inputs.redlinesBaseline, territories, o.overlay)
  const current = await buildRedlineLayer(inputs.redlinesCurrent, territories, o.overlay)
  const currentByType = await measureTypeAreas(inputs.redlinesCurrent, current, territories, o.overlay)
  step(2, "encroachment")
  const encroachment = inputs.constructionCurrent
    ? await measureEncroachment({ ...common, redline: baseline, current: inputs.constructionCurrent, ...(inputs.constructionBaseline ? { baseline: inputs.constructionBaseline } : {}) })
    : undefined
  step(3, "land use")
  const naturalLand = inputs.landUseCurrent ? await measureNaturalLand({ ...common, redline: current, landUse: inputs.landUseCurrent }) : undefined
  const conversion =
    inputs.landUseBaseline && inputs.landUseCurrent
      ? await measureConversion({ ...common, redline: baseline, baseline: inputs.landUseBaseline, current: inputs.landUseCurrent, include: o.include })
      : undefined
  step(4, "seams")
  const seamsOf = (redlines: ReadonlyArray<MetricFeature>, file: string) =>
    measureSeams({
      redlines,
      unitOf: (region) => o.unitOf(region, territories.units),
      territories,
      overlay: o.overlay,
      borderToleranceM: o.borderToleranceM,
      bandM: o.seamBandM,
      sliverM2: o.sliverM2,
      file,
    })
  const baselineSeams = await seamsOf(inputs.redlinesBaseline, "redlines-baseline")
  const seams = await seamsOf(inputs.redlinesCurrent, "redlines-current")
  step(5, "done")
  return {
    territories,
    baseline,
    current,
    ...(currentByType ? { currentByType } : {}),
    ...(encroachment ? { encroachment } : {}),
    ...(naturalLand ? { naturalLand } : {}),
    ...(conversion ? { conversion } : {}),
    seams: seams.pairs,
    baselineSeams: baselineSeams.pairs,
    unassigned: seams.unassigned,
    baselineUnassigned: baselineSeams.unassigned,
  }
}
