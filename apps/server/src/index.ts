/**
 * @tijian/server — the HTTP API as a library: the app, its runtime, configuration and start-up.
 */
export { type AppOptions, makeApp } from "./app.js"
export { configFromEnv, defaults, ensureDatabaseDirectory, type ServerConfig } from "./config.js"
export { BadRequest, type ErrorBody, type HttpError, toHttpError, UnknownRoute } from "./errors.js"
export { builtinPlugins } from "./plugins.js"
export { type AppRuntime, type AppServices, appLayer, makeRuntime, runOrThrow, type RuntimeOptions } from "./runtime.js"
export { REFERENCE_AGENCY, seedReferenceData } from "./seed.js"
export { type RunningServer, type StartOptions, startServer } from "./server.js"
