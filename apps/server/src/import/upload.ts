/**
 * An uploaded file, read by its content type: `text/csv` (UTF-8, with or without a byte-order mark) streamed
 * through the CSV reader, or an .xlsx workbook received whole and then streamed part by part; both within the
 * body size limit and the input limits.
 */
import { DEFAULT_INPUT_LIMITS, type InputLimits } from "@tijian/core"
import type { Readable } from "node:stream"
import { UnsupportedMediaType } from "../errors.js"
import { readCsv } from "./csvSheet.js"
import { bodyChunks, readBodyBytes } from "./requestBody.js"
import { type Sheet, XLSX_TYPE } from "./sheet.js"
import { decodeUtf8 } from "./utf8.js"
import { readXlsx } from "./xlsxSheet.js"

const accepted = `a CSV file with Content-Type: text/csv (UTF-8) or an .xlsx workbook with Content-Type: ${XLSX_TYPE}`

/**
 * Reads the request's body as a sheet (from Node's request stream `incoming` when served by Node, so that the
 * upload is read only as fast as it is checked). Fails with 415 for another content type (or a CSV in another charset),
 * 413 over `maxBytes` or `limits`, 400 for bytes that are not UTF-8 or not a workbook, 422 for a CSV that cannot be parsed.
 *
 * @example
 * await readUpload(new Request(url, { method: "POST", headers: { "content-type": "text/csv" }, body: "indicator,region,year,value\n..." }), 1024)
 */
export const readUpload = async (
  request: Request,
  maxBytes: number,
  incoming?: Readable,
  limits: InputLimits = DEFAULT_INPUT_LIMITS,
): Promise<Sheet> => {
  const header = request.headers.get("content-type") ?? ""
  const [type = "", ...params] = header.split(";").map((p) => p.trim().toLowerCase())
  if (type === "text/csv") {
    const charset = params.find((p) => p.startsWith("charset="))?.slice("charset=".length).replace(/"/g, "")
    if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
      throw new UnsupportedMediaType({
        message: `the CSV is declared as ${charset}; only UTF-8 is read: save the file as CSV UTF-8 and send it with Content-Type: text/csv; charset=utf-8`,
      })
    }
    return readCsv(decodeUtf8(bodyChunks(request, maxBytes, incoming)), limits)
  }
  if (type === XLSX_TYPE) return readXlsx(await readBodyBytes(request, maxBytes, incoming), limits)
  const hint = type === "application/json" ? "; JSON goes to POST /api/v1/observations" : type === "application/vnd.ms-excel" ? "; save an .xls workbook as .xlsx" : ""
  throw new UnsupportedMediaType({ message: `send ${accepted} (got "${header || "none"}")${hint}` })
}
