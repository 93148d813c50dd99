/**
 * Who may call a route (see `access.ts`): `public` (no token read), `read` (anyone, or any valid token when reads
 * need one), `agency` (an agency or admin token), `approval` (an agency, approver or admin token: the handler
 * checks which action each may take, and where), `admin` (an admin token).
 */
export type AccessRule = "public" | "read" | "agency" | "approval" | "admin"

/** The roles a rule admits (every role for `read`: with `readsNeedToken`, any valid token). */
export const ROLES_OF_RULE: { readonly [R in AccessRule]: ReadonlyArray<"agency" | "approver" | "reviewer" | "admin"> } = {
  public: ["agency", "approver", "reviewer", "admin"],
  read: ["agency", "approver", "reviewer", "admin"],
  agency: ["agency", "admin"],
  approval: ["agency", "approver", "admin"],
  admin: ["admin"],
}
