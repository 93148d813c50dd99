/**
 * Reading a GeoJSON file's text under the input limits, before anything parses it: the file's size is checked
 * against `maxUnpackedBytes` from `stat`, then the bytes stream in while positions are counted (an array whose first
 * element is a number, e.g. `[121.4, 31.2]`) and stop past `maxVertices`; the abort signal is checked per chunk.
 * So `JSON.parse` only ever sees a file within the limits.
 */
import { createReadStream } from "node:fs"
import { stat } from "node:fs/promises"
import { CalculatorError, type CalculatorContext, inputTooLarge } from "@tijian/core/plugin"

/** The limits and signal of a run. */
export type ReadLimits = Pick<CalculatorContext, "limits" | "signal">

const aborted = (signal: AbortSignal): CalculatorError =>
  signal.reason instanceof CalculatorError
    ? signal.reason
    : new CalculatorError({ reason: "timeout", message: "reading the inputs was aborted (time budget or caller gone); nothing was computed", problems: [] })

/** Counts positions in GeoJSON bytes fed chunk by chunk: arrays opening with a number, outside strings. */
export class PositionCounter {
  count = 0
  private inString = false
  private escaped = false
  private afterOpen = false

  /** Counts the positions that open in `chunk`. */
  feed(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!
      if (this.inString) {
        if (this.escaped) this.escaped = false
        else if (b === 0x5c) this.escaped = true
        else if (b === 0x22) this.inString = false
        continue
      }
      if (this.afterOpen) {
        if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) continue
        if (b === 0x2d || (b >= 0x30 && b <= 0x39)) this.count++
        this.afterOpen = false
      }
      if (b === 0x22) this.inString = true
      else if (b === 0x5b) this.afterOpen = true
    }
  }
}

/**
 * The text of the GeoJSON file at `path`; `file` names it in refusals.
 *
 * @example
 * const text = await readGeoJsonText(ctx.inputs.boundaries!.path, "boundaries", ctx)
 * // a 600 MiB file: CalculatorError "boundaries holds 600 MiB unpacked bytes (limit maxUnpackedBytes = 512 MiB); ..."
 */
export const readGeoJsonText = async (path: string, file: string, { limits, signal }: ReadLimits): Promise<string> => {
  if (signal.aborted) throw aborted(signal)
  const { size } = await stat(path)
  if (size > limits.maxUnpackedBytes) throw inputTooLarge({ file, limit: "maxUnpackedBytes", limits, found: size })
  const positions = new PositionCounter()
  const chunks: Array<Buffer> = []
  let bytes = 0
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 })
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (signal.aborted) throw aborted(signal)
      bytes += chunk.length
      if (bytes > limits.maxUnpackedBytes) throw inputTooLarge({ file, limit: "maxUnpackedBytes", limits, atLeast: true })
      positions.feed(chunk)
      if (positions.count > limits.maxVertices) throw inputTooLarge({ file, limit: "maxVertices", limits, atLeast: true })
      chunks.push(chunk)
    }
  } finally {
    stream.destroy()
  }
  return Buffer.concat(chunks, bytes).toString("utf8")
}
