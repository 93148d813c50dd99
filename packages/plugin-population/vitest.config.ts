import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "@tijian/plugin-population",
    include: ["test/**/*.test.ts"],
  },
})
