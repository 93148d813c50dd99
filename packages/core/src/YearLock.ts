/**
 * Year locks: a published year takes no new revision until an admin unlocks it. Every lock and unlock is
 * recorded (who, when, why) and stays readable.
 */

/** One lock or unlock of a year. */
export interface YearLockEvent {
  readonly year: number
  readonly seq: number
  readonly action: "lock" | "unlock"
  readonly actor: string
  readonly reason: string
  /** ISO-8601 UTC. */
  readonly at: string
}

/** Whether a year is locked, and its full lock history, oldest first. */
export interface YearLockState {
  readonly year: number
  readonly locked: boolean
  readonly events: ReadonlyArray<YearLockEvent>
}

/** Who locks or unlocks, why, and when (passed in). */
export interface LockRequest {
  readonly actor: string
  readonly reason: string
  readonly at: string
}
