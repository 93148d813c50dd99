/**
 * Who may call a route (see `access.ts`): `public` (no token read), `read` (anyone, or any valid token when reads
 * need one), `agency` (an agency or admin token), `admin` (an admin token).
 */
export type AccessRule = "public" | "read" | "agency" | "admin"
