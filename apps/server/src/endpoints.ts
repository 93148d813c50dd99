/**
 * Every endpoint of the API under `/api/v1`, in the order the docs show them: the one list the app mounts
 * (`app.ts`), the access table reads (`auth/access.ts`) and the OpenAPI document is made from
 * (`openapi/document.ts`).
 */
import type { AnyEndpoint } from "./endpoint/Endpoint.js"
import { listAgencies, putAgencyNames } from "./routes/agencies.js"
import { getApproval, getWorklist, listApprovals, takeApprovalAction } from "./routes/approvals.js"
import { listAuditEntries } from "./routes/audit.js"
import { listBreakdowns } from "./routes/breakdowns.js"
import { deleteBoundary, getBoundary, putBoundary } from "./routes/boundaries.js"
import { listCalculators, runCalculator } from "./routes/calculators.js"
import { getCalculatorRun, listCalculatorRuns } from "./routes/calculatorRuns.js"
import { getComposite, listComposites } from "./routes/composites.js"
import { diffEditions, getEdition, listEditions, publishReport } from "./routes/editions.js"
import { exportObservationsParquet, exportSdmx } from "./routes/exports.js"
import { importObservations } from "./routes/imports.js"
import { getOverview } from "./routes/indicatorOverview.js"
import { getObservation, getObservationHistory, listObservations, putObservation, registerObservations } from "./routes/observations.js"
import { getIndicator, getRegion, listIndicators, listRegions, listTargets } from "./routes/reference.js"
import { compareMembers, getReport } from "./routes/reports.js"
import { systemEndpoints } from "./routes/system.js"
import { getTemplate } from "./routes/templates.js"
import { getValidation } from "./routes/validation.js"
import { getYear, listLockedYears, lockYear, unlockYear } from "./routes/years.js"

/** Every endpoint. */
export const ENDPOINTS: ReadonlyArray<AnyEndpoint> = [
  ...systemEndpoints,
  // reference data
  listIndicators,
  getIndicator,
  listRegions,
  getRegion,
  putBoundary,
  getBoundary,
  deleteBoundary,
  listAgencies,
  putAgencyNames,
  listTargets,
  // observations
  registerObservations,
  listObservations,
  getObservation,
  putObservation,
  getObservationHistory,
  listBreakdowns,
  // imports
  importObservations,
  getTemplate,
  // calculators
  listCalculators,
  runCalculator,
  listCalculatorRuns,
  getCalculatorRun,
  // approvals
  takeApprovalAction,
  listApprovals,
  getApproval,
  getWorklist,
  // years
  lockYear,
  unlockYear,
  listLockedYears,
  getYear,
  // reports and editions
  getReport,
  compareMembers,
  getOverview,
  listComposites,
  getComposite,
  getValidation,
  publishReport,
  listEditions,
  getEdition,
  diffEditions,
  // exports, audit
  exportSdmx,
  exportObservationsParquet,
  listAuditEntries,
]
