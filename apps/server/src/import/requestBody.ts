/**
 * Reading a request body within the configured size limit: the announced Content-Length is checked before
 * anything is read, and the bytes are counted while reading (a body may come without a length, or lie).
 */
import { PayloadTooLarge } from "../errors.js"

const formatBytes = (bytes: number): string =>
  bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes.toLocaleString("en-US")} bytes`

const tooLarge = (maxBytes: number, announcedBytes?: number) =>
  new PayloadTooLarge({
    message:
      `${announcedBytes === undefined ? "the body exceeds" : `the body is ${formatBytes(announcedBytes)}, over`} this server's limit of ` +
      `${formatBytes(maxBytes)} per request (TIJIAN_MAX_BODY_MB); split the file into smaller files, or ask the administrator ` +
      `to raise the limit; nothing was stored`,
  })

/**
 * The body's bytes, chunk by chunk, failing with `PayloadTooLarge` (413) as soon as more than `maxBytes` are
 * announced or read.
 *
 * @example
 * for await (const chunk of bodyChunks(c.req.raw, 1024)) ... // a 2,000-byte body: 413 "... at most 1,024 bytes ..."
 */
export async function* bodyChunks(request: Request, maxBytes: number): AsyncGenerator<Uint8Array> {
  const announced = Number(request.headers.get("content-length") ?? Number.NaN)
  if (Number.isFinite(announced) && announced > maxBytes) throw tooLarge(maxBytes, announced)
  if (!request.body) return
  const reader = request.body.getReader()
  let read = 0
  let finished = false
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) {
        finished = true
        return
      }
      read += value.byteLength
      if (read > maxBytes) throw tooLarge(maxBytes)
      yield value
    }
  } finally {
    // stop the upload when the limit is hit or the reader gave up early (e.g. on a byte that is not UTF-8)
    if (!finished) await reader.cancel().catch(() => undefined)
    reader.releaseLock()
  }
}

/** The whole body as one byte array, within the limit (a workbook is a zip archive, read whole). */
export const readBodyBytes = async (request: Request, maxBytes: number): Promise<Uint8Array> => {
  const chunks: Array<Uint8Array> = []
  let length = 0
  for await (const chunk of bodyChunks(request, maxBytes)) {
    chunks.push(chunk)
    length += chunk.byteLength
  }
  const bytes = new Uint8Array(length)
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.byteLength
  }
  return bytes
}
