import type { Kysely } from "kysely"

/**
 * Sources and notes in Chinese and English beside the plain `source` and `note`: four nullable columns. Existing
 * revisions keep their plain text, which stays the fallback of both languages.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  // one column per statement: SQLite's ALTER TABLE adds one at a time
  for (const column of ["source_zh", "source_en", "note_zh", "note_en"]) {
    await db.schema.alterTable("observations").addColumn(column, "text").execute()
  }
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  for (const column of ["source_zh", "source_en", "note_zh", "note_en"]) {
    await db.schema.alterTable("observations").dropColumn(column).execute()
  }
}
