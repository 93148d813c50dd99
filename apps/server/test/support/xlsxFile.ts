/**
 * Workbooks written byte by byte for the import's tests: a zip archive of the parts an .xlsx needs, with the sheet,
 * shared strings and styles XML given as text, so that a test can hold exactly the cells (shared or inline strings,
 * booleans, errors, styles), the sizes (a declared size that lies) and the members (too many) it checks.
 */
import { crc32, deflateRawSync } from "node:zlib"

/** A member deflated beforehand (one too large to hold unpacked): the deflated bytes, CRC-32 and unpacked size. */
export interface PackedData {
  readonly packed: Uint8Array
  readonly crc: number
  readonly size: number
}

/** One archive member: its name, its bytes, and optionally the unpacked size it declares (a lie for a bomb). */
export interface ZipMember {
  readonly name: string
  readonly data: string | Uint8Array | PackedData
  readonly declaredSize?: number
}

/** A member's deflated bytes, CRC-32 and unpacked size. */
const pack = (data: ZipMember["data"]): PackedData => {
  if (typeof data === "object" && "packed" in data) return data
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data
  return { packed: deflateRawSync(bytes), crc: crc32(bytes), size: bytes.byteLength }
}

/** Little-endian fields (2 or 4 bytes each) in order: a zip header. */
const fields = (values: ReadonlyArray<readonly [bytes: 2 | 4, value: number]>) => {
  const out = Buffer.alloc(values.reduce((n, [bytes]) => n + bytes, 0))
  let at = 0
  for (const [bytes, value] of values) at = bytes === 2 ? out.writeUInt16LE(value, at) : out.writeUInt32LE(value, at)
  return out
}

const UTF8_NAMES = 0x0800
const DEFLATE = 8

/**
 * A zip archive (deflated members, one central directory) of `members`.
 *
 * @example
 * zipArchive([{ name: "a.txt", data: "hello" }]) // Uint8Array starting with PK\x03\x04
 */
export const zipArchive = (members: ReadonlyArray<ZipMember>): Uint8Array => {
  const locals: Array<Uint8Array> = []
  const centrals: Array<Buffer> = []
  let offset = 0
  for (const m of members) {
    const { packed, crc, size } = pack(m.data)
    const name = Buffer.from(m.name, "utf8")
    // version, flags, method, time, date, crc, sizes, name length
    const common = [[2, UTF8_NAMES], [2, DEFLATE], [2, 0], [2, 0], [4, crc], [4, packed.byteLength], [4, m.declaredSize ?? size], [2, name.byteLength]] as const
    const local = fields([[4, 0x04034b50], [2, 20], ...common, [2, 0]])
    // then extra, comment, disk, attributes (2 + 4) and the local header's offset
    const central = fields([[4, 0x02014b50], [2, 20], [2, 20], ...common, [2, 0], [2, 0], [2, 0], [2, 0], [4, 0], [4, offset]])
    locals.push(local, name, packed)
    centrals.push(central, name)
    offset += local.byteLength + name.byteLength + packed.byteLength
  }
  const directory = Buffer.concat(centrals)
  const n = members.length
  const end = fields([[4, 0x06054b50], [2, 0], [2, 0], [2, n], [2, n], [4, directory.byteLength], [4, offset], [2, 0]])
  return new Uint8Array(Buffer.concat([...locals, directory, end]))
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/** The XML of a worksheet whose `<sheetData>` holds `rows` (each `<row>...</row>` as written). */
export const sheetXml = (rows: string) => `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`

/** The XML of a shared-strings part holding `strings` (each an `<si>` body, e.g. `<t>text</t>`). */
export const sharedStringsXml = (strings: ReadonlyArray<string>) =>
  `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si>${s}</si>`).join("")}</sst>`

/** What a test workbook holds: sheets by name (XML), and optionally shared strings, styles, more members. */
export interface TestWorkbook {
  readonly sheets: ReadonlyArray<{ readonly name: string; readonly xml: string | PackedData; readonly declaredSize?: number }>
  readonly sharedStrings?: string
  readonly styles?: string
  readonly date1904?: boolean
  readonly extra?: ReadonlyArray<ZipMember>
}

/**
 * An .xlsx workbook of the given parts.
 *
 * @example
 * xlsxFile({ sheets: [{ name: "observations", xml: sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>indicator</t></is></c></row>') }] })
 */
export const xlsxFile = (workbook: TestWorkbook): Uint8Array => {
  const sheets = workbook.sheets.map((s, i) => ({ ...s, id: `rId${i + 1}`, part: `worksheets/sheet${i + 1}.xml` }))
  const rels = [
    ...sheets.map((s) => `<Relationship Id="${s.id}" Type="${REL}/worksheet" Target="${s.part}"/>`),
    workbook.sharedStrings === undefined ? "" : `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`,
    workbook.styles === undefined ? "" : `<Relationship Id="rIdT" Type="${REL}/styles" Target="/xl/styles.xml"/>`,
  ].join("")
  return zipArchive([
    { name: "[Content_Types].xml", data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>` },
    {
      name: "xl/workbook.xml",
      data:
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">` +
        `<workbookPr${workbook.date1904 ? ' date1904="1"' : ""}/><sheets>` +
        sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="${s.id}"/>`).join("") +
        `</sheets></workbook>`,
    },
    { name: "xl/_rels/workbook.xml.rels", data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>` },
    ...sheets.map((s) => ({ name: `xl/${s.part}`, data: s.xml, declaredSize: s.declaredSize })),
    ...(workbook.sharedStrings === undefined ? [] : [{ name: "xl/sharedStrings.xml", data: workbook.sharedStrings }]),
    ...(workbook.styles === undefined ? [] : [{ name: "xl/styles.xml", data: workbook.styles }]),
    ...(workbook.extra ?? []),
  ])
}

/** An inline-string cell. */
export const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`

/** A number cell. */
export const num = (ref: string, n: number | string, style?: number) => `<c r="${ref}"${style === undefined ? "" : ` s="${style}"`}><v>${n}</v></c>`

/** A row of the four required columns with an inline indicator and region, a number year and value. */
export const dataRow = (row: number, indicator: string, region: string, year: number, value: number | string) =>
  `<row r="${row}">${inline(`A${row}`, indicator)}${inline(`B${row}`, region)}${num(`C${row}`, year)}${num(`D${row}`, value)}</row>`

/** The header row of the four required columns, as inline strings. */
export const HEADER_ROW = `<row r="1">${["indicator", "region", "year", "value"].map((h, i) => inline(`${"ABCD"[i]}1`, h)).join("")}</row>`
