/**
 * Plain-text tables for the terminal, with Chinese characters counted as two columns wide.
 */

/** How many terminal columns a text takes: CJK and full-width characters take two. */
export const displayWidth = (text: string): number => {
  let width = 0
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x20000 && code <= 0x3fffd)
    width += wide ? 2 : 1
  }
  return width
}

const pad = (text: string, width: number, right: boolean) => {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)))
  return right ? fill + text : text + fill
}

/**
 * Formats rows under a header, columns separated by two spaces; columns listed in `alignRight` (e.g. numbers)
 * are right-aligned. Ends with a newline.
 *
 * @example
 * formatTable(["id", "role"], [["3f2a", "admin"]])
 * // "id    role\n----  -----\n3f2a  admin\n"
 */
export const formatTable = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>, alignRight: ReadonlyArray<number> = []): string => {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ""))))
  const line = (cells: ReadonlyArray<string>) => cells.map((c, i) => pad(c, widths[i] ?? 0, alignRight.includes(i))).join("  ").trimEnd()
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n") + "\n"
}
