/**
 * The server's own tables, beside core's (same database, separate migrations).
 */

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

/** The server's tables. */
export interface ServerSchema {
  readonly api_tokens: TokenTable
}
