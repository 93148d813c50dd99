/**
 * What every route module receives: the runtime, the clock, the settings; and the Hono environment with the
 * caller's principal.
 */
import type { Context } from "hono"
import type { Principal, Role } from "./auth/Principal.js"
import { Forbidden, Unauthorized } from "./errors.js"
import type { AppRuntime } from "./runtime.js"

/** Settings that change how the API behaves. */
export interface ApiSettings {
  /** Require a token for reads (reports, observations) too. Default false: reads are public. */
  readonly readsNeedToken: boolean
  /** Largest request body accepted, in bytes (imports, calculator inputs). Default 200 MiB. */
  readonly maxBodyBytes: number
}

/** Dependencies of the route modules. */
export interface Deps {
  readonly runtime: AppRuntime
  readonly now: () => Date
  readonly settings: ApiSettings
}

/** The Hono environment: the authenticated principal, if any. */
export interface AppEnv {
  Variables: { principal: Principal | undefined }
}

/** The caller's principal, or a 401 when there is none. */
export const requirePrincipal = (c: Context<AppEnv>): Principal => {
  const principal = c.get("principal")
  if (!principal) {
    throw new Unauthorized({ message: "this needs a token: send Authorization: Bearer <token> (an admin creates one with `pnpm tijian tokens create`)" })
  }
  return principal
}

/** The caller's principal if its role is one of `roles`; else 401 (no token) or 403 (wrong role). */
export const requireRole = (c: Context<AppEnv>, roles: ReadonlyArray<Role>): Principal => {
  const principal = requirePrincipal(c)
  if (!roles.includes(principal.role)) {
    throw new Forbidden({ message: `a ${principal.role} token may not do this; it needs a ${roles.join(" or ")} token` })
  }
  return principal
}
