/**
 * Composite endpoints: the composites plugins declare, and one composite's ranking of a group's members (or a
 * region's children) in a year — composites, ranks, 5th-95th percentile rank intervals and the Sobol' indices of
 * the method choices (core's `Engine.composite`), the numbers a group report's section shows.
 */
import { Engine, Registry } from "@tijian/core"
import { Effect, Schema } from "effect"
import { defineEndpoint } from "../endpoint/Endpoint.js"
import { AsOfParam, IndicatorParam, optional, ScopeParam, YearParam } from "../endpoint/parameters.js"
import * as C from "../openapi/compositeSchemas.js"
import { notFound } from "../openapi/examples.js"
import { badYear, error, ok } from "../openapi/table.js"
import { runOrThrow } from "../runtime.js"

export const listComposites = defineEndpoint({
  method: "get",
  path: "/composites",
  operationId: "listComposites",
  tag: "Reports",
  access: "read",
  summary: "Declared composites",
  description: "Every composite a registered plugin declares, with its input weights and aggregation: the indicators `GET /composites/{indicator}/{scope}/{year}` ranks members by.",
  responses: { 200: ok("The composites.", C.CompositeList) },
  handle: async ({ deps, reply }) => {
    const registry = await runOrThrow(deps.runtime, Registry.Registry)
    return reply(200, {
      composites: registry.composites.map(({ plugin, composite }) => ({
        indicator: composite.indicator,
        plugin: plugin.id,
        name: registry.indicator(composite.indicator)!.name,
        method: composite.method,
        weights: Object.fromEntries(Object.entries(composite.weights).filter((e): e is [string, number] => e[1] !== undefined)),
      })),
    })
  },
})

export const getComposite = defineEndpoint({
  method: "get",
  path: "/composites/{indicator}/{scope}/{year}",
  operationId: "getComposite",
  tag: "Reports",
  access: "read",
  summary: "A composite's ranking of a scope's members",
  description:
    "Ranks the members of a group (or the children of a region, e.g. YRD's provinces) by a declared composite of their values in the year: each member's composite and rank under the declared weights and method, its median rank and 5th-95th percentile rank interval over runs that vary the weights (COINr's noise), the aggregation, the normalisation and the imputation, and first-order and total Sobol' indices of those choices for its rank. Seeded: the same data give the same answer. See docs/methods.md, \"Uncertainty over method choices\".",
  params: Schema.Struct({
    indicator: IndicatorParam.annotations({ examples: ["beauty.composite"] }),
    scope: ScopeParam.annotations({ description: "A group code (e.g. YRD-CENTRAL-27) or a region with children (e.g. YRD).", examples: ["YRD-CENTRAL-27"] }),
    year: YearParam(undefined, 2022),
  }),
  query: Schema.Struct({ asOf: optional(AsOfParam) }),
  responses: {
    200: ok("The ranking.", C.CompositeRanking),
    400: badYear,
    404: notFound("composite or scope", '"beauty.growth" is not a declared composite; the composites are beauty.composite (GET /api/v1/composites)'),
    422: error(
      "Too few members have the inputs to rank (fewer than two), or the scope has no members.",
      "composite-not-computable",
      "composite uncertainty: ranking needs two units with the inputs; 0 of 27 have them",
    ),
  },
  handle: async ({ deps, params, query, reply }) =>
    reply(200, await runOrThrow(deps.runtime, Effect.flatMap(Engine.Engine, (e) => e.composite({ ...params, asOf: query.asOf })))),
})
