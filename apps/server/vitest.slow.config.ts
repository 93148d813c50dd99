/**
 * The slow suites (`pnpm test:slow`, run by CI beside `pnpm test`): files named `*.slow.ts` under test/, e.g. the
 * kill -9 crash test of a 1,000,000-row import. The normal project (vitest.config.ts) only includes `*.test.ts`,
 * so these never run in `pnpm test`.
 */
import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  test: {
    name: "@tijian/server (slow)",
    include: ["test/**/*.slow.ts"],
    testTimeout: 900_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
})
