/**
 * imports routes (being built).
 */
import { Hono } from "hono"
import type { AppEnv, Deps } from "../http.js"

/** The imports routes. */
export const importsRoutes = (_deps: Deps) => new Hono<AppEnv>()
