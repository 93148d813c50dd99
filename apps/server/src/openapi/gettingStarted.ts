/**
 * The "Getting started" section of the docs page: a token from an admin, one value by JSON, a CSV import, a
 * revision with If-Match, and reading the history. The examples are the document's own.
 */
import { API_BASE, type OpenApiDocument } from "./document.js"
import { escapeHtml, jsonBlock, prose, shellBlock } from "./markup.js"
import { XLSX } from "./table.js"

const CSV_HEADER = "indicator,region,year,value,source"

/** The JSON example of an operation's request body, if it has one. */
const requestExample = (doc: OpenApiDocument, path: string, method: "post" | "put"): unknown =>
  doc.paths[path]?.[method]?.requestBody?.content["application/json"]?.example

/** Renders the section. `origin` is the server as the reader reached it (e.g. `http://127.0.0.1:8787`). */
export const gettingStarted = (doc: OpenApiDocument, origin: string): string => {
  const body = requestExample(doc, "/observations", "post") ?? { observations: [] }
  const revision = requestExample(doc, "/observations/{indicator}/{region}/{year}", "put") ?? {}
  const rows = (body as { observations?: ReadonlyArray<Record<string, unknown>> }).observations ?? []
  const first = rows[0] ?? { indicator: "beauty.growth", region: "320500", year: 2023 }
  const cell = `${String(first.indicator)}/${String(first.region)}/${String(first.year)}`
  const csv = [CSV_HEADER, ...rows.map((r) => CSV_HEADER.split(",").map((k) => String(r[k] ?? "")).join(","))]

  const step = (title: string, text: string, content: string) => `<h3>${escapeHtml(title)}</h3>\n<p>${prose(text)}</p>\n${content}`
  return [
    `<section id="getting-started" class="intro">`,
    `<h2>Getting started <span class="zh">快速上手</span></h2>`,
    `<p>${prose(doc.info.description)}</p>`,
    step(
      "1. Get a token",
      "An admin creates a token for your agency, limited to your region (and the regions within it). It is shown once; the server stores only its hash. Keep it secret and send it as `Authorization: Bearer tj_...`.",
      shellBlock(["# run by an admin, on the server", "pnpm tijian tokens create --role agency --agency <label> --region 320500"]),
    ),
    step(
      "2. Register a value (JSON)",
      "Send a batch of rows; it is stored all or nothing. The answer lists the new revisions with their ETags; sending the same rows again changes nothing.",
      shellBlock([
        `TIJIAN=${origin}${API_BASE}`,
        "TOKEN=tj_...   # your token",
        `curl -X POST "$TIJIAN/observations" \\`,
        `  -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \\`,
        `  -d '${JSON.stringify(body, null, 2)}'`,
      ]),
    ),
    step(
      "3. Import a CSV file (or an Excel workbook)",
      "The header row names the columns; every invalid row is reported at once with its row number (422) and nothing is stored. The Excel template of a region and year (`GET /templates/{region}/{year}.xlsx`) comes pre-filled with the current values and revisions: fill it in and send it back.",
      `${shellBlock([
        `cat > values.csv <<'EOF'`,
        ...csv,
        "EOF",
        `curl -X POST "$TIJIAN/observations/import" \\`,
        `  -H "Authorization: Bearer $TOKEN" -H "Content-Type: text/csv" --data-binary @values.csv`,
        "",
        `curl -o template.xlsx -H "Authorization: Bearer $TOKEN" "$TIJIAN/templates/${String(first.region)}/${String(first.year)}.xlsx"`,
        `curl -X POST "$TIJIAN/observations/import" -H "Authorization: Bearer $TOKEN" \\`,
        `  -H "Content-Type: ${XLSX}" --data-binary @template.xlsx`,
      ])}`,
    ),
    step(
      "4. Revise a value",
      "Read the value's ETag, then send the new value with `If-Match`. Without it the server answers 428; if someone revised the value in between, 409. Nothing is overwritten: each change is a new revision.",
      shellBlock([
        `curl -i "$TIJIAN/observations/${cell}"   # ETag: "1"`,
        `curl -X PUT "$TIJIAN/observations/${cell}" \\`,
        `  -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" -H 'If-Match: "1"' \\`,
        `  -d '${JSON.stringify(revision)}'`,
      ]),
    ),
    step(
      "5. Read the history",
      "Every revision of a value, oldest first: who sent which value when, from which source. Reports and value lists can be read as of any earlier time with `asOf`.",
      shellBlock([`curl "$TIJIAN/observations/${cell}/history"`, `curl "$TIJIAN/reports/YRD/2022?asOf=2025-01-01T00:00:00Z"`]),
    ),
    `<h3>Errors</h3>`,
    `<p>${prose("Every error has the same body; `code` is stable, `message` says what to fix, `details` (where documented) lists every offending row.")}</p>`,
    jsonBlock({ error: { code: "invalid-observations", message: "1 problem(s) in 1 row(s); nothing was stored", details: [{ index: 0, field: "value", message: "182 is outside the valid range 0..100 of beauty.growth (index 0-100)" }] } }),
    `</section>`,
  ].join("\n")
}
