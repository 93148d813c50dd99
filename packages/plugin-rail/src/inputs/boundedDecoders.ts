/**
 * GeoTIFF strip and tile decoding that never unpacks a block past the size its header declares (block width x
 * height x bytes per pixel). geotiff.js inflates a deflate block whole, whatever it holds, so a small file could
 * unpack to gigabytes; here deflate blocks inflate with node:zlib capped at the declared size. Other compressions
 * (LZW, PackBits, JPEG, LERC, zstd, WebP) decode with geotiff.js's decoders and are checked after decoding.
 */
import { inflateSync } from "node:zlib"
import { type BaseDecoder, getDecoder, type Pool } from "geotiff"
import { inputError } from "../problems.js"

const DEFLATE = new Set([8, 32946])

/**
 * A stand-in for geotiff's decoder `Pool` (passed as `readRasters({ pool })`) that refuses, naming `file`, any block
 * unpacking to more than `maxBlockBytes`.
 *
 * @example
 * const pool = boundedDecoders("population", image.getTileWidth() * image.getTileHeight() * image.getBytesPerPixel())
 * await image.readRasters({ window, samples: [0], interleave: true, pool })
 */
export const boundedDecoders = (file: string, maxBlockBytes: number): Pool => {
  const tooLarge = () =>
    inputError({ file, message: `a strip or tile unpacks to more than the ${maxBlockBytes.toLocaleString("en-US")} bytes its header declares; the file is corrupt or crafted` })
  const bindParameters = (compression: number, parameters: ConstructorParameters<typeof BaseDecoder>[0]) => {
    const decoder = getDecoder(compression, parameters).then((d) => {
      if (DEFLATE.has(compression)) {
        d.decodeBlock = (buffer: ArrayBufferLike) => {
          let out: Buffer
          try {
            out = inflateSync(new Uint8Array(buffer), { maxOutputLength: Math.max(1, maxBlockBytes) })
          } catch (e) {
            throw e instanceof RangeError ? tooLarge() : inputError({ file, message: `a deflate strip or tile cannot be unpacked (${(e as Error).message})` })
          }
          return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength)
        }
      }
      return d
    })
    return {
      decode: async (buffer: ArrayBufferLike) => {
        const out = await (await decoder).decode(buffer)
        if (out.byteLength > maxBlockBytes) throw tooLarge()
        return out
      },
    }
  }
  return { bindParameters } as unknown as Pool
}
