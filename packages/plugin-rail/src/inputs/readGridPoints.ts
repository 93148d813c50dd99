/**
 * Points from a GeoTIFF grid (WorldPop / GHSL style): the first band, read in strips of rows (never the whole
 * raster at once); every cell with a positive value becomes a point at the cell's centre. The grid must be in
 * geographic WGS84 (EPSG:4326, as WorldPop and GHSL's "4326" products are); a projected grid (e.g. GHSL in
 * Mollweide) is refused with a hint to reproject. A grid whose header declares more than `maxRasterPixels`
 * (width x height, or one tile's) is refused before any strip is decoded, and no strip unpacks past its declared
 * size (see `boundedDecoders`).
 */
import { inputTooLarge } from "@tijian/core/plugin"
import { fromFile } from "geotiff"
import { inputError } from "../problems.js"
import { type ReadOptions, throwIfAborted } from "../readOptions.js"
import { boundedDecoders } from "./boundedDecoders.js"
import { PointList, type WeightedPoints } from "./WeightedPoints.js"

const STRIP_ROWS = 256

/** Reads a GeoTIFF grid as points. */
export const readGridPoints = async (path: string, label: string, options: ReadOptions): Promise<WeightedPoints> => {
  const { limits, signal } = options
  throwIfAborted(signal)
  let image
  try {
    image = await (await fromFile(path)).getImage()
  } catch (e) {
    throw inputError({ file: label, message: `not a readable GeoTIFF (${(e as Error).message})` })
  }
  const width = image.getWidth()
  const height = image.getHeight()
  const blockPixels = image.getTileWidth() * image.getTileHeight()
  for (const pixels of [width * height, blockPixels]) {
    if (pixels > limits.maxRasterPixels) throw inputTooLarge({ file: label, limit: "maxRasterPixels", limits, found: pixels })
  }
  const pool = boundedDecoders(label, blockPixels * image.getBytesPerPixel())
  const keys = image.getGeoKeys() ?? {}
  const projected = keys.ProjectedCSTypeGeoKey ?? (keys.GTModelTypeGeoKey === 1 ? "unknown" : undefined)
  if (projected !== undefined) {
    throw inputError({
      file: label,
      field: "ProjectedCSTypeGeoKey",
      message: `the grid is in a projected CRS (EPSG:${projected}); reproject it to geographic WGS84 (EPSG:4326), e.g. gdalwarp -t_srs EPSG:4326`,
    })
  }
  const geographic = keys.GeographicTypeGeoKey
  if (geographic !== undefined && geographic !== 4326 && geographic !== 32767) {
    throw inputError({ file: label, field: "GeographicTypeGeoKey", message: `the grid's datum is EPSG:${geographic}; WGS84 (EPSG:4326) is required` })
  }
  let origin: Array<number>
  let resolution: Array<number>
  try {
    origin = image.getOrigin()
    resolution = image.getResolution()
  } catch {
    throw inputError({ file: label, field: "ModelTiepoint", message: "the grid has no georeference (ModelTiepoint and ModelPixelScale, or ModelTransformation)" })
  }
  const [x0, y0] = origin as [number, number]
  const [dx, dy] = resolution as [number, number]
  const nodata = image.getGDALNoData()
  const points = new PointList()
  for (let top = 0; top < height; top += STRIP_ROWS) {
    throwIfAborted(signal)
    const bottom = Math.min(height, top + STRIP_ROWS)
    const strip = (await image.readRasters({ window: [0, top, width, bottom], samples: [0], interleave: true, pool })) as unknown as ArrayLike<number>
    for (let r = 0; r < bottom - top; r++) {
      for (let c = 0; c < width; c++) {
        const v = strip[r * width + c]!
        if (!(v > 0) || v === nodata || !Number.isFinite(v)) continue
        points.add(x0 + (c + 0.5) * dx, y0 + (top + r + 0.5) * dy, v)
      }
    }
  }
  return points.finish("geotiff")
}
