/**
 * The route table: every operation of the API under `/api/v1`, the one source of the OpenAPI document and of
 * the docs page. Request bodies are the Schemas the handlers decode; responses are the Schemas of
 * `schemas.ts`. A route added to the app without a row here fails `test/openapi.test.ts`.
 */
import { AUDIT_ACTIONS } from "../audit/AuditLog.js"
import { MEDIA_TYPES, REPORT_FORMATS } from "../render/negotiate.js"
import { AuditPage } from "../routes/audit.js"
import { SDMX_CSV_TYPE } from "../routes/exports.js"
import { AgencyNamesBody } from "../routes/agencies.js"
import { CellBody, ObservationsBody } from "../routes/observations.js"
import { EDITION_FORMATS } from "../routes/serveEdition.js"
import { LockBody } from "../routes/years.js"
import * as C from "./calculatorSchemas.js"
import {
  conflict,
  edition,
  editionPath,
  invalidRows,
  lockEvent,
  notFound,
  notJson,
  reportYear,
  revised,
  row,
  scopePath,
  staleMessage,
  staleOrLocked,
  stored,
  tooLarge,
  unknownScope,
} from "./examples.js"
import * as R from "./reportSchemas.js"
import * as S from "./schemas.js"
import {
  asOfQuery,
  badYear,
  binary,
  error,
  etagHeader,
  ifMatch,
  indicatorPath,
  json,
  ok,
  regionPath,
  type RouteSpec,
  type TagSpec,
  XLSX,
  yearPath,
} from "./table.js"

/** The tags, in the order the docs show them. */
export const tags: ReadonlyArray<TagSpec> = [
  { name: "System", description: "Health, this reference and its OpenAPI document. Served before authentication." },
  { name: "Reference", description: "Indicators, regions and groups, targets: what is measured, where, and what the plans ask." },
  { name: "Observations", description: "Register values, read current values (as of any time), revise one value with If-Match, read its history." },
  { name: "Imports", description: "Values from CSV or Excel files, all or nothing, with errors by spreadsheet row; the Excel template to fill in." },
  { name: "Calculators", description: "Plugin calculators that turn a dataset (a GTFS feed, population points, redlines) into values." },
  { name: "Audit", description: "The append-only record of every change: who, what, when (admin)." },
  { name: "Years", description: "Locking a published year against new revisions (admin), and the lock history." },
  { name: "Reports", description: "The annual physical examination (体检) of a region or group, its published editions, and the comparison of a group's members." },
  { name: "Exports", description: "Current values for statistical offices (SDMX-CSV)." },
]

/** Every operation of the API. */
export const routes: ReadonlyArray<RouteSpec> = [
  // ---------------------------------------------------------------------------------------------- System
  {
    method: "get",
    path: "/health",
    operationId: "health",
    tag: "System",
    summary: "Is the server up?",
    description: "Answers 200 while the server runs; touches no storage.",
    responses: { 200: ok("The server is up.", S.Health, { status: "ok" }) },
  },
  {
    method: "get",
    path: "/ready",
    operationId: "ready",
    tag: "System",
    summary: "Can the server serve requests now?",
    description: "200 while the database answers and its schema is current (no migration pending); 503 otherwise. Send traffic to an instance while it is ready.",
    responses: {
      200: ok("The server is ready.", S.Ready, { status: "ready" }),
      503: ok("The database does not answer, or a migration has not run.", S.NotReady, { status: "not-ready", reason: "database-unavailable" }),
    },
  },
  {
    method: "get",
    path: "/openapi.json",
    operationId: "openapi",
    tag: "System",
    summary: "This API as an OpenAPI 3.1 document",
    description: "Generated from the same route table and Schemas as this reference; feed it to a client generator.",
    responses: { 200: ok("The OpenAPI document.", { type: "object" }) },
  },
  {
    method: "get",
    path: "/docs",
    operationId: "docs",
    tag: "System",
    summary: "This API reference (HTML)",
    description: "A self-contained page rendered from the OpenAPI document: no script, no external asset; it works offline.",
    responses: { 200: { description: "The page.", content: { "text/html": { schema: { type: "string" } } } } },
  },

  // ---------------------------------------------------------------------------------------------- Reference
  {
    method: "get",
    path: "/indicators",
    operationId: "listIndicators",
    tag: "Reference",
    summary: "List indicators",
    description: "Every indicator of every registered plugin, with its unit, range, direction and kind (observed, derived, reported).",
    responses: { 200: ok("The indicators.", S.IndicatorList) },
  },
  {
    method: "get",
    path: "/indicators/{id}",
    operationId: "getIndicator",
    tag: "Reference",
    summary: "One indicator, with its targets",
    description: "The indicator's definition with its description, grade bands, inputs, aggregation rule and every target set for it.",
    parameters: [{ ...indicatorPath, name: "id", example: "beauty.composite" }],
    responses: {
      200: ok("The indicator.", S.IndicatorDetail),
      404: notFound("indicator", 'no indicator has id "beauty.nope"; see GET /api/v1/indicators'),
    },
  },
  {
    method: "get",
    path: "/regions",
    operationId: "listRegions",
    tag: "Reference",
    summary: "List regions and groups",
    description: "Every region (by GB/T 2260 code, with its level and parent) and every group (e.g. the 27 central cities, DEMO-ZONE).",
    responses: { 200: ok("The regions and groups.", S.RegionList) },
  },
  {
    method: "get",
    path: "/regions/{code}",
    operationId: "getRegion",
    tag: "Reference",
    summary: "One region or group",
    description:
      "A region with the codes of the regions directly below it, or a group with its member regions. Regions are identified by code, never by name: 320500 is Suzhou (Jiangsu), 341300 is Suzhou (Anhui).",
    parameters: [{ ...regionPath, name: "code" }],
    responses: { 200: ok("The region or group.", S.RegionDetail), 404: unknownScope },
  },
  {
    method: "put",
    path: "/regions/{code}/boundary",
    operationId: "putBoundary",
    tag: "Reference",
    summary: "Register a region's boundary",
    description:
      "Stores (or replaces) the boundary of a region: a GeoJSON Polygon or MultiPolygon, or a Feature or FeatureCollection of them, in WGS84 longitude/latitude (RFC 7946). Every ring needs at least four positions and must be closed; at most 100,000 positions and 500 polygons, 20 MiB. It is simplified for display (Douglas-Peucker, 0.0005°) and drawn on the overview map of the groups and parent regions the region belongs to.",
    parameters: [{ ...regionPath, name: "code", description: "Region code (a group has no boundary of its own).", example: "310118" }],
    body: {
      description: "The boundary as GeoJSON.",
      content: {
        "application/geo+json": { schema: { type: "object" }, example: { type: "Polygon", coordinates: [[[120.9, 31.05], [121.05, 31.05], [121.05, 31.2], [120.9, 31.2], [120.9, 31.05]]] } },
        "application/json": { schema: { type: "object" } },
      },
    },
    responses: {
      200: ok("Replaced: the stored boundary, simplified for display.", S.BoundaryFeature),
      201: ok("The region's first boundary, simplified for display.", S.BoundaryFeature),
      400: error("The code names a group, or the body is not JSON text.", "bad-request", "DEMO-ZONE is a group, not a region; register the boundary of each member instead (310118, 320509, 330421)"),
      404: unknownScope,
      413: tooLarge("boundary"),
      415: error("The body is not sent as GeoJSON.", "unsupported-media-type", 'send GeoJSON with Content-Type: application/geo+json or application/json (got "text/plain")'),
      422: error(
        "The GeoJSON cannot be used (not polygons, a ring unclosed or too short, a position out of the WGS84 range, too many positions); nothing was stored. `details` says where.",
        "invalid-boundary",
        "the boundary of 310118 cannot be used: ring 0 is not closed: ...; nothing was stored",
        S.BoundaryProblemsError,
        [{ where: "ring 0", message: "is not closed: its last position [120.9, 31.2] differs from its first [120.9, 31.05]; repeat the first position at the end" }],
      ),
    },
  },
  {
    method: "get",
    path: "/regions/{code}/boundary",
    operationId: "getBoundary",
    tag: "Reference",
    summary: "A region's boundary",
    description: "The registered boundary as a GeoJSON Feature; `?display=true` gives the geometry simplified for display.",
    parameters: [
      { ...regionPath, name: "code", description: "Region code.", example: "310118" },
      { name: "display", in: "query", required: false, description: "true: the simplified geometry drawn on maps.", schema: { type: "boolean" }, example: true },
    ],
    responses: {
      200: ok("The boundary.", S.BoundaryFeature),
      400: error("The code names a group, or `display` is not true or false.", "bad-request", 'display must be true or false, not "yes"'),
      404: notFound("region or boundary", "region 310118 has no boundary yet; an admin registers one with PUT /api/v1/regions/310118/boundary"),
    },
  },
  {
    method: "delete",
    path: "/regions/{code}/boundary",
    operationId: "deleteBoundary",
    tag: "Reference",
    summary: "Remove a region's boundary",
    description: "Removes the registered boundary; maps then leave the region out (and say so).",
    parameters: [{ ...regionPath, name: "code", description: "Region code.", example: "310118" }],
    responses: {
      204: { description: "Removed." },
      400: error("The code names a group.", "bad-request", "DEMO-ZONE is a group, not a region; register the boundary of each member instead (310118, 320509, 330421)"),
      404: notFound("region or boundary", "region 310118 has no boundary to delete"),
    },
  },
  {
    method: "get",
    path: "/agencies",
    operationId: "listAgencies",
    tag: "Reference",
    summary: "Agencies' names",
    description: "Every agency that has display names, in Chinese and English. Reports show an agency's name in the page's language instead of its id.",
    responses: {
      200: ok("The agencies with names.", S.AgencyList, {
        agencies: [{ agency: "suzhou-bureau", name: { zh: "苏州市统计局", en: "Suzhou Statistics Bureau" }, updatedAt: "2025-03-01T00:00:00.000Z", updatedBy: "yrd-office" }],
      }),
    },
  },
  {
    method: "put",
    path: "/agencies/{agency}",
    operationId: "putAgencyNames",
    tag: "Reference",
    summary: "Name an agency",
    description:
      "Sets an agency's Chinese and/or English name (a name left out is kept; null or empty clears it). Live report pages show the change at once. The same as `pnpm tijian agencies set <id> --zh … --en …` on the server's machine.",
    parameters: [{ name: "agency", in: "path", required: true, description: "The agency id, as its tokens carry it.", schema: { type: "string" }, example: "suzhou-bureau" }],
    body: { description: "The names.", content: json(AgencyNamesBody, { zh: "苏州市统计局", en: "Suzhou Statistics Bureau" }) },
    responses: {
      200: ok("Changed: the agency's names.", S.AgencyNames),
      201: ok("The agency's first names.", S.AgencyNames),
      400: error("The body is not JSON `{zh, en}`, a name is not text or too long, or neither is given.", "bad-request", "zh must be text (or null to clear it); nothing was stored"),
      415: notJson,
    },
  },
  {
    method: "get",
    path: "/targets",
    operationId: "listTargets",
    tag: "Reference",
    summary: "List targets",
    description: 'Targets, optionally of one indicator and/or one region or group (targets scoped "*" apply everywhere and are included).',
    parameters: [
      { ...indicatorPath, in: "query", required: false, description: "Only targets of this indicator.", example: "beauty.composite" },
      { ...regionPath, in: "query", required: false, description: 'Only targets of this region or group (and those scoped "*").' },
    ],
    responses: {
      200: ok("The targets.", S.TargetList),
      404: notFound("indicator or region", 'no indicator has id "beauty.nope"; see GET /api/v1/indicators'),
    },
  },

  // ---------------------------------------------------------------------------------------------- Observations
  {
    method: "post",
    path: "/observations",
    operationId: "registerObservations",
    tag: "Observations",
    summary: "Register values (JSON)",
    description:
      "Registers a batch of values, all or nothing. A row for a cell that already has a value must name the revision it revises (`revision`, or the `If-Match` header for a batch of one row), else the batch fails with 409. A row equal to the current value is left alone (`unchanged`), so sending the same batch twice changes nothing. Without `source`, the value is recorded as registered through the API. `source` and `note` are text, or text per language: `{\"zh\": \"苏州统计年鉴2024\", \"en\": \"Suzhou statistical yearbook 2024\"}` (either key may be left out, not both); reports show the page's language, else the other. A source or note of another shape is a 422 naming the row and field (`source.zh must be text`).",
    parameters: [ifMatch("Only for a batch of one row: the ETag of the revision it revises (instead of `revision`).")],
    body: { description: "The rows.", content: json(ObservationsBody, { observations: [row] }) },
    responses: {
      201: ok("Stored: the new revisions, and how many rows were unchanged.", S.WriteResult, { stored: [stored], count: 1, unchanged: 0, submittedAt: stored.submittedAt }),
      400: error(
        "The body is not JSON or not `{ observations: [...] }`, or If-Match is malformed or sent with several rows.",
        "bad-request",
        "If-Match applies to one value; for several, give each row its `revision`",
      ),
      409: staleOrLocked,
      412: error(
        "If-Match names no current tag (a stale or opaque tag; weak tags never match, RFC 9110 strong comparison), or is `*` and the cell has no value; nothing was stored. `details.etag` is the current ETag.",
        "precondition-failed",
        'beauty.growth for 320500 in 2023 is at revision 2 (ETag "2"), which If-Match does not name; read it again and resend your change with If-Match: "2"',
      ),
      415: notJson,
      422: invalidRows,
    },
  },
  {
    method: "get",
    path: "/observations",
    operationId: "listObservations",
    tag: "Observations",
    summary: "Current values",
    description: "The current revision of every matching cell. Each filter takes one value or a comma-separated list; `asOf` reads the values as they stood at that time.",
    parameters: [
      { ...indicatorPath, in: "query", required: false, description: "Indicator id(s), comma-separated." },
      { ...regionPath, in: "query", required: false, description: "Region or group code(s), comma-separated." },
      { ...yearPath, in: "query", required: false, description: "Year(s), comma-separated.", schema: { type: "string" }, example: "2022,2023" },
      asOfQuery,
    ],
    responses: { 200: ok("The values.", S.ObservationList, { observations: [stored] }), 400: badYear },
  },
  {
    method: "get",
    path: "/observations/{indicator}/{region}/{year}",
    operationId: "getObservation",
    tag: "Observations",
    summary: "One value, with its ETag",
    description: "The current revision of one cell. Its `ETag` header (also `etag` in the body) is what `PUT` needs as `If-Match`.",
    parameters: [indicatorPath, regionPath, yearPath],
    responses: {
      200: { ...ok("The current revision.", S.StoredObservation, stored), headers: etagHeader },
      400: badYear,
      404: notFound("value", "no value of beauty.growth for 320500 in 2023 yet"),
    },
  },
  {
    method: "put",
    path: "/observations/{indicator}/{region}/{year}",
    operationId: "putObservation",
    tag: "Observations",
    summary: "Set or revise one value",
    description:
      "Sets the first value of a cell (no `If-Match`; 201) or revises it (`If-Match` with the current ETag; 200). Revising without `If-Match` is refused with 428; with an ETag that is no longer current, with 412 (If-Match per RFC 9110: `*`, a list of tags, strong comparison). Either way a new revision is appended: the history keeps every earlier one.",
    parameters: [indicatorPath, regionPath, yearPath, ifMatch("The ETag of the current revision; required when the cell already has a value.")],
    body: {
      description: "The value.",
      content: json(CellBody, { value: 82.5, source: "Suzhou statistical yearbook 2024", note: "corrected GDP deflator" }),
    },
    responses: {
      200: { ...ok("Revised: the new revision.", S.StoredObservation, revised), headers: etagHeader },
      201: { ...ok("The cell's first value.", S.StoredObservation, stored), headers: etagHeader },
      400: error("The year or If-Match does not parse, or the body is not JSON.", "bad-request", 'If-Match must be * or the ETag of the current value in double quotes (e.g. "3", as GET returned it), not abc'),
      409: conflict("The value changed between the If-Match check and the write, or the year is locked; nothing was stored.", staleMessage, "stale-revision"),
      412: error(
        "If-Match names no current tag (a stale or opaque tag; weak tags never match, RFC 9110 strong comparison), or is `*` and the cell has no value; nothing was stored. `details.etag` is the current ETag.",
        "precondition-failed",
        'beauty.growth for 320500 in 2023 is at revision 2 (ETag "2"), which If-Match does not name; read it again and resend your change with If-Match: "2"',
      ),
      415: notJson,
      422: invalidRows,
      428: error(
        "The cell already has a value and no If-Match was sent.",
        "precondition-required",
        'beauty.growth for 320500 in 2023 already has a value (revision 1); send If-Match: "1" to revise it',
      ),
    },
  },
  {
    method: "get",
    path: "/observations/{indicator}/{region}/{year}/history",
    operationId: "getObservationHistory",
    tag: "Observations",
    summary: "Every revision of one value",
    description: "Every revision of the cell, oldest first: who sent which value when, from which source, with which note.",
    parameters: [indicatorPath, regionPath, yearPath],
    responses: {
      200: ok("The revisions.", S.ObservationHistory, { indicator: "beauty.growth", region: "320500", year: 2023, revisions: [stored, revised] }),
      400: badYear,
      404: notFound("value", "no value of beauty.growth for 320500 in 2023 yet"),
    },
  },

  // ---------------------------------------------------------------------------------------------- Imports
  {
    method: "post",
    path: "/observations/import",
    operationId: "importObservations",
    tag: "Imports",
    summary: "Import values from CSV or Excel",
    description:
      "Registers every row of a CSV file (UTF-8) or an .xlsx workbook (its sheet `observations`, else the first), all or nothing, by the same rules as `POST /observations`. The header row names the columns `indicator, region, year, value` and optionally `source, note, status, revision`, and the source and note per language `source_zh, source_en, note_zh, note_en` (a plain `source` still works; reports show the page's language, else the other); other columns are ignored. Problems name rows as Excel numbers them (the header is row 1); the first 1,000 are listed and all are counted. A CSV is checked while it streams in, so a file of a million rows imports in one transaction; the answer lists the first 1,000 new revisions and counts them all.",
    body: {
      description: "The file as the raw body (e.g. `curl --data-binary @values.csv`).",
      content: {
        "text/csv": { schema: { type: "string" }, example: "indicator,region,year,value,source\nbeauty.growth,320500,2023,82.28,Suzhou statistical yearbook 2024\n" },
        [XLSX]: { schema: binary },
      },
    },
    responses: {
      201: ok("Stored: the new revisions, and how many rows were unchanged.", S.WriteResult, { stored: [stored], count: 1, unchanged: 0, submittedAt: stored.submittedAt }),
      400: error("The bytes are not UTF-8, or not a workbook.", "bad-request", "the workbook has no sheet; put the values on a sheet named \"observations\""),
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
        "A row is invalid, or the CSV cannot be parsed; nothing was stored. `details` lists every problem by its row in the file.",
        "invalid-observations",
        "1 problem(s) in 1 row(s) of the file; nothing was stored (rows are numbered as in Excel: the header is row 1)",
        S.ImportProblemsError,
        [{ row: 502, field: "value", message: '"12,5" uses a decimal comma; write 12.5' }],
      ),
    },
  },
  {
    method: "get",
    path: "/templates/{region}/{year}.xlsx",
    operationId: "getTemplate",
    tag: "Imports",
    summary: "The Excel template for a region and year",
    description:
      "The workbook an agency fills in and sends back to `POST /observations/import`: sheet `observations` has one row per indicator the token may register for the region (observed and reported ones, within its plugins), pre-filled with the current value and revision so that sending it back revises exactly what changed; sheet `indicators` lists names, units, valid ranges and last year's values.",
    parameters: [regionPath, { ...yearPath, description: `${yearPath.description} The path ends in \`.xlsx\`.` }],
    responses: {
      200: { description: "The workbook (as an attachment named like `tijian-320500-2023.xlsx`).", content: { [XLSX]: { schema: binary } } },
      400: error("The file name is not `<year>.xlsx`, or the year does not parse.", "bad-request", "templates are .xlsx workbooks: GET /api/v1/templates/320500/<year>.xlsx, e.g. /api/v1/templates/320500/2023.xlsx"),
      403: error(
        "A reviewer token, or a region outside the token's scope.",
        "forbidden",
        "this token writes 320500 (Suzhou (Jiangsu)) and the regions within it, not 310000 (Shanghai); ask for the template of a region this token writes",
      ),
      404: unknownScope,
    },
  },

  // ---------------------------------------------------------------------------------------------- Calculators
  {
    method: "get",
    path: "/calculators",
    operationId: "listCalculators",
    tag: "Calculators",
    summary: "List calculators",
    description: "Every calculator the registered plugins declare: its input files (the multipart field names of a run), parameters with defaults, and the indicators it produces.",
    responses: { 200: ok("The calculators.", C.CalculatorList) },
  },
  {
    method: "post",
    path: "/calculators/{id}/runs",
    operationId: "runCalculator",
    tag: "Calculators",
    summary: "Run a calculator (preview, or commit its values)",
    description:
      "Runs the calculator on uploaded files within the server's time budget. Without `commit` it answers 200 with the values it would store; with `commit=true` it stores them through the same path as `POST /observations` (all or nothing, scope, locks) and answers 201. Every value's `source` names the calculator, the plugin version, each input's SHA-256 and the parameters.",
    parameters: [
      { name: "id", in: "path", description: "Calculator id (see GET /calculators).", schema: { type: "string" }, example: "rail.station-catchment" },
      { name: "commit", in: "query", required: false, description: "true: store the values (201); otherwise preview them (200).", schema: { type: "boolean", default: false }, example: true },
      {
        name: "revise",
        in: "query",
        required: false,
        description: "With commit: revise cells that already hold a different value (else such a cell is a 409).",
        schema: { type: "boolean", default: false },
        example: false,
      },
    ],
    body: {
      description: "A multipart form: one file part per calculator input, named after the input; the text fields `region` and `year` the values belong to; `params`, a JSON object of parameter values.",
      content: {
        "multipart/form-data": {
          schema: {
            type: "object",
            required: ["region", "year"],
            properties: {
              region: { type: "string", description: "Region or group code the run is for.", examples: ["320500"] },
              year: { type: "integer", description: "The year the values belong to.", examples: [2024] },
              params: { type: "object", description: "Parameter values; omitted ones take their defaults.", examples: [{ scale: 2 }] },
            },
            additionalProperties: { ...binary, description: "One file per calculator input, the part named after the input." },
          },
          encoding: { params: { contentType: "application/json" } },
        },
      },
    },
    responses: {
      200: ok("The preview: what the run computed; nothing was stored.", C.CalculatorPreview),
      201: ok("Committed: the values were stored.", C.CalculatorCommit),
      400: error("The form cannot be read, a part is unexpected, or region, year, params or a flag is missing or malformed.", "bad-request", 'the field "region" is missing; send one file part per input ...'),
      404: notFound("calculator", 'no calculator "rail.nope"; ... (GET /api/v1/calculators lists them)'),
      409: conflict("Committing would revise a cell without `revise=true`, or a year is locked; nothing was stored.", staleMessage, "stale-revision"),
      413: tooLarge("upload"),
      415: error("The body is not multipart/form-data.", "unsupported-media-type", 'send the inputs as multipart/form-data (got Content-Type "application/json"); ...'),
      422: error(
        "An input or parameter is invalid; nothing was stored. `details` names the input, row and field. (On commit, invalid values answer 422 invalid-observations with row problems.)",
        "invalid-calculator-input",
        "rail.station-catchment needs input \"gtfs\" (gtfs-zip)",
        S.InputProblemsError,
        [{ file: "gtfs", message: 'required input "gtfs" (gtfs-zip) was not given' }],
      ),
      429: {
        ...error(
          "Every calculator slot is taken (`calculatorMaxJobs` runs at once, default one per core); nothing was run. Retry after `Retry-After` seconds.",
          "too-many-calculator-runs",
          "1 calculator run(s) are going, the most this server takes at once (calculatorMaxJobs); retry in a few seconds",
        ),
        headers: { "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer" } } },
      },
      503: error(
        "The run did not finish within the time budget (`calculatorTimeoutSeconds`); its thread was stopped and nothing was stored. Overload or an input too heavy for the budget, not bad input.",
        "calculator-timeout",
        "rail.commute-access did not finish within its time budget of 300 s and was stopped; nothing was stored. Try smaller inputs, or raise calculatorTimeoutSeconds (TIJIAN_CALCULATOR_TIMEOUT_SECONDS)",
      ),
    },
  },

  // ---------------------------------------------------------------------------------------------- Years
  ...(["lock", "unlock"] as const).map(
    (action): RouteSpec => ({
      method: "post",
      path: `/years/{year}/${action}`,
      operationId: `${action}Year`,
      tag: "Years",
      summary: action === "lock" ? "Lock a year" : "Unlock a year",
      description:
        action === "lock"
          ? "Locks a published year: no new revision of any of its values is accepted (409 year-locked) until an admin unlocks it. The reason is recorded."
          : "Unlocks a year so its values can be revised again. The reason is recorded beside the lock.",
      parameters: [reportYear],
      body: {
        description: "Why; every lock and unlock records it.",
        content: json(LockBody, { reason: action === "lock" ? "2022 report published" : "correction of the 2022 sewage figures" }),
      },
      responses: {
        201: ok(
          "The recorded event.",
          S.YearLockEvent,
          action === "lock" ? lockEvent : { ...lockEvent, seq: 2, action, reason: "correction of the 2022 sewage figures" },
        ),
        400: error("The year does not parse, or the body has no non-empty `reason`.", "bad-request", `send {"reason": "..."}: every ${action} records why`),
        409: conflict(
          `The year is ${action === "lock" ? "already locked" : "not locked"}.`,
          action === "lock" ? "2022 is already locked (since 2025-03-01T00:00:00.000Z by yrd-office)" : "2022 is not locked; there is nothing to unlock",
          "lock-state",
        ),
      },
    }),
  ),
  {
    method: "get",
    path: "/years",
    operationId: "listLockedYears",
    tag: "Years",
    summary: "Locked years",
    description: "The years locked now.",
    responses: { 200: ok("The locked years.", S.LockedYears, { locked: [2022] }) },
  },
  {
    method: "get",
    path: "/years/{year}",
    operationId: "getYear",
    tag: "Years",
    summary: "A year's lock state and history",
    description: "Whether the year is locked, with every lock and unlock (who, when, why), oldest first.",
    parameters: [reportYear],
    responses: { 200: ok("The lock state.", S.YearLockState, { year: 2022, locked: true, events: [lockEvent] }), 400: badYear },
  },

  // ---------------------------------------------------------------------------------------------- Reports
  {
    method: "get",
    path: "/reports/{scope}/{year}",
    operationId: "getReport",
    tag: "Reports",
    summary: "The annual report of a region or group",
    description:
      "Evaluates every indicator for the region or group and year: values, targets met, gaps, grades, progress (StatCan / Open SDG method), rules broken, the diagnosis, and provenance with a content hash; the same data as of the same time give byte-identical JSON. The format is chosen by an extension on the year (`2022.md`), else `format`, else the `Accept` header, else JSON: JSON is core's report; HTML, Markdown and CSV (the evaluation table) are rendered in `lang`. Each representation is rendered once per change of the data and served from memory until the next write; its ETag is the SHA-256 of its bytes, `Cache-Control: no-cache` makes clients revalidate, and a matching `If-None-Match` gets a 304 (`X-Cache` says `hit` or `miss`).",
    parameters: [
      scopePath,
      {
        ...reportYear,
        description: `The year, optionally with a format extension (${REPORT_FORMATS.map((f) => `2022.${f}`).join(", ")}).`,
        schema: { type: "string", pattern: "^\\d{1,4}(\\.[A-Za-z]+)?$" },
        example: "2022",
      },
      asOfQuery,
      { name: "format", in: "query", required: false, description: "The format, when the year has no extension.", schema: { type: "string", enum: [...REPORT_FORMATS] }, example: "md" },
      {
        name: "lang",
        in: "query",
        required: false,
        description: "The language of HTML, Markdown and CSV. Default: from `Accept-Language`, else zh.",
        schema: { type: "string", enum: ["zh", "en"] },
        example: "zh",
      },
      { name: "If-None-Match", in: "header", required: false, description: "An ETag served before: 304 while it is still this representation's.", schema: { type: "string" }, example: '"3f1d0c6a9b2e47d58c7a1e0f9d6b4a2c8e5f7a9b1c3d5e7f9a1b3c5d7e9f1a3b"' },
    ],
    responses: {
      200: {
        description: "The report, in the negotiated format.",
        content: {
          [MEDIA_TYPES.json[0]!]: { schema: S.Report },
          ...Object.fromEntries(REPORT_FORMATS.filter((f) => f !== "json").map((f) => [MEDIA_TYPES[f][0]!, { schema: { type: "string" } }])),
        },
      },
      400: error("The year, `asOf`, or an unknown extension or `format`.", "bad-request", `unknown report format "pdf" (extension); the formats are ${REPORT_FORMATS.join(", ")} (or Accept: ...)`),
      304: { description: "`If-None-Match` names this representation's ETag: nothing changed since, not sent again." },
      404: unknownScope,
      406: error("The `Accept` header rules out every format; `details` lists them.", "not-acceptable", "none of the report formats matches Accept: image/png; the formats are ...", S.ErrorBody, { formats: REPORT_FORMATS }),
    },
  },
  {
    method: "get",
    path: "/reports/{scope}/{year}/comparison",
    operationId: "compareMembers",
    tag: "Reports",
    summary: "The members of a group compared",
    description: "One ranking table per indicator across the group's members, each from the member's own report for the same year and as-of time. Members are ranked in the indicator's better direction; equal values share a rank; members without a value come last, unranked.",
    parameters: [{ ...scopePath, description: "A group code, e.g. DEMO-ZONE.", example: "DEMO-ZONE" }, reportYear, asOfQuery],
    responses: {
      200: ok("The comparison.", R.Comparison),
      400: error("The scope is a region, not a group; or the year or `asOf` does not parse.", "bad-request", "320500 is a region, not a group; only a group's members are compared (see GET /api/v1/regions)"),
      404: unknownScope,
    },
  },
  {
    method: "post",
    path: "/reports/{scope}/{year}/publish",
    operationId: "publishReport",
    tag: "Reports",
    summary: "Publish an edition of the report",
    description: "Freezes the report as it stands now as the next immutable edition. Refused (409 edition-unchanged) when the latest edition already has the same data.",
    parameters: [scopePath, reportYear],
    responses: {
      201: ok("The new edition.", R.EditionInfo, edition),
      400: badYear,
      404: unknownScope,
      409: conflict("The latest edition already has these data.", "edition 1 of YRD 2022 already has these data; publish again after a revision", "edition-unchanged"),
    },
  },
  {
    method: "get",
    path: "/reports/{scope}/{year}/editions",
    operationId: "listEditions",
    tag: "Reports",
    summary: "The published editions of a report",
    description:
      "Every edition of the scope and year, oldest first. With `Accept: text/html` or `format=html`, the list as a page in `lang` (number, published at and by, content hash, links to each edition and to the diff of consecutive editions; the same page is served at `/reports/{scope}/{year}/editions`, and its JSON at `/reports/{scope}/{year}/editions.json`).",
    parameters: [
      scopePath,
      reportYear,
      { name: "format", in: "query", required: false, description: "json (the default) or html.", schema: { type: "string", enum: ["json", "html"] }, example: "html" },
      { name: "lang", in: "query", required: false, description: "The language of the HTML page. Default: from `Accept-Language`, else zh.", schema: { type: "string", enum: ["zh", "en"] }, example: "zh" },
    ],
    responses: {
      200: { description: "The editions, or their page.", content: { [MEDIA_TYPES.json[0]!]: { schema: R.EditionList, example: { editions: [edition] } }, [MEDIA_TYPES.html[0]!]: { schema: { type: "string" } } } },
      400: badYear,
      404: unknownScope,
    },
  },
  {
    method: "get",
    path: "/reports/{scope}/{year}/editions/{edition}",
    operationId: "getEdition",
    tag: "Reports",
    summary: "One edition, exactly as published",
    description:
      "The report JSON byte for byte as published (its ETag is the content hash), or, chosen by an extension on the edition (`1.md`, `1.csv`, `1.html`), `format`, else the `Accept` header, the edition's HTML page, Markdown or CSV in `lang`, rendered from that JSON (ETag: the SHA-256 of the bytes; the same page is served at `/reports/{scope}/{year}/editions/{edition}`). The page and the Markdown name the edition, when it was published and the later edition that supersedes it (or that it is the latest). JSON, CSV and a superseded edition's page never change (`Cache-Control: public, max-age=31536000, immutable`); the latest edition's page and Markdown are `no-cache` (they change once, when superseded). A matching `If-None-Match` gets a 304.",
    parameters: [
      scopePath,
      reportYear,
      editionPath("edition", "The edition number, from 1.", 1),
      { name: "format", in: "query", required: false, description: "json (the default), html, md or csv.", schema: { type: "string", enum: [...EDITION_FORMATS] }, example: "html" },
      { name: "lang", in: "query", required: false, description: "The language of the page, Markdown or CSV. Default: from `Accept-Language`, else zh.", schema: { type: "string", enum: ["zh", "en"] }, example: "zh" },
      { name: "If-None-Match", in: "header", required: false, description: "An ETag served before: 304 when it is this representation's.", schema: { type: "string" }, example: '"9cd3c80b06e679260edc1c0c29ac88e9c01ee75df22fd82f220c264e5d53bc09"' },
    ],
    responses: {
      200: {
        description: "The report as published, or its page, Markdown or CSV.",
        content: {
          [MEDIA_TYPES.json[0]!]: { schema: S.Report },
          [MEDIA_TYPES.html[0]!]: { schema: { type: "string" } },
          [MEDIA_TYPES.md[0]!]: { schema: { type: "string" } },
          [MEDIA_TYPES.csv[0]!]: { schema: { type: "string" } },
        },
        headers: { ETag: { description: "JSON: the report's content hash, quoted; HTML: the SHA-256 of the page's bytes, quoted.", schema: { type: "string" } } },
      },
      304: { description: "`If-None-Match` names this representation's ETag: not sent again." },
      400: error("The year or edition number does not parse, or `format` is not json, html, md or csv.", "bad-request", 'an edition is a number from 1 (see .../editions), not "x"'),
      404: notFound("edition", "YRD 2022 has no edition 3; see .../editions for the list"),
      406: error("The `Accept` header rules out every format; `details` lists them.", "not-acceptable", "none of the report formats matches Accept: image/png; ...", S.ErrorBody, { formats: EDITION_FORMATS }),
    },
  },
  {
    method: "get",
    path: "/reports/{scope}/{year}/editions/{a}/diff/{b}",
    operationId: "diffEditions",
    tag: "Reports",
    summary: "What changed between two editions",
    description:
      "The values and judgements (target met, progress, grade, status) that changed from edition `a` to edition `b`, and the revisions that entered or left. With `Accept: text/html` or `format=html`, a page in `lang` with old and new side by side in each indicator's decimals (also served at `/reports/{scope}/{year}/editions/{a}/diff/{b}`; `.../diff/{b}.json` there for the JSON). `a` may be later than `b` (the page says so); `a` = `b` changes nothing.",
    parameters: [
      scopePath,
      reportYear,
      editionPath("a", "The edition compared from.", 1),
      editionPath("b", "The edition compared to.", 2),
      { name: "format", in: "query", required: false, description: "json (the default) or html.", schema: { type: "string", enum: ["json", "html"] }, example: "html" },
      { name: "lang", in: "query", required: false, description: "The language of the HTML page. Default: from `Accept-Language`, else zh.", schema: { type: "string", enum: ["zh", "en"] }, example: "zh" },
    ],
    responses: {
      200: { description: "The difference, or its page.", content: { [MEDIA_TYPES.json[0]!]: { schema: R.EditionDiff }, [MEDIA_TYPES.html[0]!]: { schema: { type: "string" } } } },
      400: error("The year or an edition number does not parse.", "bad-request", 'an edition is a number from 1 (see .../editions), not "x"'),
      404: notFound("edition", "YRD 2022 has no edition 3; see .../editions for the list"),
    },
  },

  // ---------------------------------------------------------------------------------------------- Exports
  {
    method: "get",
    path: "/export/sdmx.csv",
    operationId: "exportSdmx",
    tag: "Exports",
    summary: "Current values as SDMX-CSV",
    description:
      "The current value of every matching cell as SDMX-CSV 1.0, one row per value: `DATAFLOW, REF_AREA, INDICATOR, TIME_PERIOD, OBS_VALUE, UNIT_MEASURE, OBS_STATUS` (indicator ids upper-cased with `.` as `_`; `OBS_STATUS` A for final, P for provisional). Each filter takes one value or a comma-separated list.",
    parameters: [
      { ...indicatorPath, in: "query", required: false, description: "Indicator id(s), comma-separated." },
      { ...regionPath, in: "query", required: false, description: "Region or group code(s), comma-separated." },
      { ...yearPath, in: "query", required: false, description: "Year(s), comma-separated.", schema: { type: "string" }, example: "2022,2023" },
      asOfQuery,
    ],
    responses: {
      200: {
        description: "The values (as an attachment, `tijian-sdmx.csv`).",
        content: {
          [SDMX_CSV_TYPE]: {
            schema: { type: "string" },
            example:
              "DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS\nTIJIAN:DF_PLAN_MONITORING(1.0),320500,BEAUTY_GROWTH,2023,82.28,INDEX_0_100,A\n",
          },
        },
      },
      400: badYear,
      404: notFound("indicator or region", 'no indicator has id "beauty.nope"; see GET /api/v1/indicators'),
    },
  },
  {
    method: "get",
    path: "/audit",
    operationId: "listAudit",
    tag: "Audit",
    summary: "The audit log",
    description:
      "Every change, oldest first: values written (JSON, PUT, imports, calculator commits), years locked and unlocked, tokens created and revoked, each with who (token id, agency, role; `local-cli` for the command line), what (the action, up to 100 target ids, how many things changed, details) and when. An entry is written in the same transaction as its change. The log cannot be changed: there is no route for it, and the database refuses updates and deletes. Page with `after` set to the previous page's `next`.",
    parameters: [
      { name: "after", in: "query", required: false, description: "Only entries after this `seq` (the previous page's `next`).", schema: { type: "integer", minimum: 0 }, example: 100 },
      { name: "limit", in: "query", required: false, description: "At most this many entries (default 100).", schema: { type: "integer", minimum: 1, maximum: 1000, default: 100 }, example: 100 },
      { name: "action", in: "query", required: false, description: "Only this action.", schema: { type: "string", enum: [...AUDIT_ACTIONS] }, example: "year.lock" },
      { name: "agency", in: "query", required: false, description: "Only entries by this agency.", schema: { type: "string" }, example: "suzhou-stats" },
      { name: "token", in: "query", required: false, description: "Only entries by this token id.", schema: { type: "string" }, example: "0f3a9c2b7d1e4a56" },
    ],
    responses: {
      200: ok("A page of entries, oldest first; `next` is the `after` of the next page, or null on the last.", AuditPage, {
        entries: [
          {
            seq: 1,
            at: "2025-03-01T00:00:00.000Z",
            action: "observations.write",
            actor: { tokenId: "0f3a9c2b7d1e4a56", agency: "suzhou-stats", role: "agency" },
            targets: ["beauty.growth/320500/2023/r1"],
            count: 1,
            details: { unchanged: 0 },
          },
        ],
        next: null,
      }),
      400: error("`after`, `limit` or `action` is not valid.", "bad-request", 'limit must be a whole number from 1 to 1000, not "0"'),
    },
  },
]
