/**
 * `GET /metrics`: request counts by route pattern and status, latency histograms, rows stored by imports and live
 * report evaluation time, in the Prometheus text format, counted from requests made here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { BACKENDS } from "./backends.js"
import { type Harness, makeHarness } from "./reliability/harness.js"

/** The value of one sample line (`name{labels} value`), or undefined. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

describe("GET /metrics", () => {
  let h: Harness
  beforeAll(async () => {
    h = await makeHarness(BACKENDS[0]!)
  })
  afterAll(() => h.dispose())

  it("counts requests by route pattern and status, rows imported, and times evaluations", async () => {
    expect((await h.call("GET", "/api/v1/reports/YRD/2022")).status).toBe(200)
    expect((await h.call("GET", "/api/v1/reports/DEMO-ZONE/2025")).status).toBe(200)
    expect((await h.call("GET", "/api/v1/no-such-thing")).status).toBe(404)
    const csv = "indicator,region,year,value,source\necology.redline-area-km2,320509,2019,12.5,s\necology.redline-area-km2,320509,2020,12.6,s\necology.redline-area-km2,320509,2021,12.7,s\n"
    const imported = await h.call("POST", "/api/v1/observations/import", { token: "admin", body: csv, headers: { "content-type": "text/csv" } })
    expect(imported.status).toBe(201)

    const res = await h.call("GET", "/metrics")
    expect([res.status, res.headers.get("content-type")]).toEqual([200, "text/plain; version=0.0.4; charset=utf-8"])
    const text = res.text
    expect(sample(text, 'tijian_http_requests_total{method="GET",route="/api/v1/reports/:scope/:year",status="200"}')).toBe(2)
    expect(sample(text, 'tijian_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1)
    expect(sample(text, 'tijian_http_requests_total{method="POST",route="/api/v1/observations/import",status="201"}')).toBe(1)
    expect(sample(text, 'tijian_http_request_duration_seconds_count{method="GET",route="/api/v1/reports/:scope/:year",status="200"}')).toBe(2)
    expect(sample(text, 'tijian_import_rows_stored_total{format="csv"}')).toBe(3)
    expect(sample(text, "tijian_report_evaluation_seconds_count")).toBe(2)
    // the raw path never becomes a label
    expect(text).not.toContain("/api/v1/reports/YRD/2022")
  })
})
