/**
 * Small HTML helpers for the docs page: every interpolated text goes through `escapeHtml`.
 */

const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }

/**
 * Escapes text for HTML content and attribute values.
 *
 * @example
 * escapeHtml(`<a href="x">`) // "&lt;a href=&quot;x&quot;&gt;"
 */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)

/** Escaped text whose `backquoted` spans become `<code>`. */
export const prose = (text: string): string => escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>")

/** An id usable in an anchor: letters, digits, `-` and `_` only. */
export const anchor = (prefix: string, name: string): string => `${prefix}-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`

/** Pretty JSON in a `<pre>`, escaped, with `$ref`s to components linked to their section. */
export const jsonBlock = (value: unknown): string => {
  const escaped = escapeHtml(JSON.stringify(value, null, 2) ?? "null")
  const linked = escaped.replace(
    /&quot;#\/components\/schemas\/([A-Za-z0-9_-]+)&quot;/g,
    (_m, name: string) => `&quot;<a href="#${anchor("schema", name)}">#/components/schemas/${name}</a>&quot;`,
  )
  return `<pre class="json">${linked}</pre>`
}

/** A shell snippet in a `<pre>`, escaped. */
export const shellBlock = (lines: ReadonlyArray<string>): string => `<pre class="shell">${escapeHtml(lines.join("\n"))}</pre>`
