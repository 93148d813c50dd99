/**
 * A minimal zip writer for test fixtures: real archives that yauzl reads like any other, members stored or deflated
 * (node:zlib), in the order given. Hostile archives too: a name given twice, a directory that declares fewer bytes
 * than a member unpacks to.
 */
import { writeFileSync } from "node:fs"
import { deflateRawSync } from "node:zlib"

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

const crc32 = (data: Buffer): number => {
  let c = 0xffffffff
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** One member: its name and content; deflated or stored (default); `declaredSize` overrides the size the directory gives. */
export interface ZipMember {
  readonly name: string
  readonly data: Buffer
  readonly deflate?: boolean
  readonly declaredSize?: number
}

/** The bytes of a zip holding `members`. */
export const zipBytes = (members: ReadonlyArray<ZipMember>): Buffer => {
  const parts: Array<Buffer> = []
  const centrals: Array<Buffer> = []
  let offset = 0
  for (const { name, data, deflate = false, declaredSize = data.length } of members) {
    const body = deflate ? deflateRawSync(data, { level: 9 }) : data
    const nameBytes = Buffer.from(name, "utf8")
    const crc = crc32(data)
    const method = deflate ? 8 : 0
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6)
    local.writeUInt16LE(method, 8)
    local.writeUInt32LE(0, 10)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(declaredSize, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    local.writeUInt16LE(0, 28)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(method, 10)
    central.writeUInt32LE(0, 12)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(body.length, 20)
    central.writeUInt32LE(declaredSize, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    parts.push(local, nameBytes, body)
    centrals.push(central, nameBytes)
    offset += local.length + nameBytes.length + body.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Math.min(members.length, 0xffff), 8)
  end.writeUInt16LE(Math.min(members.length, 0xffff), 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...parts, directory, ...(members.length > 0xffff ? zip64End(members.length, directory.length, offset) : []), end])
}

/** The zip64 end-of-directory record and its locator, which carry an entry count past 65,535. */
const zip64End = (count: number, directoryBytes: number, directoryOffset: number): Array<Buffer> => {
  const record = Buffer.alloc(56)
  record.writeUInt32LE(0x06064b50, 0)
  record.writeBigUInt64LE(44n, 4)
  record.writeUInt16LE(45, 12)
  record.writeUInt16LE(45, 14)
  record.writeBigUInt64LE(BigInt(count), 24)
  record.writeBigUInt64LE(BigInt(count), 32)
  record.writeBigUInt64LE(BigInt(directoryBytes), 40)
  record.writeBigUInt64LE(BigInt(directoryOffset), 48)
  const locator = Buffer.alloc(20)
  locator.writeUInt32LE(0x07064b50, 0)
  locator.writeBigUInt64LE(BigInt(directoryOffset + directoryBytes), 8)
  locator.writeUInt32LE(1, 16)
  return [record, locator]
}

/** Writes `files` (name -> text) into a zip at `path`, stored. */
export const writeZip = (path: string, files: Readonly<Record<string, string>>): void =>
  writeFileSync(path, zipBytes(Object.entries(files).map(([name, text]) => ({ name, data: Buffer.from(text, "utf8") }))))
