/**
 * The parts of a zip archive (an .xlsx workbook) read within the input limits: the member count is checked from
 * the central directory before any member is read, and the bytes inflated are counted while they come out of
 * the decompressor (all parts together, whatever the archive declares), so a zip bomb stops at the limit
 * instead of filling the memory.
 */
import { CalculatorError, type InputLimits, inputTooLarge } from "@tijian/core"
import type { Readable } from "node:stream"
import yauzl from "yauzl"
import { BadRequest } from "../errors.js"

/** An open archive: its member names, and each member's text as it inflates. */
export interface ZipParts {
  /** Whether the archive holds the member (part names are compared ignoring letter case, as Office does). */
  readonly has: (name: string) => boolean
  /**
   * The member's text (UTF-8), chunk by chunk as it inflates; fails with a `too-large` `CalculatorError` once
   * the parts read so far unpack to more than `maxUnpackedBytes`, and with a 400 on a damaged member.
   */
  readonly text: (name: string) => AsyncGenerator<string>
  readonly close: () => void
}

/** A workbook that cannot be read, as the 400 that says how to fix it. */
export const unreadableWorkbook = (reason: string) =>
  new BadRequest({
    message: `the workbook cannot be read (${reason}): open it in Excel and save it again as .xlsx; nothing was stored`,
  })

const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e))

/**
 * Opens the archive in `bytes` (`file` names it in messages). Fails with a `too-large` `CalculatorError` when it
 * holds more than `maxEntries` members, and with a 400 when it is not a readable zip archive.
 *
 * @example
 * const zip = await openZipParts(bytes, "the workbook", DEFAULT_INPUT_LIMITS)
 * for await (const text of zip.text("xl/workbook.xml")) ... // '<?xml version="1.0" ...'
 */
export const openZipParts = async (bytes: Uint8Array, file: string, limits: InputLimits): Promise<ZipParts> => {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let zip: yauzl.ZipFile
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, autoClose: false })
  } catch (e) {
    throw unreadableWorkbook(reasonOf(e))
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close()
    throw inputTooLarge({ file, limit: "maxEntries", limits, found: zip.entryCount })
  }
  const entries = new Map<string, yauzl.Entry>()
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on("entry", (entry: yauzl.Entry) => {
        entries.set(entry.fileName.toLowerCase(), entry)
        zip.readEntry()
      })
      zip.on("end", resolve)
      zip.on("error", reject)
      zip.readEntry()
    })
  } catch (e) {
    zip.close()
    throw unreadableWorkbook(reasonOf(e))
  }
  let unpacked = 0
  const tooLarge = () => inputTooLarge({ file, limit: "maxUnpackedBytes", limits, atLeast: true })
  async function* text(name: string): AsyncGenerator<string> {
    const entry = entries.get(name.toLowerCase())
    if (!entry) throw unreadableWorkbook(`it has no part ${name}`)
    // a declared size over the limit is refused before inflating; the real size is counted below all the same
    if (unpacked + entry.uncompressedSize > limits.maxUnpackedBytes) throw tooLarge()
    let stream: Readable
    try {
      stream = await zip.openReadStreamPromise(entry)
    } catch (e) {
      throw unreadableWorkbook(`${name}: ${reasonOf(e)}`)
    }
    const decoder = new TextDecoder("utf-8")
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        unpacked += chunk.byteLength
        if (unpacked > limits.maxUnpackedBytes) throw tooLarge()
        yield decoder.decode(chunk, { stream: true })
      }
    } catch (e) {
      if (e instanceof CalculatorError) throw e
      throw unreadableWorkbook(`${name}: ${reasonOf(e)}`)
    } finally {
      stream.destroy()
    }
    const rest = decoder.decode()
    if (rest !== "") yield rest
  }
  return { has: (name) => entries.has(name.toLowerCase()), text, close: () => zip.close() }
}
