/**
 * Region boundary endpoints: `PUT /regions/{code}/boundary` (admin) stores a GeoJSON Polygon or MultiPolygon (or a
 * Feature or FeatureCollection of them) in WGS84 lon/lat, validated (422 naming each bad ring or position) and
 * simplified for display; `GET` returns it as a GeoJSON Feature (`?display=true`: the simplified geometry);
 * `DELETE` (admin) removes it. Group overviews draw members' boundaries as a map.
 */
import { Effect, Schema } from "effect"
import type { Context } from "hono"
import { actorOf } from "../audit/AuditLog.js"
import { BoundaryStore, type StoredBoundary } from "../boundaries/BoundaryStore.js"
import { parseBoundary } from "../boundaries/parseBoundary.js"
import { BadRequest, InvalidBoundary, UnsupportedMediaType } from "../errors.js"
import { defineEndpoint } from "../endpoint/Endpoint.js"
import { BooleanParam, optional, RegionParam } from "../endpoint/parameters.js"
import { type AppEnv, type Deps, requirePrincipal } from "../http.js"
import { notFound, tooLarge, unknownScope } from "../openapi/examples.js"
import * as S from "../openapi/schemas.js"
import { error, ok } from "../openapi/table.js"
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

const regionCode = Schema.Struct({ code: RegionParam.annotations({ description: "Region code (a group has no boundary of its own).", examples: ["310118"] }) })
const isGroup = (description: string) =>
  error(description, "bad-request", "DEMO-ZONE is a group, not a region; register the boundary of each member instead (310118, 320509, 330421)")

export const putBoundary = defineEndpoint({
  method: "put",
  path: "/regions/{code}/boundary",
  operationId: "putBoundary",
  tag: "Reference",
  access: "admin",
  summary: "Register a region's boundary",
  description:
    "Stores (or replaces) the boundary of a region: a GeoJSON Polygon or MultiPolygon, or a Feature or FeatureCollection of them, in WGS84 longitude/latitude (RFC 7946). Every ring needs at least four positions and must be closed; at most 100,000 positions and 500 polygons, 20 MiB. It is simplified for display (Douglas-Peucker, 0.0005°) and drawn on the overview map of the groups and parent regions the region belongs to.",
  params: regionCode,
  body: {
    description: "The boundary as GeoJSON.",
    content: {
      "application/geo+json": { schema: { type: "object" }, example: { type: "Polygon", coordinates: [[[120.9, 31.05], [121.05, 31.05], [121.05, 31.2], [120.9, 31.2], [120.9, 31.05]]] } },
      "application/json": { schema: { type: "object" } },
    },
  },
  responses: {
    200: ok("Replaced: the stored boundary, simplified for display.", S.BoundaryFeature),
    201: ok("The region's first boundary, simplified for display.", S.BoundaryFeature),
    400: isGroup("The code names a group, or the body is not JSON text."),
    404: unknownScope,
    413: tooLarge("boundary"),
    415: error("The body is not sent as GeoJSON.", "unsupported-media-type", 'send GeoJSON with Content-Type: application/geo+json or application/json (got "text/plain")'),
    422: error(
      "The GeoJSON cannot be used (not polygons, a ring unclosed or too short, a position out of the WGS84 range, too many positions); nothing was stored. `details` says where.",
      "invalid-boundary",
      "the boundary of 310118 cannot be used: ring 0 is not closed: ...; nothing was stored",
      S.BoundaryProblemsError,
      [{ where: "ring 0", message: "is not closed: its last position [120.9, 31.2] differs from its first [120.9, 31.05]; repeat the first position at the end" }],
    ),
  },
  handle: async ({ c, deps, params, reply }) => {
    const principal = requirePrincipal(c)
    const code = await regionOf(deps, params.code)
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
    return reply(created ? 201 : 200, featureOf(boundary, true))
  },
})

export const getBoundary = defineEndpoint({
  method: "get",
  path: "/regions/{code}/boundary",
  operationId: "getBoundary",
  tag: "Reference",
  access: "read",
  summary: "A region's boundary",
  description: "The registered boundary as a GeoJSON Feature; `?display=true` gives the geometry simplified for display.",
  params: regionCode,
  query: Schema.Struct({ display: optional(BooleanParam("display", "true: the simplified geometry drawn on maps.")) }),
  responses: {
    200: ok("The boundary.", S.BoundaryFeature),
    400: error("The code names a group, or `display` is not true or false.", "bad-request", 'display must be true or false, not "yes"'),
    404: notFound("region or boundary", "region 310118 has no boundary yet; an admin registers one with PUT /api/v1/regions/310118/boundary"),
  },
  handle: async ({ deps, params, query, reply }) => {
    const code = await regionOf(deps, params.code)
    const boundary = await runOrThrow(deps.runtime, Effect.flatMap(BoundaryStore, (s) => s.get(code)))
    if (!boundary) throw new NotFound({ reason: "region", message: `region ${code} has no boundary yet; an admin registers one with PUT /api/v1/regions/${code}/boundary` })
    return reply(200, featureOf(boundary, query.display === true))
  },
})

export const deleteBoundary = defineEndpoint({
  method: "delete",
  path: "/regions/{code}/boundary",
  operationId: "deleteBoundary",
  tag: "Reference",
  access: "admin",
  summary: "Remove a region's boundary",
  description: "Removes the registered boundary; maps then leave the region out (and say so).",
  params: regionCode,
  responses: {
    204: { description: "Removed." },
    400: isGroup("The code names a group."),
    404: notFound("region or boundary", "region 310118 has no boundary to delete"),
  },
  handle: async ({ c, deps, params }) => {
    const principal = requirePrincipal(c)
    const code = await regionOf(deps, params.code)
    const removed = await runOrThrow(deps.runtime, Effect.flatMap(BoundaryStore, (s) => s.remove(code, deps.now().toISOString(), actorOf(principal))))
    if (!removed) throw new NotFound({ reason: "region", message: `region ${code} has no boundary to delete` })
    return c.body(null, 204)
  },
})
