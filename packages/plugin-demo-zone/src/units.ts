/**
 * Area units of the master plan: cultivated land and farmland are planned in mu (亩), the other land totals in
 * km². 1 mu = 10,000 / 15 m² (about 666.67 m²), so 1 km² = 1,500 mu exactly. Each indicator keeps one declared
 * unit; these convert for display (the report section shows both).
 */

/** Mu in one square kilometre: 1,000,000 m² / (10,000 / 15 m²). */
export const MU_PER_KM2 = 1500

/** Square metres in one mu (10,000 / 15 ≈ 666.67). */
export const SQUARE_METRES_PER_MU = 10_000 / 15

/**
 * An area in mu as km².
 *
 * @example
 * muToKm2(766_000) // 510.666... (the 2035 cultivated-land floor)
 */
export const muToKm2 = (areaMu: number): number => areaMu / MU_PER_KM2

/**
 * An area in km² as mu.
 *
 * @example
 * km2ToMu(143.32) // 214,980 (the 2035 ecological-redline floor)
 */
export const km2ToMu = (areaKm2: number): number => areaKm2 * MU_PER_KM2
