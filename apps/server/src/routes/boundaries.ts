/**
 * Region boundary routes: `PUT /regions/{code}/boundary` (admin) stores a GeoJSON Polygon or MultiPolygon (or a
 * Feature or FeatureCollection of them) in WGS84 lon/lat, validated (422 naming each bad ring or position) and
 * simplified for display; `GET` returns it as a GeoJSON Feature (`?display=true`: the simplified geometry);
 * `DELETE` (admin) removes it. Group overviews draw members' boundaries as a map.
 */
import { Effect } from "effect"
import { type Context, Hono } from "hono"
import { actorOf } from "../audit/AuditLog.js"
import { BoundaryStore, type StoredBoundary } from "../boundaries/BoundaryStore.js"
import { parseBoundary } from "../boundaries/parseBoundary.js"
import { BadRequest, InvalidBoundary, UnsupportedMediaType } from "../errors.js"
import { type AppEnv, type Deps, requirePrincipal } from "../http.js"
import { readBodyBytes } from "../import/requestBody.js"
import { runOrThrow } from "../runtime.js"
import { NotFound, Registry } from "@tijian/core"

/** The largest boundary body accepted (or the server's body limit, if lower): 20 MiB. */
export const MAX_BOUNDARY_BYTES = 20 * 1024 * 1024

const featureOf = (b: StoredBoundary, display: boolean) => ({
  type: "Feature" as const,
  id: b.code,
  properties: { code: b.code, vertices: b.vertices, displayVertices: b.displayVertices, updatedAt: b.updatedAt, updatedBy: b.updatedBy },
  geometry: { type: "MultiPolygon" as const, coordinates: display ? b.display : b.polygons },
})

/** The region a path names (a group has no boundary of its own: its members do). */
const regionOf = async (deps: Deps, code: string) => {
  const registry = await runOrThrow(deps.runtime, Registry.Registry)
  if (registry.regions.get(code)) return code
  if (registry.regions.group(code)) {
    throw new BadRequest({ message: `${code} is a group, not a region; register the boundary of each member instead (${registry.regions.group(code)!.members.join(", ")})` })
  }
  throw new NotFound({ reason: "region", message: `no region ${code} (see GET /api/v1/regions)` })
}

const readJson = async (c: Context<AppEnv>, deps: Deps): Promise<string> => {
  const type = (c.req.header("content-type") ?? "").toLowerCase()
  if (!/^application\/(geo\+)?json\b/.test(type)) {
    throw new UnsupportedMediaType({ message: `send GeoJSON with Content-Type: application/geo+json or application/json (got "${type || "none"}")` })
  }
  return new TextDecoder().decode(await readBodyBytes(c.req.raw, Math.min(deps.settings.maxBodyBytes, MAX_BOUNDARY_BYTES)))
}

/** The boundary routes. */
export const boundaryRoutes = (deps: Deps) => {
  const api = new Hono<AppEnv>()

  api.put("/regions/:code/boundary", async (c) => {
    const principal = requirePrincipal(c)
    const code = await regionOf(deps, c.req.param("code"))
    const parsed = parseBoundary(await readJson(c, deps))
    if ("problems" in parsed) {
      throw new InvalidBoundary({
        message: `the boundary of ${code} cannot be used: ${parsed.problems.map((p) => `${p.where} ${p.message}`).join("; ")}; nothing was stored`,
        problems: parsed.problems,
      })
    }
    const { boundary, created } = await runOrThrow(
      deps.runtime,
      Effect.flatMap(BoundaryStore, (s) => s.put(code, parsed.polygons, deps.now().toISOString(), actorOf(principal))),
    )
    return c.json(featureOf(boundary, true), created ? 201 : 200)
  })

  api.get("/regions/:code/boundary", async (c) => {
    const code = await regionOf(deps, c.req.param("code"))
    const display = c.req.query("display")
    if (display !== undefined && display !== "true" && display !== "false") {
      throw new BadRequest({ message: `display must be true or false, not "${display}"` })
    }
    const boundary = await runOrThrow(deps.runtime, Effect.flatMap(BoundaryStore, (s) => s.get(code)))
    if (!boundary) throw new NotFound({ reason: "region", message: `region ${code} has no boundary yet; an admin registers one with PUT /api/v1/regions/${code}/boundary` })
    return c.json(featureOf(boundary, display === "true"))
  })

  api.delete("/regions/:code/boundary", async (c) => {
    const principal = requirePrincipal(c)
    const code = await regionOf(deps, c.req.param("code"))
    const removed = await runOrThrow(deps.runtime, Effect.flatMap(BoundaryStore, (s) => s.remove(code, deps.now().toISOString(), actorOf(principal))))
    if (!removed) throw new NotFound({ reason: "region", message: `region ${code} has no boundary to delete` })
    return c.body(null, 204)
  })

  return api
}
