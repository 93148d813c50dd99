/**
 * A count per progress status, every status at 0: what the report's summary and the overview's counts start from.
 */
import type { ProgressStatus } from "../Progress.js"

/** Every progress status counted 0. */
export const noProgress = (): Record<ProgressStatus, number> => ({
  "target-achieved": 0,
  substantial: 0,
  moderate: 0,
  limited: 0,
  deterioration: 0,
  "insufficient-data": 0,
})
