/**
 * A yauzl `RandomAccessReader` over a file that serves small reads (central directory records, local headers) from
 * one cached 1 MiB block: a directory of 100,000 records takes about 10 file reads instead of 200,000. Member data
 * streams straight from the file.
 */
import { close, fstat, open, read } from "node:fs"
import { Readable } from "node:stream"
import { promisify } from "node:util"
import * as yauzl from "yauzl"

const BLOCK_BYTES = 1024 * 1024

type ReadCallback = (err: Error | null, bytesRead?: number) => void

/** Reads one open file for yauzl; closing the zip closes the file. */
export class CachedFileReader extends yauzl.RandomAccessReader {
  private block = Buffer.alloc(0)
  private blockStart = 0

  private constructor(
    private readonly fd: number,
    readonly size: number,
  ) {
    super()
  }

  /** Opens `path` for reading. */
  static async open(path: string): Promise<CachedFileReader> {
    const fd = await promisify(open)(path, "r")
    try {
      return new CachedFileReader(fd, (await promisify(fstat)(fd)).size)
    } catch (e) {
      close(fd, () => {})
      throw e
    }
  }

  /** Bytes `start` to `end` (exclusive) of the file; destroying the stream leaves the file open (yauzl closes it). */
  override _readStreamForRange(start: number, end: number): Readable {
    let position = start
    const stream: Readable = new Readable({
      read: (size) => {
        const length = Math.min(Math.max(size, 64 * 1024), end - position)
        if (length <= 0) return void stream.push(null)
        const chunk = Buffer.allocUnsafe(length)
        read(this.fd, chunk, 0, length, position, (err, bytesRead) => {
          if (err) return void stream.destroy(err)
          if (bytesRead === 0) return void stream.push(null)
          position += bytesRead
          stream.push(chunk.subarray(0, bytesRead))
        })
      },
    })
    return stream
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: ReadCallback): void {
    if (length > BLOCK_BYTES) return super.read(buffer, offset, length, position, callback)
    const from = position - this.blockStart
    if (from >= 0 && from + length <= this.block.length) {
      this.block.copy(buffer, offset, from, from + length)
      queueMicrotask(() => callback(null, length))
      return
    }
    const block = Buffer.alloc(Math.max(0, Math.min(BLOCK_BYTES, this.size - position)))
    read(this.fd, block, 0, block.length, position, (err, bytesRead) => {
      if (err) return callback(err)
      this.block = block.subarray(0, bytesRead)
      this.blockStart = position
      const n = Math.min(length, bytesRead)
      block.copy(buffer, offset, 0, n)
      callback(null, n)
    })
  }

  override close(callback: (err: Error | null) => void): void {
    close(this.fd, callback)
  }
}
