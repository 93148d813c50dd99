/**
 * docs routes (being built).
 */
import { Hono } from "hono"
import type { AppEnv, Deps } from "../http.js"

/** The docs routes. */
export const docsRoutes = (_deps: Deps) => new Hono<AppEnv>()
