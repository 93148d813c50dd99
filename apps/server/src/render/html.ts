/**
 * The one way rendered HTML is built: `h`, hono's `html` tagged template (every interpolated string is
 * escaped; arrays are joined; `null`, `undefined` and booleans render nothing), checked to be synchronous.
 * Fragments built with `h` nest without being escaped twice. `raw` is for markup this module set builds
 * itself (never for data).
 */
import { html, raw } from "hono/html"
import type { HtmlEscapedString } from "hono/utils/html"

/** Escaped HTML. */
export type Html = HtmlEscapedString

/**
 * Builds escaped HTML.
 *
 * @example
 * h`<p>${"<script>"}</p>`.toString() // "<p>&lt;script&gt;</p>"
 */
export const h = (strings: TemplateStringsArray, ...values: ReadonlyArray<unknown>): Html => {
  const out = html(strings, ...values)
  if (out instanceof Promise) throw new Error("h: a fragment rendered asynchronously; only synchronous fragments are allowed")
  return out
}

/** Markup built by this module set, inserted as is. Never pass data through here. */
export const trusted = (markup: string): Html => raw(markup)

/** A string safe as an HTML id / fragment (letters, digits, `-`, `_`, `.`), from an indicator id or code. */
export const anchorId = (prefix: string, s: string): string => `${prefix}-${s.replace(/[^A-Za-z0-9_.-]/g, "_")}`
