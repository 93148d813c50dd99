/**
 * The redline calculator's input files: declarations, and loading them into the metric frame. Every file is
 * checked in full before any overlay starts; one invalid feature anywhere refuses the run with every problem
 * found, each naming its file, feature and field.
 */
import { CalculatorError, type CalculatorContext, type CalculatorInput, type InputProblem } from "@tijian/core/plugin"
import { parseFeatureCollection, type RawFeature } from "./geojson.js"
import { readGeoJsonText } from "./readGeoJsonText.js"
import type { RedlineParams } from "./params.js"
import { type Attribute, type MetricFeature, prepareLayer } from "./prepare.js"
import { lambertAzimuthalEqualArea, type Projection } from "./projection.js"
import { redlineTypeChoices } from "../redlineTypes.js"

const geojson = "geojson"

/** The input files, as the calculator declares them. */
export const redlineInputs: ReadonlyArray<CalculatorInput> = [
  {
    name: "redlines-baseline",
    format: geojson,
    required: true,
    description: { zh: "基线年生态保护红线面（每个要素带区划代码）", en: "Redline polygons of the baseline year, each tagged with its region code" },
  },
  {
    name: "redlines-current",
    format: geojson,
    required: true,
    description: { zh: "当年生态保护红线面（每个要素带区划代码）", en: "Redline polygons of the run's year, each tagged with its region code" },
  },
  {
    name: "boundaries",
    format: geojson,
    required: true,
    description: { zh: "行政区边界面（每个要素带区划代码）", en: "Administrative boundary polygons, each tagged with its region code" },
  },
  { name: "construction-baseline", format: geojson, required: false, description: { zh: "基线年建设用地面", en: "Construction-land polygons of the baseline year" } },
  { name: "construction-current", format: geojson, required: false, description: { zh: "当年建设用地面", en: "Construction-land polygons of the run's year" } },
  { name: "land-use-baseline", format: geojson, required: false, description: { zh: "基线年土地利用面（带地类属性）", en: "Land-use polygons of the baseline year, with a class" } },
  { name: "land-use-current", format: geojson, required: false, description: { zh: "当年土地利用面（带地类属性）", en: "Land-use polygons of the run's year, with a class" } },
]

/** The inputs of a run in the metric frame. Optional layers are undefined when their file was not given. */
export interface Inputs {
  readonly projection: Projection
  readonly redlinesBaseline: ReadonlyArray<MetricFeature>
  readonly redlinesCurrent: ReadonlyArray<MetricFeature>
  readonly boundaries: ReadonlyArray<MetricFeature>
  readonly constructionBaseline?: ReadonlyArray<MetricFeature>
  readonly constructionCurrent?: ReadonlyArray<MetricFeature>
  readonly landUseBaseline?: ReadonlyArray<MetricFeature>
  readonly landUseCurrent?: ReadonlyArray<MetricFeature>
}

const refuse = (problems: ReadonlyArray<InputProblem>): CalculatorError => {
  const files = [...new Set(problems.map((p) => p.file))].join(", ")
  return new CalculatorError({
    reason: "invalid-input",
    message: `${problems.length} problem(s) in ${files}; nothing was computed. First: ${problems[0]!.message}`,
    problems: problems.slice(0, 100),
  })
}

/** The centre of the projection: the middle of the boundaries' lon/lat box, rounded to 0.01°. */
export const projectionCentre = (features: ReadonlyArray<RawFeature>): [number, number] => {
  let [minLon, minLat, maxLon, maxLat] = [180, 90, -180, -90]
  for (const f of features) {
    for (const polygon of f.polygons) {
      for (const [lon, lat] of polygon[0] ?? []) {
        minLon = Math.min(minLon, lon)
        maxLon = Math.max(maxLon, lon)
        minLat = Math.min(minLat, lat)
        maxLat = Math.max(maxLat, lat)
      }
    }
  }
  const round = (x: number) => Math.round(x * 100) / 100
  return [round((minLon + maxLon) / 2), round((minLat + maxLat) / 2)]
}

/**
 * The current redline features without a type when others have one: the area is broken down by type only when
 * every feature has one (a layer without any type gives the total alone).
 */
const untypedRedlines = (features: ReadonlyArray<MetricFeature>, typeField: string): Array<InputProblem> => {
  const typed = features.filter((f) => f.redlineType !== undefined).length
  if (typed === 0 || typed === features.length) return []
  return features
    .filter((f) => f.redlineType === undefined)
    .map((f) => ({
      file: f.file,
      row: f.row,
      field: `properties.${typeField}`,
      message: `${f.label}: has no redline type (property "${typeField}") while ${typed} other feature(s) have one; give every feature a type, one of ${redlineTypeChoices()}, or none at all`,
    }))
}

/**
 * Reads, checks and projects every given input. Throws a CalculatorError ("invalid-input") listing every problem, or
 * ("too-large") for the first file over an input limit.
 */
export const loadInputs = async (context: Pick<CalculatorContext, "inputs" | "regions" | "limits" | "signal">, p: RedlineParams): Promise<Inputs> => {
  const given = redlineInputs.filter((i) => context.inputs[i.name] !== undefined)
  const raw = new Map<string, ReadonlyArray<RawFeature>>()
  const problems: Array<InputProblem> = []
  for (const input of given) {
    const text = await readGeoJsonText(context.inputs[input.name]!.path, input.name, context)
    const parsed = parseFeatureCollection(text, input.name, { limits: context.limits })
    raw.set(input.name, parsed.features)
    problems.push(...parsed.problems)
  }
  if (problems.length > 0) throw refuse(problems)
  const boundaries = raw.get("boundaries") ?? []
  if (boundaries.length === 0) throw refuse([{ file: "boundaries", message: "boundaries has no features; it needs one polygon per region" }])
  const [lon0, lat0] = projectionCentre(boundaries)
  const projection = lambertAzimuthalEqualArea(lon0, lat0)
  const attributeOf = (name: string): Attribute => {
    if (name === "redlines-current") return { kind: "region", field: p.regionField, regions: context.regions, what: "redline", typeField: p.typeField }
    if (name.startsWith("redlines")) return { kind: "region", field: p.regionField, regions: context.regions, what: "redline" }
    if (name === "boundaries") return { kind: "region", field: p.regionField, regions: context.regions, what: "boundary" }
    if (name.startsWith("land-use")) return { kind: "land-use", field: p.classField }
    return { kind: "none" }
  }
  const layers = new Map<string, ReadonlyArray<MetricFeature>>()
  for (const input of given) {
    const prepared = prepareLayer(raw.get(input.name)!, { projection, snapM: p.snapM, attribute: attributeOf(input.name) })
    layers.set(input.name, prepared.features)
    problems.push(...prepared.problems)
  }
  problems.push(...untypedRedlines(layers.get("redlines-current")!, p.typeField))
  if (problems.length > 0) throw refuse(problems)
  return {
    projection,
    redlinesBaseline: layers.get("redlines-baseline")!,
    redlinesCurrent: layers.get("redlines-current")!,
    boundaries: layers.get("boundaries")!,
    constructionBaseline: layers.get("construction-baseline"),
    constructionCurrent: layers.get("construction-current"),
    landUseBaseline: layers.get("land-use-baseline"),
    landUseCurrent: layers.get("land-use-current"),
  }
}
