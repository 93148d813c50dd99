import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { configFromEnv } from "../src/config.js"

describe("configFromEnv", () => {
  it("defaults to 127.0.0.1:8787 and data/tijian.sqlite under the cwd", () => {
    expect(configFromEnv({}, "/srv/tijian")).toEqual({
      port: 8787,
      host: "127.0.0.1",
      database: join("/srv/tijian", "data", "tijian.sqlite"),
    })
  })

  it("reads PORT, HOST and TIJIAN_DB", () => {
    expect(configFromEnv({ PORT: "9000", HOST: "0.0.0.0", TIJIAN_DB: "/var/lib/t.sqlite" }, "/srv")).toEqual({
      port: 9000,
      host: "0.0.0.0",
      database: "/var/lib/t.sqlite",
    })
    expect(configFromEnv({ TIJIAN_DB: ":memory:", PORT: "0" }, "/srv")).toMatchObject({ port: 0, database: ":memory:" })
    expect(configFromEnv({ PORT: "", HOST: "" }, "/srv")).toMatchObject({ port: 8787, host: "127.0.0.1" })
  })

  it.each(["http", "-1", "65536", "80.5"])("refuses PORT=%s", (port) => {
    expect(() => configFromEnv({ PORT: port })).toThrow(/PORT/)
  })
})
