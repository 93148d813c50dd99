import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "@tijian/plugin-ecology",
    include: ["test/**/*.test.ts"],
  },
})
