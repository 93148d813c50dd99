/**
 * Region boundaries in the server's database: one MultiPolygon per region code as registered, with its
 * simplification for display made once, when it is stored. Putting and deleting each record an audit entry
 * in the same transaction.
 */
import type { Database, StorageError } from "@tijian/core"
import { DISPLAY_TOLERANCE_DEGREES, type MultiPolygonCoordinates, countVertices, simplifyMultiPolygon } from "@tijian/report"
import { Context, Effect, Layer } from "effect"
import { type AuditActor, insertAudit } from "../audit/AuditLog.js"
import type { RegionBoundaryTable } from "../storage/serverSchema.js"
import { query, serverDatabase } from "../storage/serverStore.js"

/** A stored boundary. */
export interface StoredBoundary {
  readonly code: string
  readonly polygons: MultiPolygonCoordinates
  /** The polygons simplified for display (Douglas-Peucker, `DISPLAY_TOLERANCE_DEGREES`). */
  readonly display: MultiPolygonCoordinates
  readonly vertices: number
  readonly displayVertices: number
  readonly updatedAt: string
  readonly updatedBy: string
}

/** The boundary store's operations; `now` is an ISO time. */
export interface BoundaryStoreService {
  /** Stores (or replaces) the boundary of `code`; `created` is false when one was replaced. */
  readonly put: (
    code: string,
    polygons: MultiPolygonCoordinates,
    now: string,
    by: AuditActor,
  ) => Effect.Effect<{ readonly boundary: StoredBoundary; readonly created: boolean }, StorageError>
  readonly get: (code: string) => Effect.Effect<StoredBoundary | undefined, StorageError>
  /** The display geometries of those of `codes` that have a boundary. */
  readonly displayOf: (codes: ReadonlyArray<string>) => Effect.Effect<ReadonlyMap<string, MultiPolygonCoordinates>, StorageError>
  /** Removes the boundary; false when there was none (nothing is recorded then). */
  readonly remove: (code: string, now: string, by: AuditActor) => Effect.Effect<boolean, StorageError>
}

/** The boundary store service tag. */
export class BoundaryStore extends Context.Tag("@tijian/server/BoundaryStore")<BoundaryStore, BoundaryStoreService>() {}

const stored = (r: RegionBoundaryTable): StoredBoundary => ({
  code: r.code,
  polygons: JSON.parse(r.geometry) as MultiPolygonCoordinates,
  display: JSON.parse(r.display) as MultiPolygonCoordinates,
  vertices: Number(r.vertices),
  displayVertices: Number(r.display_vertices),
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
})

/** Makes the store over the database, migrating the server's tables first. */
export const make = Effect.gen(function* () {
  const db = yield* serverDatabase

  const put: BoundaryStoreService["put"] = (code, polygons, now, by) =>
    query("store boundary", () => {
      const display = simplifyMultiPolygon(polygons, DISPLAY_TOLERANCE_DEGREES)
      const row: RegionBoundaryTable = {
        code,
        geometry: JSON.stringify(polygons),
        display: JSON.stringify(display),
        vertices: countVertices(polygons),
        display_vertices: countVertices(display),
        updated_at: now,
        updated_by: by.agency,
      }
      return db.transaction().execute(async (trx) => {
        const removed = await trx.deleteFrom("region_boundaries").where("code", "=", code).executeTakeFirst()
        await trx.insertInto("region_boundaries").values(row).execute()
        const created = Number(removed.numDeletedRows) === 0
        await insertAudit(trx, {
          at: now,
          action: "boundary.put",
          actor: by,
          targets: [`boundary/${code}`],
          count: 1,
          details: { vertices: row.vertices, displayVertices: row.display_vertices, replaced: !created },
        })
        return { boundary: stored(row), created }
      })
    })

  const get: BoundaryStoreService["get"] = (code) =>
    query("read boundary", async () => {
      const r = await db.selectFrom("region_boundaries").selectAll().where("code", "=", code).executeTakeFirst()
      return r ? stored(r) : undefined
    })

  const displayOf: BoundaryStoreService["displayOf"] = (codes) =>
    codes.length === 0
      ? Effect.succeed(new Map())
      : query("read boundaries", async () => {
          const rows = await db.selectFrom("region_boundaries").select(["code", "display"]).where("code", "in", [...codes]).execute()
          return new Map(rows.map((r) => [r.code, JSON.parse(r.display) as MultiPolygonCoordinates]))
        })

  const remove: BoundaryStoreService["remove"] = (code, now, by) =>
    query("delete boundary", () =>
      db.transaction().execute(async (trx) => {
        const r = await trx.deleteFrom("region_boundaries").where("code", "=", code).executeTakeFirst()
        const removed = Number(r.numDeletedRows) > 0
        if (removed) await insertAudit(trx, { at: now, action: "boundary.delete", actor: by, targets: [`boundary/${code}`], count: 1 })
        return removed
      }),
    )

  return { put, get, displayOf, remove } satisfies BoundaryStoreService
})

/** The boundary store over whichever `Database` is provided. */
export const layer: Layer.Layer<BoundaryStore, StorageError, Database.Database> = Layer.effect(BoundaryStore, make)
