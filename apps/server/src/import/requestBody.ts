/**
 * Reading a request body within the configured size limit: the announced Content-Length is checked before
 * anything is read, and the bytes are counted while reading (a body may come without a length, or lie).
 */
import type { Readable } from "node:stream"
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
export async function* bodyChunks(request: Request, maxBytes: number, incoming?: Readable): AsyncGenerator<Uint8Array> {
  const announced = Number(request.headers.get("content-length") ?? Number.NaN)
  if (Number.isFinite(announced) && announced > maxBytes) throw tooLarge(maxBytes, announced)
  if (incoming) {
    yield* socketChunks(incoming, maxBytes)
    return
  }
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

/** How far the server reads ahead of the checking of an upload. */
const READ_AHEAD_BYTES = 8 * 1024 * 1024

/**
 * The body read from Node's request stream itself, at most `READ_AHEAD_BYTES` ahead of the reader (Node 20's
 * web-stream view of a request buffers the whole upload): the socket is paused while that much waits. Stopping
 * early leaves the stream open, so the error response is still sent; the server drains or closes it after.
 */
async function* socketChunks(incoming: Readable, maxBytes: number): AsyncGenerator<Uint8Array> {
  const queue: Array<Buffer> = []
  let queued = 0
  let ended = false
  let failed: Error | undefined
  let wake: (() => void) | undefined
  const notify = () => {
    wake?.()
    wake = undefined
  }
  const onData = (chunk: Buffer) => {
    queue.push(chunk)
    queued += chunk.byteLength
    if (queued >= READ_AHEAD_BYTES) incoming.pause()
    notify()
  }
  const onEnd = () => {
    ended = true
    notify()
  }
  const onError = (e: Error) => {
    failed = e
    notify()
  }
  const onClose = () => {
    if (!ended && failed === undefined) failed = new Error("the upload was interrupted before it ended")
    notify()
  }
  incoming.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose)
  let read = 0
  try {
    for (;;) {
      const chunk = queue.shift()
      if (chunk !== undefined) {
        queued -= chunk.byteLength
        if (queued < READ_AHEAD_BYTES / 2 && incoming.isPaused()) incoming.resume()
        read += chunk.byteLength
        if (read > maxBytes) throw tooLarge(maxBytes)
        yield chunk
        continue
      }
      if (failed !== undefined) throw failed
      if (ended) return
      await new Promise<void>((resolve) => (wake = resolve))
    }
  } finally {
    incoming.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose)
    if (!ended) incoming.pause()
  }
}

/** The whole body as one byte array, within the limit (a workbook is a zip archive, read whole). */
export const readBodyBytes = async (request: Request, maxBytes: number, incoming?: Readable): Promise<Uint8Array> => {
  const chunks: Array<Uint8Array> = []
  let length = 0
  for await (const chunk of bodyChunks(request, maxBytes, incoming)) {
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
