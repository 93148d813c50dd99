/**
 * The tags of the API reference: groups of endpoints, in the order the docs show them.
 */

/** A tag's name. */
export type Tag = (typeof TAGS)[number]["name"]

/** The tags, in the order the docs show them. */
export const TAGS = [
  { name: "System", description: "Health, readiness, this reference and its OpenAPI document. Served before authentication." },
  { name: "Reference", description: "Indicators, regions and groups, targets: what is measured, where, and what the plans ask." },
  { name: "Observations", description: "Register values, read current values (as of any time), revise one value with If-Match, read its history." },
  { name: "Imports", description: "Values from CSV or Excel files, all or nothing, with errors by spreadsheet row; the Excel template to fill in." },
  { name: "Calculators", description: "Plugin calculators that turn a dataset (a GTFS feed, population points, redlines) into values." },
  { name: "Audit", description: "The append-only record of every change: who, what, when (admin)." },
  { name: "Approvals", description: "Data sets (one plugin's values for a region and year) submitted by their agency and approved level by level; approved data are read-only." },
  { name: "Years", description: "Locking a published year against new revisions (admin), and the lock history." },
  { name: "Reports", description: "The annual physical examination (体检) of a region or group, its published editions, and the comparison of a group's members." },
  { name: "Exports", description: "Current values for statistical offices (SDMX-CSV)." },
] as const
