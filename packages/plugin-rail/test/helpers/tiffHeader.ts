/**
 * A TIFF that is only a header: one IFD declaring any width x height, and one strip of 16 bytes. Enough for a reader
 * that checks the declared size before decoding; decoding it would need width x height bytes.
 */

/** The bytes of a little-endian TIFF declaring `width` x `height` 8-bit pixels, one band, one strip. */
export const tiffHeader = (width: number, height: number): Uint8Array => {
  const strip = Buffer.alloc(16)
  const tags: ReadonlyArray<readonly [tag: number, type: 3 | 4, value: number]> = [
    [256, 4, width], // ImageWidth
    [257, 4, height], // ImageLength
    [258, 3, 8], // BitsPerSample
    [259, 3, 1], // Compression: none
    [262, 3, 1], // PhotometricInterpretation: black is zero
    [273, 4, 0], // StripOffsets, set below
    [277, 3, 1], // SamplesPerPixel
    [278, 4, height], // RowsPerStrip
    [279, 4, strip.length], // StripByteCounts
  ]
  const ifdBytes = 2 + tags.length * 12 + 4
  const stripOffset = 8 + ifdBytes
  const out = Buffer.alloc(stripOffset + strip.length)
  out.write("II", 0, "latin1")
  out.writeUInt16LE(42, 2)
  out.writeUInt32LE(8, 4)
  out.writeUInt16LE(tags.length, 8)
  tags.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12
    out.writeUInt16LE(tag, at)
    out.writeUInt16LE(type, at + 2)
    out.writeUInt32LE(1, at + 4)
    if (type === 3) out.writeUInt16LE(value, at + 8)
    else out.writeUInt32LE(tag === 273 ? stripOffset : value, at + 8)
  })
  out.writeUInt32LE(0, 10 + tags.length * 12)
  strip.copy(out, stripOffset)
  return out
}
