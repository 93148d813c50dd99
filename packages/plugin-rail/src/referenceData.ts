/**
 * Published 2021 origin/terminal shares of high-speed trains (the roundtable "High-quality integration in the YRD:
 * what can planning do", Journal of Urban Planning): Shanghai close to 80%, the provincial capitals about 20%,
 * Suzhou (Jiangsu) about 1%. Kept as reference values beside the shares computed from GTFS.
 */
import type { ReferenceObservation } from "@tijian/core/plugin"

const source = "Roundtable 'High-quality integration in the YRD: what can planning do' (Journal of Urban Planning)"

const share = (region: string, value: number, note: string): ReferenceObservation<"rail.origin-terminal-share"> => ({
  indicator: "rail.origin-terminal-share",
  region,
  year: 2021,
  value,
  source,
  note: `published figure for high-speed rail: ${note}`,
})

/** The published shares, by region code. */
export const publishedOriginTerminalShares: ReadonlyArray<ReferenceObservation<"rail.origin-terminal-share">> = [
  share("310000", 0.8, "Shanghai, close to 80%"),
  share("320100", 0.2, "Nanjing, provincial capital, about 20%"),
  share("330100", 0.2, "Hangzhou, provincial capital, about 20%"),
  share("340100", 0.2, "Hefei, provincial capital, about 20%"),
  share("320500", 0.01, "Suzhou (Jiangsu), only about 1%"),
]
