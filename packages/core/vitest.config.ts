import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "@tijian/core",
    include: ["test/**/*.test.ts"],
  },
})
