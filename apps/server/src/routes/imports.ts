/**
 * Import endpoint: `POST /observations/import` registers the values of a CSV file or an .xlsx workbook (the
 * columns indicator, region, year, value; optional source, note, status, revision), all or nothing, through
 * the same write path as `POST /observations`.
 */
import { DEFAULT_INPUT_LIMITS } from "@tijian/core"
import { defineEndpoint } from "../endpoint/Endpoint.js"
import { nodeRequestOf, requirePrincipal } from "../http.js"
import { conflict, stored } from "../openapi/examples.js"
import * as S from "../openapi/schemas.js"
import { binary, error, ok, XLSX } from "../openapi/table.js"
import { importSheet } from "../import/importSheet.js"
import { readUpload } from "../import/upload.js"
import { runOrThrow } from "../runtime.js"
import { writeResultJson } from "./observations.js"

/**
 * `POST /observations/import` (agency or admin token) answers like `POST /observations`:
 * 201 `{ stored: [observation with etag], count, unchanged, submittedAt }`, listing the first 1,000 revisions of
 * a large file (`count` has them all). The file is checked while it streams in and stored in one transaction. Problems name spreadsheet rows (header = row 1):
 * 403 `details: [{ row, field, message }]` for rows outside the token's scope, 422 the same for every invalid
 * row, 409 naming the row of a stale revision; 400 for bytes that are not UTF-8 or not a workbook, 413 over
 * the body size limit or the input limits (`settings.inputLimits`: members, unpacked bytes, rows), 415 for another content type. Nothing is stored on any error.
 */
export const importObservations = defineEndpoint({
  method: "post",
  path: "/observations/import",
  operationId: "importObservations",
  tag: "Imports",
  access: "agency",
  summary: "Import values from CSV or Excel",
  description:
    "Registers every row of a CSV file (UTF-8) or an .xlsx workbook (its sheet `observations`, else the first), all or nothing, by the same rules as `POST /observations`. The header row names the columns `indicator, region, year, value` and optionally `source, note, status, revision`, and the source and note per language `source_zh, source_en, note_zh, note_en` (a plain `source` still works; reports show the page's language, else the other); other columns are ignored. Values broken down by an indicator's dimensions take one column per dimension, headed by the dimension id (`mode`, any letter case) and holding a code of its list (`GET /indicators/{id}` lists them; the template's sheet `dimensions` too); an empty cell is the total. E.g. `indicator,region,year,mode,value` then `mob.green-share,320500,2022,,0.7` (the total) and `mob.green-share,320500,2022,metro,0.3`. Refused with a 422 naming row and column: an unknown code (with a suggestion), a code in the column of a dimension the row's indicator does not declare (the message says which it declares), a dimension column with codes that no indicator of the file declares, a header that misspells a dimension id (`modes`); and, naming the file's rows, a breakdown given twice, one without its total (in the file or stored), breakdowns of an additive dimension that do not add up to their total. Problems name rows as Excel numbers them (the header is row 1); the first 1,000 are listed and all are counted. A CSV is checked while it streams in, so a file of a million rows imports in one transaction; the answer lists the first 1,000 new revisions and counts them all.",
  body: {
    description: "The file as the raw body (e.g. `curl --data-binary @values.csv`).",
    content: {
      "text/csv": { schema: { type: "string" }, example: "indicator,region,year,value,source\nbeauty.growth,320500,2023,82.28,Suzhou statistical yearbook 2024\n" },
      [XLSX]: { schema: binary },
    },
  },
  responses: {
    201: ok("Stored: the new revisions, and how many rows were unchanged.", S.WriteResult, { stored: [stored], count: 1, unchanged: 0, submittedAt: stored.submittedAt, warnings: [], ruleErrors: [], outliers: [] }),
    400: error("The bytes are not UTF-8, or not a workbook.", "bad-request", 'the workbook has no sheet; put the values on a sheet named "observations"'),
    403: error(
      "The token may not write: a reviewer token, or rows outside its region subtree or plugins (`details` lists every row; nothing was stored).",
      "forbidden",
      "1 row(s) of the file are outside this token's scope; nothing was stored",
      S.ImportProblemsError,
      [{ row: 2, field: "region", message: "this token writes 320500 (Suzhou (Jiangsu)) and the regions within it, not 310000 (Shanghai)" }],
    ),
    409: conflict("A row revises a cell without its current revision, or its year is locked; the message names the row.", "row 2: beauty.growth for 320500 in 2023 is at revision 2, not 1; ...", "stale-revision"),
    413: error(
      "The file is larger than the server accepts: the body, or what it holds (rows of a CSV or sheet, members of a workbook, bytes a workbook unpacks to, " +
        "a text of more than 1 MiB without a break); the message names the limit and its setting. Nothing was stored.",
      "payload-too-large",
      'the sheet "observations" holds more than 20,000,000 rows (limit maxRows = 20,000,000); split the input, or raise inputLimits.maxRows in tijian.config.json (docs/security.md)',
    ),
    415: error("The body is neither `text/csv` (UTF-8) nor an .xlsx workbook.", "unsupported-media-type", `send a CSV file with Content-Type: text/csv (UTF-8) or an .xlsx workbook with Content-Type: ${XLSX} (got "application/json")`),
    422: error(
      "A row is invalid, or the CSV cannot be parsed; nothing was stored. `details` lists every problem by its row in the file. Or a validation rule of severity `error` fails (code `rule-violations`, `details` the failed rules with the file's rows).",
      "invalid-observations",
      "1 problem(s) in 1 row(s) of the file; nothing was stored (rows are numbered as in Excel: the header is row 1)",
      S.ImportProblemsError,
      [{ row: 502, field: "value", message: '"12,5" uses a decimal comma; write 12.5' }],
    ),
  },
  handle: async ({ c, deps, reply }) => {
    const principal = requirePrincipal(c)
    const limits = deps.settings.inputLimits ?? DEFAULT_INPUT_LIMITS
    const sheet = await readUpload(c.req.raw, deps.settings.maxBodyBytes, nodeRequestOf(c), limits)
    const result = await runOrThrow(deps.runtime, importSheet(principal, sheet, deps.now().toISOString()))
    deps.metrics.importRows.inc({ format: sheet.format }, result.count)
    return reply(201, writeResultJson(result))
  },
})
