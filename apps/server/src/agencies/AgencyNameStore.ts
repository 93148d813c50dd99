/**
 * Agencies' display names in the server's database: a Chinese and an English name per agency id (the id tokens
 * carry, e.g. `suzhou-bureau`). Reports show the name in the page's language and the id where none is given.
 * Setting names records an audit entry in the same transaction.
 */
import type { Database, StorageError } from "@tijian/core"
import type { AgencyNames } from "@tijian/report"
import { Context, Effect, Layer } from "effect"
import { type AuditActor, insertAudit } from "../audit/AuditLog.js"
import type { AgencyNameTable } from "../storage/serverSchema.js"
import { query, serverDatabase } from "../storage/serverStore.js"

/** An agency's names as stored. */
export interface StoredAgencyNames extends AgencyNames {
  readonly agency: string
  readonly updatedAt: string
  readonly updatedBy: string
}

/** The agency name store's operations; `now` is an ISO time. */
export interface AgencyNameStoreService {
  /**
   * Sets the names of `agency` (a name left undefined keeps the stored one; null or blank clears it); `created` is false
   * when the agency had names.
   */
  readonly set: (
    agency: string,
    names: { readonly zh?: string | null | undefined; readonly en?: string | null | undefined },
    now: string,
    by: AuditActor,
  ) => Effect.Effect<{ readonly names: StoredAgencyNames; readonly created: boolean }, StorageError>
  /** Every agency with names, by id. */
  readonly list: () => Effect.Effect<ReadonlyArray<StoredAgencyNames>, StorageError>
  /** The names of every agency that has some, for rendering. */
  readonly names: () => Effect.Effect<ReadonlyMap<string, AgencyNames>, StorageError>
  /** How many times this process has set names (0 at start): part of the key of cached pages that show them. */
  readonly version: () => number
}

/** The longest agency id and name kept, in characters. */
export const AGENCY_LIMITS = { id: 120, name: 200 } as const

/**
 * What is wrong with names to set for `agency`, or undefined: the id must be 1 to 120 characters without spaces,
 * a name at most 200 characters of text.
 *
 * @example
 * agencyNamesProblem("suzhou-bureau", { zh: "苏州市统计局", en: "Suzhou Statistics Bureau" }) // undefined
 */
export const agencyNamesProblem = (agency: string, names: Readonly<Record<"zh" | "en", unknown>>): string | undefined => {
  if (!/^\S{1,120}$/.test(agency)) return `the agency id must be 1 to ${AGENCY_LIMITS.id} characters without spaces, as tokens carry it (e.g. suzhou-bureau)`
  for (const lang of ["zh", "en"] as const) {
    const name = names[lang]
    if (name === undefined || name === null) continue
    if (typeof name !== "string") return `${lang} must be text (or null to clear it)`
    if (name.length > AGENCY_LIMITS.name) return `${lang} is ${name.length} characters long, over the ${AGENCY_LIMITS.name} kept`
  }
  if (names.zh === undefined && names.en === undefined) return "give a name in zh or en (or both)"
  return undefined
}

/** The agency name store service tag. */
export class AgencyNameStore extends Context.Tag("@tijian/server/AgencyNameStore")<AgencyNameStore, AgencyNameStoreService>() {}

/** A name as kept: trimmed; blank or null clears it. */
const cleared = (name: string | null): string | null => (name === null || name.trim() === "" ? null : name.trim())

const stored = (r: AgencyNameTable): StoredAgencyNames => ({
  agency: r.agency,
  zh: r.name_zh,
  en: r.name_en,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
})

/** Makes the store over the database, migrating the server's tables first. */
export const make = Effect.gen(function* () {
  const db = yield* serverDatabase
  let version = 0

  const set: AgencyNameStoreService["set"] = (agency, names, now, by) =>
    query("store agency names", () =>
      db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom("agency_names").selectAll().where("agency", "=", agency).executeTakeFirst()
        const row: AgencyNameTable = {
          agency,
          name_zh: names.zh === undefined ? (before?.name_zh ?? null) : cleared(names.zh),
          name_en: names.en === undefined ? (before?.name_en ?? null) : cleared(names.en),
          updated_at: now,
          updated_by: by.agency,
        }
        if (before) await trx.deleteFrom("agency_names").where("agency", "=", agency).execute()
        await trx.insertInto("agency_names").values(row).execute()
        await insertAudit(trx, {
          at: now,
          action: "agency.names",
          actor: by,
          targets: [`agency/${agency}`],
          count: 1,
          details: { zh: row.name_zh, en: row.name_en },
        })
        return { names: stored(row), created: before === undefined }
      }),
    ).pipe(Effect.tap(() => void version++))

  const list: AgencyNameStoreService["list"] = () =>
    query("read agency names", async () => (await db.selectFrom("agency_names").selectAll().orderBy("agency").execute()).map(stored))

  const names: AgencyNameStoreService["names"] = () =>
    query("read agency names", async () => {
      const rows = await db.selectFrom("agency_names").select(["agency", "name_zh", "name_en"]).execute()
      return new Map(rows.map((r) => [r.agency, { zh: r.name_zh, en: r.name_en }]))
    })

  return { set, list, names, version: () => version } satisfies AgencyNameStoreService
})

/** The agency name store over whichever `Database` is provided. */
export const layer: Layer.Layer<AgencyNameStore, StorageError, Database.Database> = Layer.effect(AgencyNameStore, make)
