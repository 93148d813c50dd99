/**
 * A worker thread of the stop-to-stop matrix benchmark: receives the timetable once (structured clone), then for
 * each batch of origins runs one-to-all RAPTOR queries and replies with checksums (pairs reached, total minutes).
 */
import { parentPort, workerData } from "node:worker_threads"
import { RaptorSearch } from "../src/raptor/RaptorSearch.js"
import type { Timetable } from "../src/raptor/Timetable.js"
import { matrixRows } from "./matrixRows.js"

const { timetable, maxTrips } = workerData as { timetable: Timetable; maxTrips: number }
const search = new RaptorSearch(timetable, { maxTrips })

parentPort!.on("message", (job: { readonly origins: Int32Array; readonly departureS: number }) => {
  parentPort!.postMessage(matrixRows(search, job.origins, job.departureS))
})
