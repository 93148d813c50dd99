/** Markdown text and tables for the report's Markdown renderings (report, edition, data quality). */

/**
 * Escapes text for Markdown: backslash-escapes the characters that start emphasis, links, code and table
 * cells; writes `<`, `>` and `&` as entities (no raw HTML); folds line breaks into spaces.
 *
 * @example
 * mdText("<script>alert(1)</script> *x* | y") // "&lt;script&gt;alert(1)&lt;/script&gt; \\*x\\* \\| y"
 */
export const mdText = (s: string): string =>
  s
    .replace(/[\\`*_[\]|#~]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\s*[\r\n]+\s*/g, " ")

/** A Markdown table of cells already escaped with `mdText`; `numeric` columns align right. */
export const mdTable = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>, numeric: ReadonlyArray<number> = []): string => {
  const align = header.map((_, i) => (numeric.includes(i) ? "---:" : "---"))
  return [header, align, ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n")
}
