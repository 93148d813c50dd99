/**
 * The authentication middleware: reads `Authorization: Bearer <token>`, checks it, and sets the principal.
 * No header: anonymous (routes decide). A header with a bad, revoked or expired token: 401 at once.
 */
import type { MiddlewareHandler } from "hono"
import { Unauthorized } from "../errors.js"
import type { AppEnv, Deps } from "../http.js"
import { runOrThrow } from "../runtime.js"
import { TokenStore } from "./TokenStore.js"
import { Effect } from "effect"

const messages = {
  malformed: "the bearer token is malformed; tokens look like tj_<16 hex>_<43 characters>",
  unknown: "the bearer token is not known (wrong or deleted); ask an admin for a new one",
  revoked: "the bearer token was revoked; ask an admin for a new one",
  expired: "the bearer token has expired; ask an admin for a new one",
} as const

/** Sets `principal` from the Authorization header. */
export const authenticate =
  (deps: Deps): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const header = c.req.header("authorization")
    if (header === undefined) {
      c.set("principal", undefined)
      return next()
    }
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header)
    if (!m) throw new Unauthorized({ message: "the Authorization header must be `Bearer <token>`" })
    const result = await runOrThrow(
      deps.runtime,
      Effect.flatMap(TokenStore, (s) => s.authenticate(m[1]!, deps.now().toISOString())),
    )
    if (typeof result === "string") throw new Unauthorized({ message: messages[result] })
    c.set("principal", result)
    return next()
  }
