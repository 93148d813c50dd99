/**
 * templates routes (being built).
 */
import { Hono } from "hono"
import type { AppEnv, Deps } from "../http.js"

/** The templates routes. */
export const templatesRoutes = (_deps: Deps) => new Hono<AppEnv>()
