/**
 * Sealing a report: its `provenance.contentHash`, the SHA-256 of its JSON with an empty hash, which identifies the
 * report's content (an edition's ETag, the hash printed in its provenance).
 */
import { jsonSha256 } from "./internal/jsonSha256.js"
import type { Provenance, Report } from "./Report.js"

/** `provenance` without its `contentHash`, copied without reading it (a sealed report computes it when first read). */
const unhashedProvenance = (provenance: Provenance): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(provenance)) if (key !== "contentHash") out[key] = provenance[key as keyof Provenance]
  return out
}

/**
 * Fills in `provenance.contentHash`: SHA-256 of the JSON with an empty hash (the bytes of `reportJson`, hashed
 * piece by piece without building the text). The hash is computed when first read (serving the report, storing an
 * edition, printing its provenance) and kept, so a report evaluated only for its figures (the national overview
 * reads one indicator of every county) costs no hash; a report is never changed after it is sealed, so the hash
 * is the same whenever it is read. It stays an ordinary enumerable property to `JSON.stringify`, spreads and
 * equality, in the same place (last in `provenance`).
 */
export const sealReport = (report: Report): Report => {
  const unsealed: Report = { ...report, provenance: { ...(unhashedProvenance(report.provenance) as Omit<Provenance, "contentHash">), contentHash: "" } }
  let contentHash: string | undefined
  const provenance = unhashedProvenance(report.provenance)
  Object.defineProperty(provenance, "contentHash", { enumerable: true, get: () => (contentHash ??= jsonSha256(unsealed)) })
  return { ...report, provenance: provenance as unknown as Provenance }
}

/** `report` as of another time (the same figures, read later), sealed anew. */
export const restampReport = (report: Report, asOf: string): Report =>
  report.provenance.asOf === asOf
    ? report
    : sealReport({ ...report, provenance: { ...(unhashedProvenance(report.provenance) as Omit<Provenance, "contentHash">), asOf, contentHash: "" } })
