/**
 * Reading members of a zip archive as streams (yauzl): the central directory is read once, then any member can be
 * streamed, in any order, without unpacking the archive.
 */
import type { Readable } from "node:stream"
import * as yauzl from "yauzl"
import { inputError } from "../problems.js"

/** An open zip archive. Member names are matched at the root, or inside a single top-level folder. */
export interface ZipArchive {
  /** Whether the archive holds this member (e.g. `stops.txt`). */
  readonly has: (member: string) => boolean
  /** Streams one member, decompressed. */
  readonly open: (member: string) => Promise<Readable>
  readonly close: () => void
}

/** Opens a zip file; a file that is not a zip archive fails with a `CalculatorError` naming `label`. */
export const openZipArchive = async (path: string, label: string): Promise<ZipArchive> => {
  let zip: yauzl.ZipFile
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false })
  } catch (e) {
    throw inputError({ file: label, message: `not a readable zip archive (${(e as Error).message})` })
  }
  const entries = new Map<string, yauzl.Entry>()
  const nested = new Map<string, Array<yauzl.Entry>>()
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith("/")) continue
      const parts = entry.fileName.split("/")
      if (parts.length === 1) entries.set(entry.fileName, entry)
      else if (parts.length === 2) nested.set(parts[1]!, [...(nested.get(parts[1]!) ?? []), entry])
    }
  } catch (e) {
    zip.close()
    throw inputError({ file: label, message: `the zip archive's directory cannot be read (${(e as Error).message})` })
  }
  const find = (member: string): yauzl.Entry | undefined => {
    const root = entries.get(member)
    if (root) return root
    const inFolder = nested.get(member)
    return inFolder?.length === 1 ? inFolder[0] : undefined
  }
  return {
    has: (member) => find(member) !== undefined,
    open: async (member) => {
      const entry = find(member)
      if (!entry) throw inputError({ file: `${label}/${member}`, message: `${member} is not in the archive` })
      try {
        return await zip.openReadStreamPromise(entry)
      } catch (e) {
        throw inputError({ file: `${label}/${member}`, message: `cannot be read from the archive (${(e as Error).message})` })
      }
    },
    close: () => zip.close(),
  }
}
