/**
 * The indicator ids migration 0007 retires, each with the id of the plugin that owns the figure now. Kept apart from
 * the migration (which needs Kysely) so that checking a value, in the plugin entry too, loads no database code;
 * released with the migration, it never changes: a later retirement gets its own list.
 */
export const RETIRED_INDICATORS: ReadonlyArray<{ readonly retired: string; readonly owner: string }> = [
  { retired: "beauty.good-air-days-share", owner: "ecology.good-air-days-share" },
  { retired: "beauty.surface-water-good-share", owner: "ecology.surface-water-good-share" },
  { retired: "demo-zone.forest-coverage", owner: "ecology.forest-coverage" },
  { retired: "beauty.forest-coverage", owner: "ecology.forest-coverage" },
]
