/**
 * Import routes: `POST /observations/import` registers the values of a CSV file or an .xlsx workbook (the
 * columns indicator, region, year, value; optional source, note, status, revision), all or nothing, through
 * the same write path as `POST /observations`.
 */
import { DEFAULT_INPUT_LIMITS } from "@tijian/core"
import { Hono } from "hono"
import { type AppEnv, type Deps, nodeRequestOf, requirePrincipal } from "../http.js"
import { importSheet } from "../import/importSheet.js"
import { readUpload } from "../import/upload.js"
import { runOrThrow } from "../runtime.js"
import { writeResultJson } from "./observations.js"

/**
 * The import routes. `POST /observations/import` (agency or admin token) answers like `POST /observations`:
 * 201 `{ stored: [observation with etag], count, unchanged, submittedAt }`, listing the first 1,000 revisions of
 * a large file (`count` has them all). The file is checked while it streams in and stored in one transaction. Problems name spreadsheet rows (header = row 1):
 * 403 `details: [{ row, field, message }]` for rows outside the token's scope, 422 the same for every invalid
 * row, 409 naming the row of a stale revision; 400 for bytes that are not UTF-8 or not a workbook, 413 over
 * the body size limit or the input limits (`settings.inputLimits`: members, unpacked bytes, rows), 415 for another content type. Nothing is stored on any error.
 */
export const importsRoutes = (deps: Deps) => {
  const api = new Hono<AppEnv>()
  const limits = deps.settings.inputLimits ?? DEFAULT_INPUT_LIMITS

  api.post("/observations/import", async (c) => {
    const principal = requirePrincipal(c)
    const sheet = await readUpload(c.req.raw, deps.settings.maxBodyBytes, nodeRequestOf(c), limits)
    const result = await runOrThrow(deps.runtime, importSheet(principal, sheet, deps.now().toISOString()))
    deps.metrics.importRows.inc({ format: sheet.format }, result.count)
    return c.json(writeResultJson(result), 201)
  })

  return api
}
