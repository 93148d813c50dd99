/**
 * Reading population or jobs: a GeoTIFF grid or a CSV of points, told apart by the file's first bytes.
 */
import { open } from "node:fs/promises"
import type { CalculatorFile } from "@tijian/core/plugin"
import type { ReadOptions } from "../readOptions.js"
import { readGridPoints } from "./readGridPoints.js"
import { readPointsCsv } from "./readPointsCsv.js"
import type { WeightedPoints } from "./WeightedPoints.js"

const isTiff = (head: Buffer) =>
  (head[0] === 0x49 && head[1] === 0x49 && (head[2] === 0x2a || head[2] === 0x2b) && head[3] === 0) ||
  (head[0] === 0x4d && head[1] === 0x4d && head[2] === 0 && (head[3] === 0x2a || head[3] === 0x2b))

/**
 * Reads population or jobs points: a GeoTIFF (recognised by its first bytes) or a CSV with columns lon, lat and a
 * value column (`value`, or the quantity's name: `population` / `jobs`). `label` names the input in problems.
 */
export const readWeightedPoints = async (
  file: CalculatorFile,
  label: string,
  quantity: "population" | "jobs",
  options: ReadOptions,
): Promise<WeightedPoints> => {
  const handle = await open(file.path, "r")
  const head = Buffer.alloc(4)
  try {
    await handle.read(head, 0, 4, 0)
  } finally {
    await handle.close()
  }
  return isTiff(head) ? readGridPoints(file.path, label, options) : readPointsCsv(file.path, label, quantity, options)
}
