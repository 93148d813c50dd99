/**
 * A read-only instance (`readOnly`: over a PostgreSQL read replica, or a SQLite copy) answers every request that
 * could write — any method but GET, HEAD and OPTIONS — with 503 `read-only` before reading its body or its token,
 * naming the primary when `primaryUrl` is configured. Without it, a write would reach the database and fail there
 * as a 500 (the replica refuses it), after its body was read for nothing.
 */
import type { MiddlewareHandler } from "hono"
import { ReadOnlyInstance } from "./errors.js"

const READS = new Set(["GET", "HEAD", "OPTIONS"])

/**
 * Middleware refusing writes on a read-only instance; does nothing when `readOnly` is false.
 *
 * @example
 * app.use("*", refuseWrites({ readOnly: true, primaryUrl: "https://tijian.example.gov.cn" }))
 * // POST /api/v1/observations -> 503 {"error":{"code":"read-only","message":"this instance serves reads only ...","details":{"primaryUrl":"https://tijian.example.gov.cn"}}}
 */
export const refuseWrites =
  (settings: { readonly readOnly?: boolean; readonly primaryUrl?: string }): MiddlewareHandler =>
  async (c, next) => {
    if (!settings.readOnly || READS.has(c.req.method)) return next()
    const where = settings.primaryUrl ? `send ${c.req.method} ${c.req.path} to the primary instance at ${settings.primaryUrl}` : "send it to the primary instance (the one that is not read-only)"
    throw new ReadOnlyInstance({
      message: `this instance serves reads only (it runs on a read replica of the database), so it cannot ${c.req.method} ${c.req.path}: ${where}`,
      ...(settings.primaryUrl ? { primaryUrl: settings.primaryUrl } : {}),
    })
  }
