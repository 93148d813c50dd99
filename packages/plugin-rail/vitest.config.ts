import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "@tijian/plugin-rail",
    include: ["test/**/*.test.ts"],
  },
})
