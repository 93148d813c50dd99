/**
 * calculators routes (being built).
 */
import { Hono } from "hono"
import type { AppEnv, Deps } from "../http.js"

/** The calculators routes. */
export const calculatorsRoutes = (_deps: Deps) => new Hono<AppEnv>()
