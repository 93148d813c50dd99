/**
 * Indicator ids retired because another plugin owns the figure, with the id that replaced each (from the migrations
 * that moved their values), so a value sent under an old id is refused naming the one to use.
 */
import { RETIRED_INDICATORS } from "../migrations/0007_one_owner_per_figure.js"

const owners = new Map(RETIRED_INDICATORS.map((r) => [r.retired, r.owner]))

/** The id that replaced a retired indicator id, or undefined when `id` was never retired. */
export const replacementOf = (id: string): string | undefined => owners.get(id)
