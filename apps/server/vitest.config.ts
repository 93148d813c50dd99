import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "@tijian/server",
    include: ["test/**/*.test.ts"],
  },
})
