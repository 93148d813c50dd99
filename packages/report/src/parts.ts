/**
 * Small HTML fragments used across pages: status badges (glyph + label + colour, so they read without
 * colour) and tables that scroll sideways on narrow screens while staying reachable by keyboard.
 */
import type { Evaluation, Lang, ProgressStatus } from "@tijian/core"
import { progressGlyphs, progressLabels, rowStatusLabels } from "./labels.js"
import { h, type Html } from "./html.js"

/** A progress status badge: `▼ 进展有限` in the status's colours. */
export const progressBadge = (status: ProgressStatus, lang: Lang): Html =>
  h`<span class="status st-${status}"><span class="glyph" aria-hidden="true">${progressGlyphs[status]}</span>${progressLabels[status][lang]}</span>`

/** A badge for a row without a value (missing) or whose calculation failed (error). */
export const rowStatusBadge = (status: Evaluation["status"], lang: Lang): Html =>
  h`<span class="status st-${status}"><span class="glyph" aria-hidden="true">${status === "error" ? "!" : "–"}</span>${rowStatusLabels[status][lang]}</span>`

/** A table in a horizontally scrollable region, focusable so keyboard users can scroll it. */
export const scrollTable = (label: string, table: Html): Html =>
  h`<div class="scroll" role="region" aria-label="${label}" tabindex="0">${table}</div>`
