/**
 * The API reference page, rendered on the server from the OpenAPI document: a table of contents by tag, each
 * operation with its parameters, request body (schema and example) and responses, then the named schemas.
 * One self-contained HTML file: inline CSS, no script, no external asset, so it works offline.
 */
import { API_BASE, type OpenApiDocument, type OpenApiMedia, type OpenApiOperation, type OpenApiParameter, type OpenApiResponse } from "./document.js"
import { gettingStarted } from "./gettingStarted.js"
import { anchor, escapeHtml, jsonBlock, prose } from "./markup.js"
import type { JsonSchema } from "./jsonSchema.js"
import type { Method } from "./table.js"
import { STYLE } from "./style.js"

/** The reason phrase of each status the API uses. */
const STATUS_TEXT: Readonly<Record<string, string>> = {
  "200": "OK",
  "201": "Created",
  "204": "No Content",
  "400": "Bad Request",
  "401": "Unauthorized",
  "403": "Forbidden",
  "404": "Not Found",
  "409": "Conflict",
  "413": "Content Too Large",
  "406": "Not Acceptable",
  "415": "Unsupported Media Type",
  "422": "Unprocessable Content",
  "428": "Precondition Required",
  "500": "Internal Server Error",
}

const METHODS: ReadonlyArray<Method> = ["get", "post", "put", "delete"]

interface Entry {
  readonly path: string
  readonly method: Method
  readonly operation: OpenApiOperation
}

const entries = (doc: OpenApiDocument): ReadonlyArray<Entry> =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method]
      return operation ? [{ path, method, operation }] : []
    }),
  )

/** A short label of a schema: a link to a named schema, `array of ...`, or its type. */
const schemaLabel = (schema: JsonSchema): string => {
  const ref = schema.$ref
  if (typeof ref === "string") {
    const name = ref.split("/").at(-1) ?? ref
    return `<a href="#${anchor("schema", name)}">${escapeHtml(name)}</a>`
  }
  if (schema.type === "array" && typeof schema.items === "object" && schema.items !== null) return `array of ${schemaLabel(schema.items as JsonSchema)}`
  if (schema.format === "binary") return "file (binary)"
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => `<code>${escapeHtml(JSON.stringify(v))}</code>`).join(" | ")
  return escapeHtml(typeof schema.type === "string" ? schema.type : "object")
}

const signature = (method: Method, path: string) =>
  `<span class="method ${method}">${method.toUpperCase()}</span> <code class="path">${escapeHtml(API_BASE + path)}</code>`

const authLine = (operation: OpenApiOperation): string => {
  const roles = operation["x-roles"]
  const security = operation.security
  if (!security) return "No token (served before authentication)."
  const optional = security.some((requirement) => Object.keys(requirement).length === 0)
  if (optional) return "No token needed (a token of any role once the server sets <code>readsNeedToken</code>); a token that is sent must be valid."
  return `Bearer token required${roles ? `: ${roles.map((r) => `<code>${escapeHtml(r)}</code>`).join(" or ")}` : ""}.`
}

const parametersTable = (parameters: ReadonlyArray<OpenApiParameter>): string => {
  const rows = parameters.map(
    (p) =>
      `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${schemaLabel(p.schema)}</td>` +
      `<td>${p.required ? "yes" : "no"}</td><td>${prose(p.description)}</td><td><code>${escapeHtml(String(p.example))}</code></td></tr>`,
  )
  return `<h4>Parameters</h4>\n<table><thead><tr><th>Name</th><th>In</th><th>Type</th><th>Required</th><th>Description</th><th>Example</th></tr></thead>\n<tbody>${rows.join("\n")}</tbody></table>`
}

const mediaBlock = (type: string, media: OpenApiMedia, open: boolean): string => {
  const example = media.example === undefined ? "" : typeof media.example === "string" ? `<pre class="json">${escapeHtml(media.example)}</pre>` : jsonBlock(media.example)
  return [
    `<div class="media"><p class="media-type"><code>${escapeHtml(type)}</code> ${schemaLabel(media.schema)}</p>`,
    `<div class="${open ? "pair" : "stack"}">`,
    `<details${open ? " open" : ""}><summary>Schema</summary>${jsonBlock(media.schema)}</details>`,
    example ? `<details${open ? " open" : ""}><summary>Example</summary>${example}</details>` : "",
    `</div></div>`,
  ].join("\n")
}

const requestBlock = (operation: OpenApiOperation): string => {
  const body = operation.requestBody
  if (!body) return ""
  const media = Object.entries(body.content).map(([type, m]) => mediaBlock(type, m, true))
  return `<h4>Request body</h4>\n<p>${prose(body.description)}</p>\n${media.join("\n")}`
}

const responseRow = (status: string, response: OpenApiResponse): string => {
  const headers = Object.entries(response.headers ?? {}).map(
    ([name, h]) => `<p class="header">Header <code>${escapeHtml(name)}</code>: ${prose(h.description)}</p>`,
  )
  const media = Object.entries(response.content ?? {}).map(([type, m]) => mediaBlock(type, m, false))
  const kind = status.startsWith("2") ? "success" : "failure"
  return (
    `<tr><td class="status ${kind}">${escapeHtml(status)}</td><td>${escapeHtml(STATUS_TEXT[status] ?? "")}</td>` +
    `<td><p>${prose(response.description)}</p>${headers.join("")}${media.join("")}</td></tr>`
  )
}

const operationBlock = ({ path, method, operation }: Entry): string =>
  [
    `<article class="operation" id="${anchor("op", operation.operationId)}">`,
    `<h3>${signature(method, path)}</h3>`,
    `<p class="summary">${prose(operation.summary)}</p>`,
    `<p>${prose(operation.description)}</p>`,
    `<p class="auth">${authLine(operation)}</p>`,
    operation.parameters && operation.parameters.length > 0 ? parametersTable(operation.parameters) : "",
    requestBlock(operation),
    `<h4>Responses</h4>`,
    `<table class="responses"><thead><tr><th>Status</th><th>Meaning</th><th>When, and the body</th></tr></thead><tbody>`,
    ...Object.entries(operation.responses).map(([status, r]) => responseRow(status, r)),
    `</tbody></table>`,
    `</article>`,
  ].join("\n")

const tableOfContents = (doc: OpenApiDocument, all: ReadonlyArray<Entry>): string => {
  const tags = doc.tags.map((tag) => {
    const items = all
      .filter((e) => e.operation.tags.includes(tag.name))
      .map(
        (e) =>
          `<li><a href="#${anchor("op", e.operation.operationId)}"><span class="method ${e.method}">${e.method.toUpperCase()}</span> <span class="toc-path">${escapeHtml(e.path)}</span></a></li>`,
      )
    return `<li><a href="#${anchor("tag", tag.name)}">${escapeHtml(tag.name)}</a><ul>${items.join("")}</ul></li>`
  })
  return [
    `<nav><h2>Contents <span class="zh">目录</span></h2><ul>`,
    `<li><a href="#getting-started">Getting started</a></li>`,
    ...tags,
    `<li><a href="#schemas">Schemas</a></li>`,
    `<li><a href="openapi.json">openapi.json</a></li>`,
    `</ul></nav>`,
  ].join("\n")
}

const schemasSection = (doc: OpenApiDocument): string =>
  [
    `<section id="schemas"><h2>Schemas</h2>`,
    ...Object.entries(doc.components.schemas).map(
      ([name, schema]) =>
        `<article class="schema" id="${anchor("schema", name)}"><h3>${escapeHtml(name)}</h3>` +
        (typeof schema.description === "string" ? `<p>${prose(schema.description)}</p>` : "") +
        `${jsonBlock(schema)}</article>`,
    ),
    `</section>`,
  ].join("\n")

/**
 * Renders the page. `origin` is the server as the reader reached it (used in the curl examples).
 *
 * @example
 * renderDocsPage(makeOpenApiDocument(settings), "http://127.0.0.1:8787") // "<!doctype html>..."
 */
export const renderDocsPage = (doc: OpenApiDocument, origin: string): string => {
  const all = entries(doc)
  const sections = doc.tags.map((tag) =>
    [
      `<section class="tag" id="${anchor("tag", tag.name)}"><h2>${escapeHtml(tag.name)}</h2><p>${prose(tag.description)}</p>`,
      ...all.filter((e) => e.operation.tags.includes(tag.name)).map(operationBlock),
      `</section>`,
    ].join("\n"),
  )
  const bearer = doc.components.securitySchemes.bearer
  return [
    `<!doctype html>`,
    `<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>tijian 体检 API 参考 · API reference</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<header><h1>tijian 体检 <span class="zh">API 参考</span> · API reference</h1>`,
    `<p>${prose(doc.info.summary)} Version ${escapeHtml(doc.info.version)}; every path below is under <code>${escapeHtml(origin + API_BASE)}</code>.</p>`,
    bearer ? `<p class="auth">${prose(bearer.description)}</p>` : "",
    `</header>`,
    `<div class="layout">`,
    tableOfContents(doc, all),
    `<main>`,
    gettingStarted(doc, origin),
    ...sections,
    schemasSection(doc),
    `</main></div></body></html>`,
  ].join("\n")
}
