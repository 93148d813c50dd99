/**
 * Breakdowns (issue #21): the current values of a cell broken down by the indicator's dimensions (green travel share
 * by mode), each with its codes and their labels. Other observation reads answer totals only.
 */
import { type Dimension, ObservationStore, Registry, type StoredObservation } from "@tijian/core"
import { Effect } from "effect"
import { defineEndpoint } from "../endpoint/Endpoint.js"
import { withBreakdownsInOrder } from "../export/breakdownOrder.js"
import { BreakdownList } from "../openapi/breakdownSchemas.js"
import { notFound } from "../openapi/examples.js"
import { badYear, ok } from "../openapi/table.js"
import { runOrThrow } from "../runtime.js"
import { CurrentValuesQuery, currentQueryOf, knownNames } from "./exports.js"

/** A stored breakdown as JSON: its codes in declaration order, each labelled with the dimension's and the code's names. */
const breakdownJson = (o: StoredObservation, dimensions: ReadonlyArray<Dimension>) => {
  const codes = o.dimensions ?? {}
  return {
    id: o.id,
    indicator: o.indicator,
    region: o.region,
    year: o.year,
    breakdown: o.breakdown ?? "",
    dimensions: codes,
    codes: dimensions.flatMap((d) => {
      const code = d.codes.find((c) => c.code === codes[d.id])
      return code ? [{ dimension: d.id, dimensionName: d.name, code: code.code, name: code.name }] : []
    }),
    value: o.value,
    revision: o.revision,
    agency: o.agency,
    submittedAt: o.submittedAt,
    source: o.source,
    note: o.note,
    status: o.status,
  }
}

const example = {
  id: "mob.green-share/320500/2022/mode=metro/r1",
  indicator: "mob.green-share",
  region: "320500",
  year: 2022,
  breakdown: "mode=metro",
  dimensions: { mode: "metro" },
  codes: [{ dimension: "mode", dimensionName: { zh: "方式", en: "mode" }, code: "metro", name: { zh: "地铁", en: "metro" } }],
  value: 0.3,
  revision: 1,
  agency: "suzhou-transport",
  submittedAt: "2024-03-01T00:00:00.000Z",
  source: "Suzhou travel survey 2022",
  note: null,
  status: "final" as const,
}

export const listBreakdowns = defineEndpoint({
  method: "get",
  path: "/observations/breakdowns",
  operationId: "listBreakdowns",
  tag: "Observations",
  access: "read",
  summary: "Current breakdowns",
  description:
    "The current revision of every breakdown (a value registered with `dimensions`) of the matching cells, with its codes labelled in zh and en; a cell's breakdowns come in the order the indicator declares its dimensions and codes. `GET /observations` and reports read totals only. Each filter takes one value or a comma-separated list; `asOf` reads the breakdowns as they stood at that time.",
  query: CurrentValuesQuery,
  responses: {
    200: ok("The breakdowns.", BreakdownList, { breakdowns: [example] }),
    400: badYear,
    404: notFound("indicator or region", 'no region or group has code "32050"; did you mean "320500"? (regions are identified by GB/T 2260 code, e.g. 320500; see GET /api/v1/regions)'),
  },
  handle: async ({ deps, query: q, reply }) => {
    const [registry, found] = await runOrThrow(
      deps.runtime,
      Effect.gen(function* () {
        const registry = yield* Registry.Registry
        yield* knownNames(registry, { indicators: q.indicator, regions: q.region })
        return [registry, yield* Effect.flatMap(ObservationStore.ObservationStore, (s) => s.breakdowns(currentQueryOf(q)))] as const
      }),
    )
    // each cell's breakdowns in declaration order (metro, bus, bike), as exports and report cards list them
    const ordered = withBreakdownsInOrder([], found, (id) => registry.indicator(id))
    return reply(200, { breakdowns: ordered.map((o) => breakdownJson(o, registry.indicator(o.indicator)?.dimensions ?? [])) })
  },
})
