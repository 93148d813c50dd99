import { DEFAULT_INPUT_LIMITS } from "@tijian/core"
import ExcelJS from "exceljs"
import { describe, expect, it } from "vitest"
import type { Sheet, SheetRow } from "../src/import/sheet.js"
import { readXlsx } from "../src/import/xlsxSheet.js"
import { openZipParts } from "../src/import/zipParts.js"
import { inline, num, sharedStringsXml, sheetXml, xlsxFile, zipArchive } from "./support/xlsxFile.js"

/** Every data row of a sheet. */
const rowsOf = async (sheet: Sheet) => {
  const rows: Array<SheetRow> = []
  for await (const batch of sheet.rows) rows.push(...batch)
  return rows
}

const STYLES =
  `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  `<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/><numFmt numFmtId="165" formatCode="0.00&quot; km2&quot;"/></numFmts>` +
  `<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>`

describe("reading a workbook's cells", () => {
  it("reads shared and inline strings, numbers, booleans, errors, formula results, dates and empty cells", async () => {
    const bytes = xlsxFile({
      sharedStrings: sharedStringsXml([
        "<t>indicator</t>",
        "<t xml:space=\"preserve\"> region </t>",
        // a rich text: its runs' text, without the phonetic guide
        "<r><rPr><b/></rPr><t>beauty.</t></r><r><t>growth</t></r><rPh sb=\"0\" eb=\"1\"><t>ビ</t></rPh>",
        "<t>a &amp; b &lt;c&gt;</t>",
      ]),
      styles: STYLES,
      sheets: [
        {
          name: "observations",
          xml: sheetXml(
            `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>${inline("C1", "year")}${inline("D1", "value")}</row>` +
              `<row r="3"><c r="A3" t="s"><v>2</v></c>${num("B3", 320500)}${num("C3", 2023)}${num("D3", "-12.5")}` +
              `<c r="E3" t="b"><v>1</v></c><c r="F3" t="b"><v>0</v></c><c r="G3" t="e"><v>#N/A</v></c></row>` +
              `<row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4" s="1"/><c r="C4" t="str"><f>"20"&amp;"23"</f><v>2023</v></c>` +
              `<c r="D4"><f>1/3</f><v>0.33333333333333331</v></c><c r="E4"><f>NOW()</f></c>${num("F4", 44927, 1)}${num("G4", 44927, 2)}${num("H4", 3.5, 3)}</row>` +
              `<row r="5"><c r="A5" s="1"/><c r="C5" t="inlineStr"><is><t xml:space="preserve">  </t></is></c></row>` +
              `<row r="6">${inline("B6", "x")}<c t="inlineStr"><is><r><t>rich </t></r><r><t>inline</t></r></is></c></row>`,
          ),
        },
      ],
    })
    const sheet = await readXlsx(bytes)
    expect(sheet.header).toEqual({ row: 1, cells: ["indicator", " region ", "year", "value"] })
    expect(await rowsOf(sheet)).toEqual([
      { row: 3, cells: ["beauty.growth", 320500, 2023, -12.5, "TRUE", "FALSE", "#N/A"] },
      { row: 4, cells: ["a & b <c>", undefined, "2023", 0.3333333333333333, undefined, "2023-01-01", "2023-01-01", 3.5] },
      // row 5 holds only a styled cell and spaces: blank, skipped
      { row: 6, cells: [undefined, "x", "rich inline"] },
    ])
  })

  it("reads what ExcelJS writes the same as ExcelJS read it", async () => {
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet("notes").addRow(["read me"])
    const sheet = workbook.addWorksheet(" Observations ")
    sheet.addRow(["indicator", "region", "year", "value", "note"])
    sheet.addRow([])
    sheet.addRow(["beauty.growth", "320500", 2023, 71.5, { richText: [{ text: "survey " }, { text: "2023", font: { bold: true } }] }])
    sheet.addRow(["beauty.growth", "320509", 2023, { formula: "70+1", result: 71 }, { text: "link", hyperlink: "http://example.org" }])
    sheet.addRow(["beauty.growth", "320585", new Date("2023-05-01T00:00:00Z"), true, null])
    const read = await readXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()))
    expect(read.header).toEqual({ row: 1, cells: ["indicator", "region", "year", "value", "note"] })
    expect(await rowsOf(read)).toEqual([
      { row: 3, cells: ["beauty.growth", "320500", 2023, 71.5, "survey 2023"] },
      { row: 4, cells: ["beauty.growth", "320509", 2023, 71, "link"] },
      { row: 5, cells: ["beauty.growth", "320585", "2023-05-01", "TRUE"] },
    ])
  })

  it("counts dates from 1904 in a workbook that says so", async () => {
    const bytes = xlsxFile({
      date1904: true,
      styles: STYLES,
      sheets: [{ name: "Sheet1", xml: sheetXml(`<row r="1">${inline("A1", "year")}</row><row r="2">${num("A2", 43465, 1)}</row>`) }],
    })
    expect(await rowsOf(await readXlsx(bytes))).toEqual([{ row: 2, cells: ["2023-01-01"] }])
  })

  it("reads the first sheet when none is named observations, and gives rows in batches", async () => {
    const rows = Array.from({ length: 4999 }, (_, i) => `<row r="${i + 2}">${num(`A${i + 2}`, i)}</row>`).join("")
    const bytes = xlsxFile({
      sheets: [
        { name: "data", xml: sheetXml(`<row r="1">${inline("A1", "n")}</row>${rows}`) },
        { name: "other", xml: sheetXml(`<row r="1">${inline("A1", "not read")}</row>`) },
      ],
    })
    const sheet = await readXlsx(bytes, DEFAULT_INPUT_LIMITS)
    expect(sheet.header).toEqual({ row: 1, cells: ["n"] })
    const sizes: Array<number> = []
    let last: SheetRow | undefined
    for await (const batch of sheet.rows) {
      sizes.push(batch.length)
      last = batch.at(-1)
    }
    expect([sizes.reduce((a, b) => a + b, 0), sizes.every((n) => n <= 2000), last]).toEqual([4999, true, { row: 5000, cells: [4998] }])
  })

  it("answers 400 for a damaged workbook: not a zip, truncated, malformed XML, no sheet", async () => {
    const good = xlsxFile({ sheets: [{ name: "observations", xml: sheetXml(`<row r="1">${inline("A1", "indicator")}</row>`) }] })
    const failure = async (bytes: Uint8Array) => {
      try {
        await rowsOf(await readXlsx(bytes))
      } catch (e) {
        return [(e as { _tag?: string })._tag, (e as Error).message]
      }
      return "read"
    }
    expect(await failure(good)).toBe("read")
    expect(await failure(good.slice(0, good.byteLength - 30))).toEqual([
      "BadRequest",
      "the workbook cannot be read (End of central directory record signature not found. Either not a zip file, or file is truncated.): " +
        "open it in Excel and save it again as .xlsx; nothing was stored",
    ])
    const malformed = xlsxFile({ sheets: [{ name: "observations", xml: sheetXml(`<row r="1"><c r="A1"><v>1</c></row>`) }] })
    expect(await failure(malformed)).toEqual(["BadRequest", expect.stringMatching(/^the workbook cannot be read \(xl\/worksheets\/sheet1\.xml: .*unexpected close tag/)])
    expect(await failure(xlsxFile({ sheets: [] }))).toEqual(["BadRequest", 'the workbook has no sheet; put the values on a sheet named "observations"'])
  })

  it("finds parts ignoring letter case, as Office does", async () => {
    const zip = await openZipParts(zipArchive([{ name: "XL/Worksheets/Sheet1.xml", data: "<worksheet/>" }]), "the workbook", DEFAULT_INPUT_LIMITS)
    const chunks: Array<string> = []
    for await (const chunk of zip.text("xl/worksheets/sheet1.xml")) chunks.push(chunk)
    zip.close()
    expect([zip.has("xl/worksheets/SHEET1.xml"), zip.has("xl/worksheets/sheet2.xml"), chunks.join("")]).toEqual([true, false, "<worksheet/>"])
  })
})
