/**
 * The one way rendered HTML is built: `h`, a tagged template that escapes every interpolated string (arrays are
 * joined; `null`, `undefined` and booleans render nothing). Fragments built with `h` nest without being escaped
 * twice. `trusted` is for markup this package builds itself (never for data).
 */

/** Escaped HTML: a fragment whose text is safe to insert into a page as is. */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup
  }
}

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }

/** Text escaped for HTML content and quoted attribute values. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!)

const append = (out: Array<string>, value: unknown): void => {
  if (value === null || value === undefined || typeof value === "boolean") return
  if (value instanceof Html) out.push(value.markup)
  else if (Array.isArray(value)) for (const v of value) append(out, v)
  else out.push(escapeHtml(String(value)))
}

/**
 * Builds escaped HTML.
 *
 * @example
 * h`<p>${"<script>"}</p>`.toString() // "<p>&lt;script&gt;</p>"
 */
export const h = (strings: TemplateStringsArray, ...values: ReadonlyArray<unknown>): Html => {
  const out: Array<string> = [strings[0]!]
  for (let i = 0; i < values.length; i++) {
    append(out, values[i])
    out.push(strings[i + 1]!)
  }
  return new Html(out.join(""))
}

/** Markup built by this package, inserted as is. Never pass data through here. */
export const trusted = (markup: string): Html => new Html(markup)

/** A string safe as an HTML id / fragment (letters, digits, `-`, `_`, `.`), from an indicator id or code. */
export const anchorId = (prefix: string, s: string): string => `${prefix}-${s.replace(/[^A-Za-z0-9_.-]/g, "_")}`
