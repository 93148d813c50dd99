/**
 * Mounting endpoint objects on the app: each becomes one Hono route that decodes its path and query parameters
 * (a 400 for the first that does not decode), then calls the handler with `reply`, which encodes a JSON answer
 * through the Schema its status declares.
 */
import { Schema } from "effect"
import type { Hono } from "hono"
import type { AppEnv, Deps } from "../http.js"
import { type AnyEndpoint, asStatus, honoPathOf, type JsonResponse } from "./Endpoint.js"
import { decodeParams } from "./parameters.js"

const NO_PARAMS = {}

/** Registers `endpoints` on `api` (the app under `/api/v1`). */
export const mountEndpoints = (api: Hono<AppEnv>, endpoints: ReadonlyArray<AnyEndpoint>, deps: Deps): void => {
  for (const endpoint of endpoints) {
    const encoders = new Map<number, (value: unknown) => unknown>()
    for (const [status, response] of Object.entries(endpoint.responses)) {
      const schema = (response as Partial<JsonResponse>).schema
      if (schema !== undefined) encoders.set(Number(status), Schema.encodeSync(schema as Schema.Schema<unknown, unknown>))
    }
    api.on(endpoint.method.toUpperCase(), honoPathOf(endpoint), (c) =>
      endpoint.handle({
        c,
        deps,
        params: endpoint.params ? decodeParams(endpoint.params, c.req.param() as Record<string, string>) : NO_PARAMS,
        query: endpoint.query ? decodeParams(endpoint.query, c.req.query()) : NO_PARAMS,
        reply: (status: number, value: unknown, headers?: Readonly<Record<string, string>>) => {
          const encode = encoders.get(status)
          if (encode === undefined) throw new Error(`${endpoint.operationId} does not declare a JSON answer with status ${status}`)
          return c.json(encode(value) as object, asStatus(status), headers)
        },
      }),
    )
  }
}
