import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "@tijian/report",
    include: ["test/**/*.test.ts"],
  },
})
