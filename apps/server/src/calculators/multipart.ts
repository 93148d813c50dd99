/**
 * Receiving a multipart/form-data body: each file part streams to its own file in a directory (never wholly
 * in memory), text fields are collected, and the whole body is held to a byte limit as it arrives.
 */
import { Busboy, type BusboyInstance } from "@fastify/busboy"
import { createWriteStream } from "node:fs"
import { join } from "node:path"
import { Readable, Transform } from "node:stream"
import { pipeline } from "node:stream/promises"
import type { ReadableStream as WebReadableStream } from "node:stream/web"
import { BadRequest, PayloadTooLarge, UnsupportedMediaType } from "../errors.js"

/** A received file part. */
export interface ReceivedFile {
  /** The file name the client gave (without directories), or the part name when it gave none. */
  readonly filename: string
  /** Where it was written. */
  readonly path: string
}

/** What a form held. */
export interface ReceivedForm {
  readonly files: Readonly<Record<string, ReceivedFile>>
  readonly fields: Readonly<Record<string, string>>
}

/** What to accept. */
export interface ReceiveOptions {
  /** The request's Content-Type header. */
  readonly contentType: string | undefined
  /** The request's Content-Length header, if any (checked before reading). */
  readonly contentLength: string | undefined
  readonly body: ReadableStream<Uint8Array> | null
  /** The directory the files go to (exists, empty, owned by the caller, who removes it). */
  readonly directory: string
  /** The largest body accepted, in bytes. */
  readonly maxBytes: number
  /** The names file parts may have, and the names text fields may have. */
  readonly fileNames: ReadonlyArray<string>
  readonly fieldNames: ReadonlyArray<string>
  /** Says what the form should hold, appended to every 400 (e.g. "send the inputs trips (csv) and the fields region, year, params"). */
  readonly expected: string
}

const MAX_FIELD_BYTES = 1024 * 1024

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB` : `${bytes} bytes`)

const tooLarge = (maxBytes: number) =>
  new PayloadTooLarge({ message: `the request body is larger than the limit of ${sizeText(maxBytes)}; send smaller files or raise maxBodyMb (TIJIAN_MAX_BODY_MB)` })

/** A file name safe on disk, keeping the extension a calculator may look at. */
const diskName = (part: string, filename: string) => {
  const ext = /\.[A-Za-z0-9]{1,10}$/.exec(filename)?.[0] ?? ""
  return `${part.replace(/[^A-Za-z0-9_-]/g, "_")}${ext}`
}

/**
 * Reads the form. Fails with `UnsupportedMediaType` (not multipart/form-data), `PayloadTooLarge` (over
 * `maxBytes`, by Content-Length or by counting), or `BadRequest` (an unexpected part name, a part given
 * twice, a malformed body). Resolves only once every file is completely written.
 */
export const receiveForm = (options: ReceiveOptions): Promise<ReceivedForm> => {
  const type = options.contentType ?? ""
  if (!/^multipart\/form-data\b/i.test(type)) {
    return Promise.reject(
      new UnsupportedMediaType({ message: `send the inputs as multipart/form-data (got Content-Type "${type || "none"}"); ${options.expected}` }),
    )
  }
  const declared = options.contentLength === undefined ? Number.NaN : Number(options.contentLength)
  if (Number.isFinite(declared) && declared > options.maxBytes) return Promise.reject(tooLarge(options.maxBytes))
  if (options.body === null) return Promise.reject(new BadRequest({ message: `the request has no body; ${options.expected}` }))

  let parser: BusboyInstance
  try {
    parser = new Busboy({ headers: { "content-type": type }, defCharset: "utf8", limits: { fieldSize: MAX_FIELD_BYTES, parts: 1000 } })
  } catch (e) {
    return Promise.reject(new BadRequest({ message: `cannot read the multipart body: ${e instanceof Error ? e.message : String(e)}; ${options.expected}` }))
  }

  return new Promise<ReceivedForm>((resolve, reject) => {
    const files: Record<string, ReceivedFile> = {}
    const fields: Record<string, string> = {}
    const writes: Array<Promise<void>> = []
    const source = Readable.fromWeb(options.body as WebReadableStream<Uint8Array>)
    let received = 0
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length
        if (received > options.maxBytes) callback(tooLarge(options.maxBytes))
        else callback(null, chunk)
      },
    })
    let failed = false
    const fail = (error: unknown) => {
      if (failed) return
      failed = true
      source.destroy()
      counter.destroy()
      parser.destroy()
      // Once over the limit, whichever stream reports first, the answer is 413.
      const reason = received > options.maxBytes ? tooLarge(options.maxBytes) : error
      // Let every open file close before the caller removes the directory.
      void Promise.allSettled(writes).then(() => reject(reason))
    }
    const badPart = (message: string) => fail(new BadRequest({ message: `${message}; ${options.expected}` }))

    parser.on("file", (name, stream, rawFilename) => {
      // A discarded part still errors when the parser is destroyed; that is expected, not a crash.
      const discard = () => void stream.on("error", () => {}).resume()
      if (failed) return discard()
      if (options.fieldNames.includes(name)) return readFieldPart(name, stream)
      if (!options.fileNames.includes(name)) {
        discard()
        return badPart(`unexpected file part "${name}"`)
      }
      if (files[name]) {
        discard()
        return badPart(`the input "${name}" is given twice`)
      }
      const filename = rawFilename && rawFilename.trim() !== "" ? rawFilename : name
      const path = join(options.directory, diskName(name, filename))
      files[name] = { filename, path }
      const write = pipeline(stream, createWriteStream(path))
      writes.push(write)
      write.catch((e: unknown) => {
        // A disk error is the server's (500); anything else means the part ended early.
        const diskError = typeof (e as { syscall?: unknown } | null)?.syscall === "string"
        fail(diskError ? e : new BadRequest({ message: `the file part "${name}" broke off: ${e instanceof Error ? e.message : String(e)}` }))
      })
    })
    const setField = (name: string, value: string, truncated: boolean) => {
      if (failed) return
      if (name in fields) return badPart(`the field "${name}" is given twice`)
      if (truncated) return badPart(`the field "${name}" is longer than 1 MiB`)
      fields[name] = value
    }
    // A text field sent as a file part (e.g. params as an application/json blob) is read into memory, up to 1 MiB.
    const readFieldPart = (name: string, stream: Readable) => {
      const chunks: Array<Buffer> = []
      let size = 0
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length
        if (size <= MAX_FIELD_BYTES) chunks.push(chunk)
      })
      writes.push(
        new Promise<void>((done) => {
          stream.on("error", () => done())
          stream.on("end", () => {
            setField(name, Buffer.concat(chunks).toString("utf8"), size > MAX_FIELD_BYTES)
            done()
          })
        }),
      )
    }
    parser.on("field", (name, value, _nameTruncated, valueTruncated) => {
      if (failed) return
      if (options.fileNames.includes(name)) return badPart(`the input "${name}" must be a file part (with a filename), not a text field`)
      if (!options.fieldNames.includes(name)) return badPart(`unexpected field "${name}"`)
      setField(name, value, valueTruncated)
    })
    parser.on("partsLimit", () => badPart("the form has more than 1000 parts"))
    parser.on("error", (e: unknown) => fail(new BadRequest({ message: `cannot read the multipart body: ${e instanceof Error ? e.message : String(e)}; ${options.expected}` })))
    parser.on("finish", () => {
      if (failed) return
      Promise.all(writes).then(() => (failed ? undefined : resolve({ files, fields })), fail)
    })
    pipeline(source, counter, parser).catch((e: unknown) =>
      fail(e instanceof PayloadTooLarge ? e : new BadRequest({ message: `the upload broke off: ${e instanceof Error ? e.message : String(e)}` })),
    )
  })
}
