import { describe, expect, it } from "vitest"
import { unnestInsertText } from "../src/internal/insertThroughUnnest.js"

const COLUMNS =
  '"indicator", "region", "year", "breakdown", "revision", "value", "agency", "submitted_at", "source", "note", "status", "source_zh", "source_en", "note_zh", "note_en"'

describe("the PostgreSQL bulk insert's statement", () => {
  it("unnests one array per column that varies and binds one value per shared column: 15 parameters whatever the row count", () => {
    // an import's usual chunk: indicator, region, year and value vary; the stamp, agency, source, status and empty notes are shared
    const varying = new Set([0, 1, 2, 5])
    expect(unnestInsertText(Array.from({ length: 15 }, (_, i) => !varying.has(i)))).toBe(
      `insert into "observations" (${COLUMNS}) select "t"."c0", "t"."c1", "t"."c2", $4::text, $5::int4, "t"."c5", $7::text, $8::text, $9::text, ` +
        `$10::text, $11::text, $12::text, $13::text, $14::text, $15::text from unnest($1::text[], $2::text[], $3::int4[], $6::float8[]) as "t"("c0", "c1", "c2", "c5")`,
    )
  })

  it("keeps the indicator an array even when every column is shared (one row), so the statement inserts that many rows", () => {
    expect(unnestInsertText(Array.from({ length: 15 }, () => true))).toMatch(/select "t"\."c0", \$2::text, .* from unnest\(\$1::text\[\]\) as "t"\("c0"\)$/)
  })
})
