/**
 * The server's own tables, beside core's (same database, separate migrations).
 */
import type { Generated } from "kysely"

/** An API token. Only a SHA-256 of its secret is stored; the token itself is shown once, at creation. */
export interface TokenTable {
  readonly id: string
  readonly secret_sha256: string
  readonly role: string
  /** Who the token speaks for; recorded as the agency of every value it writes. */
  readonly agency: string
  /** The region code whose subtree the token may write (agency tokens), or null. */
  readonly region: string | null
  /** JSON array of plugin ids the token may write, or null for all. */
  readonly plugins: string | null
  readonly created_at: string
  readonly expires_at: string | null
  readonly revoked_at: string | null
}

/**
 * One entry of the audit log: who (token id, agency, role), did what (action, target ids, a count, details as
 * JSON), when. Rows are only ever inserted: the database refuses UPDATE, DELETE and TRUNCATE (migration
 * 0002), and no code path of the server issues them.
 */
export interface AuditLogTable {
  /** Assigned by the database (autoincrement / identity): the order entries were committed in. */
  readonly seq: Generated<number>
  readonly at: string
  readonly action: string
  /** The token that acted, or null for the local CLI. */
  readonly actor_token_id: string | null
  readonly actor_agency: string
  readonly actor_role: string | null
  /** JSON array of the ids acted on (revision ids, `year/2023`, token ids), at most `AUDIT_TARGETS_MAX`. */
  readonly targets: string
  /** How many things the action changed (revisions stored, tokens created, ...). */
  readonly count: number
  /** JSON object: what else is worth knowing (reason of a lock, rows left unchanged, scope of a token). */
  readonly details: string
}

/**
 * A region's boundary: a GeoJSON MultiPolygon's coordinates (WGS84 lon/lat) as registered, and simplified for
 * display, both as JSON text. One row per region code; a new PUT replaces it.
 */
export interface RegionBoundaryTable {
  readonly code: string
  readonly geometry: string
  readonly display: string
  readonly vertices: number
  readonly display_vertices: number
  readonly updated_at: string
  /** The agency of the token that registered it. */
  readonly updated_by: string
}

/** An agency's display names (the id, as tokens carry it, is shown where none is given). One row per agency. */
export interface AgencyNameTable {
  readonly agency: string
  readonly name_zh: string | null
  readonly name_en: string | null
  readonly updated_at: string
  /** The agency of the token (or `cli`) that set them. */
  readonly updated_by: string
}

/** The server's tables. */
export interface ServerSchema {
  readonly api_tokens: TokenTable
  readonly audit_log: AuditLogTable
  readonly region_boundaries: RegionBoundaryTable
  readonly agency_names: AgencyNameTable
}
