/**
 * exports routes (being built).
 */
import { Hono } from "hono"
import type { AppEnv, Deps } from "../http.js"

/** The exports routes. */
export const exportsRoutes = (_deps: Deps) => new Hono<AppEnv>()
