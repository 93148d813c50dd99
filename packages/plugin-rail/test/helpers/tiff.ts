/**
 * Hand-built GeoTIFFs for the limit tests: one band of 8-bit pixels in one strip, stored or deflated, in WGS84 with
 * 0.01° cells from 121°E 31.5°N. The header may declare any width x height, whatever the strip holds.
 */

/** What the file declares and holds. */
export interface TiffOptions {
  readonly width: number
  readonly height: number
  /** The strip's bytes as stored (already deflated when `compression` is 8); default 16 zero bytes. */
  readonly strip?: Buffer
  /** 1 none (default), 8 deflate. */
  readonly compression?: 1 | 8
}

type Tag = readonly [tag: number, type: 3 | 4 | 12, values: ReadonlyArray<number>]

/** The bytes of a little-endian GeoTIFF (one IFD, one strip). */
export const tiff = ({ width, height, strip = Buffer.alloc(16), compression = 1 }: TiffOptions): Uint8Array => {
  const tags: Array<Tag> = [
    [256, 4, [width]], // ImageWidth
    [257, 4, [height]], // ImageLength
    [258, 3, [8]], // BitsPerSample
    [259, 3, [compression]], // Compression
    [262, 3, [1]], // PhotometricInterpretation: black is zero
    [273, 4, [0]], // StripOffsets, set below
    [277, 3, [1]], // SamplesPerPixel
    [278, 4, [height]], // RowsPerStrip
    [279, 4, [strip.length]], // StripByteCounts
    [33550, 12, [0.01, 0.01, 0]], // ModelPixelScale
    [33922, 12, [0, 0, 0, 121, 31.5, 0]], // ModelTiepoint
    [34735, 3, [1, 1, 0, 3, 1024, 0, 1, 2, 1025, 0, 1, 1, 2048, 0, 1, 4326]], // GeoKeys: geographic WGS84
  ]
  const size = (type: Tag[1]) => (type === 3 ? 2 : type === 4 ? 4 : 8)
  const ifdBytes = 2 + tags.length * 12 + 4
  let extra = 8 + ifdBytes
  const placed = tags.map(([tag, type, values]) => {
    const bytes = values.length * size(type)
    const at = bytes > 4 ? extra : -1
    if (bytes > 4) extra += bytes
    return { tag, type, values, at }
  })
  const stripOffset = extra
  const out = Buffer.alloc(stripOffset + strip.length)
  out.write("II", 0, "latin1")
  out.writeUInt16LE(42, 2)
  out.writeUInt32LE(8, 4)
  out.writeUInt16LE(tags.length, 8)
  const write = (type: Tag[1], value: number, at: number) =>
    type === 3 ? out.writeUInt16LE(value, at) : type === 4 ? out.writeUInt32LE(value, at) : out.writeDoubleLE(value, at)
  placed.forEach(({ tag, type, values, at }, i) => {
    const entry = 10 + i * 12
    out.writeUInt16LE(tag, entry)
    out.writeUInt16LE(type, entry + 2)
    out.writeUInt32LE(values.length, entry + 4)
    if (at >= 0) out.writeUInt32LE(at, entry + 8)
    values.forEach((v, k) => write(type, tag === 273 ? stripOffset : v, (at >= 0 ? at : entry + 8) + k * size(type)))
  })
  out.writeUInt32LE(0, 10 + tags.length * 12)
  strip.copy(out, stripOffset)
  return out
}
