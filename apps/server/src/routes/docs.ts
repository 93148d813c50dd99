/**
 * Docs routes: the OpenAPI document and the API reference page rendered from it. Mounted before
 * authentication: no token is read. The document is built once, on first request.
 */
import { Hono } from "hono"
import type { AppEnv, Deps } from "../http.js"
import { makeOpenApiDocument, type OpenApiDocument } from "../openapi/document.js"
import { renderDocsPage } from "../openapi/html.js"

/** Nothing but the page itself and inline styles: no script, no external request. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

/** The docs routes. */
export const docsRoutes = (deps: Deps): Hono<AppEnv> => {
  let document: OpenApiDocument | undefined
  const openApi = () => (document ??= makeOpenApiDocument(deps.settings))
  const api = new Hono<AppEnv>()

  api.get("/openapi.json", (c) => c.json(openApi()))

  api.get("/docs", (c) => {
    c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    return c.html(renderDocsPage(openApi(), new URL(c.req.url).origin))
  })

  return api
}
