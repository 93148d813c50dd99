/**
 * Who may call each route, in one table: every (method, path) the app serves has one rule — an endpoint's is
 * declared on the endpoint (`endpoints.ts`), a page's here — and one middleware (`enforceAccess`) applies it
 * before any handler runs. A route missing from the table
 * is refused to every caller (fail closed); a test checks that every route the app registers is in it. The
 * OpenAPI document states each operation's security from the same table.
 *
 * Rules:
 * - `public`: served without reading a token at all (health, readiness, the OpenAPI document, the docs page);
 * - `read`: open to anyone, unless the setting `readsNeedToken` is on: then any valid token (401 without one);
 * - `agency`: writes, an agency token (the handler checks its region subtree and plugins) or an admin token;
 * - `approval`: approval actions, an agency, approver or admin token (the handler checks which action, where);
 * - `admin`: an admin token.
 *
 * Outside `public`, a token that is sent must be valid (401 otherwise), and requests count against the rate limit.
 */
import type { Context, MiddlewareHandler } from "hono"
import { matchedRoutes } from "hono/route"
import { Forbidden } from "../errors.js"
import { type AppEnv, type Deps, requirePrincipal, requireRole } from "../http.js"
import { honoPathOf } from "../endpoint/Endpoint.js"
import { ENDPOINTS } from "../endpoints.js"
import { type AccessRule, ROLES_OF_RULE } from "./AccessRule.js"
import { authenticate } from "./authenticate.js"

export type { AccessRule } from "./AccessRule.js"

/** The HTTP methods the app routes (HEAD is answered by the GET route). */
export type RouteMethod = "GET" | "POST" | "PUT" | "DELETE"

/** One row of the access table: a route as the app registers it (Hono pattern, full path) and its rule. */
export interface RouteAccess {
  readonly method: RouteMethod
  readonly path: string
  readonly rule: AccessRule
}

const page = (path: string): RouteAccess => ({ method: "GET", path, rule: "read" })

/** The pages for people (outside the API, so not endpoints): each a read. */
const PAGES: ReadonlyArray<RouteAccess> = [
  page("/"),
  page("/reports/:scope/:year"),
  page("/reports/:scope/:year/overview"),
  page("/reports/:scope/:year/editions"),
  page("/reports/:scope/:year/editions.json"),
  page("/reports/:scope/:year/editions.html"),
  page("/reports/:scope/:year/editions/:edition"),
  page("/reports/:scope/:year/editions/:a/diff/:b"),
  page("/embed/:scope/:year/:indicator"),
  // the agency's page and its script (no data: the script calls the API with the user's token)
  { method: "GET", path: "/agency", rule: "public" },
  { method: "GET", path: "/agency.js", rule: "public" },
  // request counts, latency, import rows, evaluation time (Prometheus)
  page("/metrics"),
]

/** Every route the app serves and who may call it: each endpoint's own rule (`endpoints.ts`), then the pages. */
export const routeAccess = (): ReadonlyArray<RouteAccess> => [
  ...ENDPOINTS.map((e) => ({ method: e.method.toUpperCase() as RouteMethod, path: `/api/v1${honoPathOf(e)}`, rule: e.access })),
  ...PAGES,
]

/** A path with every parameter segment (`:code`, `{code}`, `{year}.xlsx`) as `:`, so Hono and OpenAPI paths compare. */
const shapeOf = (path: string) =>
  path
    .split("/")
    .map((segment) => (segment.includes(":") || segment.includes("{") ? ":" : segment))
    .join("/")

// built on first use: the endpoint modules import this module's callers, so the list is complete only then
let byRoute: ReadonlyMap<string, AccessRule> | undefined

/**
 * The rule of a route, given as registered (`/api/v1/years/:year`) or as the OpenAPI document writes it
 * (`/api/v1/years/{year}`); undefined when the table does not declare it.
 *
 * @example
 * accessRuleOf("GET", "/api/v1/years/{year}") // "read"
 */
export const accessRuleOf = (method: string, path: string): AccessRule | undefined =>
  (byRoute ??= new Map(routeAccess().map((r) => [`${r.method} ${shapeOf(r.path)}`, r.rule]))).get(`${method.toUpperCase()} ${shapeOf(path)}`)

/** Refuses the caller unless `rule` admits it: 401 without a (required) token, 403 for a token of the wrong role. */
const admit = (c: Context<AppEnv>, rule: AccessRule, deps: Deps) => {
  if (rule === "read" && deps.settings.readsNeedToken) requirePrincipal(c)
  if (rule === "agency" || rule === "approval" || rule === "admin") requireRole(c, ROLES_OF_RULE[rule])
}

/**
 * The access middleware, in front of every route: finds the route the request will reach and applies its rule.
 * `public` routes are served at once; every other request is authenticated (`authenticate`), then admitted or
 * refused. A route the table does not declare is refused (401 without a token, 403 with one). A request that
 * reaches no route is a `read` (its 404 reveals nothing, and it is a 401 when reads need a token).
 */
export const enforceAccess = (deps: Deps): MiddlewareHandler<AppEnv> => {
  const authenticated = authenticate(deps)
  return async (c, next) => {
    // the app registers middleware with `use` (method ALL) and handlers with get/post/put/delete only
    const route = matchedRoutes(c).find((r) => r.method !== "ALL")
    const rule = route === undefined ? "read" : accessRuleOf(route.method, route.path)
    if (rule === "public") return next()
    return authenticated(c, async () => {
      if (rule === undefined) {
        requirePrincipal(c)
        throw new Forbidden({ message: `${route!.method} ${route!.path} is not in the server's access table, so it is refused; report this to the administrator` })
      }
      admit(c, rule, deps)
      await next()
    })
  }
}
