import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "@tijian/plugin-beauty-index",
    include: ["test/**/*.test.ts"],
  },
})
