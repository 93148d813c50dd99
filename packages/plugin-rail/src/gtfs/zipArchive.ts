/**
 * Reading members of a zip archive as streams (yauzl): the central directory is read once (through a cached reader,
 * and indexed in linear time), then any member can be streamed, in any order, without unpacking the archive. An archive is refused before anything is inflated when its
 * directory declares more members than `maxEntries` or more bytes than `maxUnpackedBytes`; while members inflate, a
 * running count over the whole archive stops reading at `maxUnpackedBytes` whatever the directory declared (yauzl
 * also stops a member at its declared size).
 */
import { Transform, type Readable } from "node:stream"
import { inputTooLarge } from "@tijian/core/plugin"
import * as yauzl from "yauzl"
import { inputError } from "../problems.js"
import { type ReadOptions, throwIfAborted } from "../readOptions.js"
import { CachedFileReader } from "./cachedFileReader.js"

/** An open zip archive. Member names are matched at the root, or inside a single top-level folder. */
export interface ZipArchive {
  /** Whether the archive holds this member (e.g. `stops.txt`). */
  readonly has: (member: string) => boolean
  /** Streams one member, decompressed; fails once the archive's unpacked bytes pass the limit. */
  readonly open: (member: string) => Promise<Readable>
  readonly close: () => void
}

/** The members by name: at the root, and inside one top-level folder (`null` when several folders hold the name). */
const indexEntries = async (zip: yauzl.ZipFile, label: string, options: ReadOptions) => {
  const all = new Set<string>()
  const root = new Map<string, yauzl.Entry>()
  const nested = new Map<string, yauzl.Entry | null>()
  let declaredBytes = 0
  let seen = 0
  for await (const entry of zip.eachEntry()) {
    if ((++seen & 1023) === 0) throwIfAborted(options.signal)
    declaredBytes += entry.uncompressedSize
    if (all.has(entry.fileName)) {
      throw inputError({ file: label, message: `the archive holds "${entry.fileName}" more than once; each member name must be unique` })
    }
    all.add(entry.fileName)
    if (entry.fileName.endsWith("/")) continue
    const parts = entry.fileName.split("/")
    if (parts.length === 1) root.set(entry.fileName, entry)
    else if (parts.length === 2) nested.set(parts[1]!, nested.has(parts[1]!) ? null : entry)
  }
  if (declaredBytes > options.limits.maxUnpackedBytes) {
    throw inputTooLarge({ file: label, limit: "maxUnpackedBytes", limits: options.limits, found: declaredBytes })
  }
  return (member: string): yauzl.Entry | undefined => root.get(member) ?? nested.get(member) ?? undefined
}

/** Opens a zip file; a file that is not a zip archive, or is over a limit, fails with a `CalculatorError` naming `label`. */
export const openZipArchive = async (path: string, label: string, options: ReadOptions): Promise<ZipArchive> => {
  const { limits, signal } = options
  throwIfAborted(signal)
  let zip: yauzl.ZipFile
  try {
    const reader = await CachedFileReader.open(path)
    zip = await yauzl.fromRandomAccessReaderPromise(reader, reader.size, { lazyEntries: true, autoClose: false }).catch((e: unknown) => {
      reader.close(() => {})
      throw e
    })
  } catch (e) {
    throw inputError({ file: label, message: `not a readable zip archive (${(e as Error).message})` })
  }
  let find: (member: string) => yauzl.Entry | undefined
  try {
    if (zip.entryCount > limits.maxEntries) throw inputTooLarge({ file: label, limit: "maxEntries", limits, found: zip.entryCount })
    find = await indexEntries(zip, label, options)
  } catch (e) {
    zip.close()
    if (e instanceof Error && "_tag" in e) throw e
    throw inputError({ file: label, message: `the zip archive's directory cannot be read (${(e as Error).message})` })
  }
  let unpackedBytes = 0
  const counted = (source: Readable, file: string): Readable => {
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        unpackedBytes += chunk.length
        if (unpackedBytes > limits.maxUnpackedBytes) return done(inputTooLarge({ file, limit: "maxUnpackedBytes", limits, atLeast: true }))
        try {
          throwIfAborted(signal)
        } catch (e) {
          return done(e as Error)
        }
        done(null, chunk)
      },
    })
    source.on("error", (e) => {
      const lied = /too many bytes in the stream/.test(e.message)
      counter.destroy(
        inputError({
          file,
          message: lied
            ? `unpacks to more bytes than the archive's directory declares (${e.message}); the archive is corrupt or crafted`
            : `cannot be read from the archive (${e.message})`,
        }),
      )
    })
    counter.on("close", () => source.destroy())
    return source.pipe(counter)
  }
  return {
    has: (member) => find(member) !== undefined,
    open: async (member) => {
      const file = `${label}/${member}`
      const entry = find(member)
      if (!entry) throw inputError({ file, message: `${member} is not in the archive` })
      throwIfAborted(signal)
      try {
        return counted(await zip.openReadStreamPromise(entry), file)
      } catch (e) {
        throw inputError({ file, message: `cannot be read from the archive (${(e as Error).message})` })
      }
    },
    close: () => zip.close(),
  }
}
