/**
 * The calculators' input declarations (name, format, description), shared so every calculator names a file the same way.
 */
import type { CalculatorInput } from "@tijian/core/plugin"

/** A GTFS static feed. */
export const gtfsInput: CalculatorInput = {
  name: "gtfs",
  format: "gtfs-zip",
  required: true,
  description: {
    zh: "GTFS 静态数据 zip：stops、routes、trips、stop_times、calendar/calendar_dates，可选 transfers",
    en: "GTFS static feed (zip): stops, routes, trips, stop_times, calendar/calendar_dates, optional transfers",
  },
}

/** Population points or grid. */
export const populationInput: CalculatorInput = {
  name: "population",
  format: "csv-points|geotiff",
  required: true,
  description: {
    zh: "人口：CSV 点（lon, lat, value，WGS84）或 GeoTIFF 栅格（EPSG:4326，如 WorldPop / GHSL）",
    en: "Population: CSV points (lon, lat, value; WGS84) or a GeoTIFF grid (EPSG:4326, WorldPop / GHSL style)",
  },
}

/** Jobs points or grid (optional). */
export const jobsInput: CalculatorInput = {
  name: "jobs",
  format: "csv-points|geotiff",
  required: false,
  description: {
    zh: "可选，就业岗位：CSV 点（lon, lat, value）或 GeoTIFF 栅格（EPSG:4326）",
    en: "Optional, jobs: CSV points (lon, lat, value) or a GeoTIFF grid (EPSG:4326)",
  },
}

/** Daily ridership per line. */
export const ridershipInput: CalculatorInput = {
  name: "ridership",
  format: "csv",
  required: true,
  description: {
    zh: "线路日客流 CSV：line, date (YYYY-MM-DD), boardings（人次）",
    en: "Daily ridership per line, CSV: line, date (YYYY-MM-DD), boardings (person-trips)",
  },
}
