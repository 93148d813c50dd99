/**
 * pages routes (being built).
 */
import { Hono } from "hono"
import type { AppEnv, Deps } from "../http.js"

/** The pages routes. */
export const pagesRoutes = (_deps: Deps) => new Hono<AppEnv>()
