import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "@tijian/plugin-demo-zone",
    include: ["test/**/*.test.ts"],
  },
})
