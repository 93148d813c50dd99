/**
 * Who is making a request: an authenticated token (role, agency, region scope, plugins) or nobody.
 */

/**
 * Roles: agencies write and submit their own regions' data; approvers approve or return the submissions of the
 * regions below their own (a province its cities, a group's committee its members); reviewers read; admins do
 * everything (tokens, locks, any approval).
 */
export type Role = "agency" | "approver" | "reviewer" | "admin"

/** The roles, for validation and help texts. */
export const ROLES: ReadonlyArray<Role> = ["agency", "approver", "reviewer", "admin"]

/** An authenticated caller. */
export interface Principal {
  readonly tokenId: string
  readonly role: Role
  readonly agency: string
  /** The region code whose subtree an agency token writes, or the region or group below which an approver approves; null for reviewer and admin tokens. */
  readonly region: string | null
  /** Plugin ids the token may write, or null for all. */
  readonly plugins: ReadonlyArray<string> | null
}

/**
 * A role with its article, for messages: "an agency token", "a reviewer token", "an admin token".
 *
 * @example
 * aRole("admin") // "an admin"
 */
export const aRole = (role: Role): string => `${/^[aeiou]/.test(role) ? "an" : "a"} ${role}`
