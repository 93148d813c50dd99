/**
 * Decoding an uploaded CSV as UTF-8, strictly: a byte that is not UTF-8 (typically a file that Excel on Chinese
 * Windows saved as GBK) fails the import with a message that says how to save the file, rather than turning
 * names into mojibake. A byte-order mark is dropped.
 */
import { BadRequest } from "../errors.js"

const countLines = (text: string, end = text.length): number => {
  let lines = 0
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) lines++
  return lines
}

/** The error for bytes that are not UTF-8, naming the line of the first such byte (1-based). */
const notUtf8 = (line: number) =>
  new BadRequest({
    message:
      `the file is not UTF-8 text (the first byte that is not UTF-8 is on line ${line}); it was probably saved in a Chinese ` +
      `Windows encoding (GBK/GB18030). Save the file as CSV UTF-8 — in Excel: File > Save As > "CSV UTF-8 (Comma delimited) (*.csv)" ` +
      `(请另存为"CSV UTF-8（逗号分隔）") — and send it again; nothing was stored`,
    details: { line },
  })

/**
 * The text of a stream of bytes, chunk by chunk, failing with a 400 (see `notUtf8`) at the first byte that is
 * not UTF-8. A leading byte-order mark is removed.
 *
 * @example
 * decodeUtf8(chunks of "indicator\n苏州" in GBK) // fails: "... the first byte that is not UTF-8 is on line 2 ..."
 */
export async function* decodeUtf8(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true })
  let lines = 0
  const decode = (chunk?: Uint8Array): string => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true })
    } catch {
      const lenient = chunk === undefined ? "" : new TextDecoder("utf-8").decode(chunk)
      const bad = lenient.indexOf("\uFFFD")
      throw notUtf8(lines + countLines(lenient, bad === -1 ? lenient.length : bad) + 1)
    }
  }
  for await (const chunk of chunks) {
    const text = decode(chunk)
    lines += countLines(text)
    if (text !== "") yield text
  }
  const rest = decode()
  if (rest !== "") yield rest
}
