import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { CORE_VERSION, compareVersions, isValidVersionRange, parseVersion, satisfiesVersionRange } from "../src/CoreVersion.js"
import * as core from "../src/index.js"
import { definePlugin, type Plugin } from "../src/Plugin.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import { buildRegistry } from "../src/Registry.js"
import { observed, text } from "./fixtures.js"

const ownPackage = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }

describe("CORE_VERSION", () => {
  it("is the version in core's package.json, and is exported from the package", () => {
    expect(CORE_VERSION).toBe(ownPackage.version)
    expect(core.CORE_VERSION).toBe(CORE_VERSION)
  })
})

describe("parseVersion and compareVersions", () => {
  it("parses major.minor.patch, pre-release identifiers (numeric where numeric) and ignores build metadata", () => {
    expect(parseVersion("0.1.0")).toEqual({ major: 0, minor: 1, patch: 0, prerelease: [] })
    expect(parseVersion("v1.2.3-rc.10+build.7")).toEqual({ major: 1, minor: 2, patch: 3, prerelease: ["rc", 10] })
    for (const bad of ["1.2", "01.2.3", "1.2.3.4", "a.b.c", ""]) expect(parseVersion(bad), bad).toBeUndefined()
  })

  it("orders 1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-alpha.beta < 1.0.0-beta.2 < 1.0.0-beta.11 < 1.0.0-rc.1 < 1.0.0 < 1.0.1 < 1.1.0 < 2.0.0", () => {
    const ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0"]
    const parsed = ordered.map((x) => parseVersion(x)!)
    for (let i = 1; i < parsed.length; i++) {
      expect(compareVersions(parsed[i - 1]!, parsed[i]!), `${ordered[i - 1]} < ${ordered[i]}`).toBeLessThan(0)
      expect(compareVersions(parsed[i]!, parsed[i - 1]!)).toBeGreaterThan(0)
    }
    expect(compareVersions(parseVersion("1.2.3")!, parseVersion("1.2.3+other")!)).toBe(0)
  })
})

describe("satisfiesVersionRange", () => {
  // [range, satisfied by, not satisfied by] — the same answers as npm's semver.
  const cases: ReadonlyArray<readonly [string, ReadonlyArray<string>, ReadonlyArray<string>]> = [
    ["^0.1.0", ["0.1.0", "0.1.9"], ["0.2.0", "0.0.9", "1.0.0", "0.1.1-rc.1"]],
    ["^0.0.3", ["0.0.3"], ["0.0.4", "0.0.2", "0.1.0"]],
    ["^1.2.3", ["1.2.3", "1.9.9"], ["2.0.0", "1.2.2", "2.0.0-rc.1"]],
    ["^1.2", ["1.2.0", "1.99.0"], ["1.1.9", "2.0.0"]],
    ["^0.2", ["0.2.0", "0.2.7"], ["0.3.0"]],
    ["^0", ["0.0.1", "0.9.0"], ["1.0.0"]],
    ["^1.x", ["1.0.0", "1.5.0"], ["2.0.0", "0.9.0"]],
    ["~1.2.3", ["1.2.3", "1.2.9"], ["1.3.0", "1.2.2"]],
    ["~1.2", ["1.2.0", "1.2.5"], ["1.3.0"]],
    ["~1", ["1.0.0", "1.9.0"], ["2.0.0"]],
    ["~>0.1.2", ["0.1.2", "0.1.8"], ["0.2.0"]],
    [">=0.1.0", ["0.1.0", "5.0.0"], ["0.0.9"]],
    [">= 0.1.0 < 0.3.0", ["0.1.0", "0.2.9"], ["0.3.0", "0.0.1"]],
    [">1.2.3", ["1.2.4"], ["1.2.3"]],
    [">1.2", ["1.3.0"], ["1.2.9"]],
    ["<1.2", ["1.1.9"], ["1.2.0"]],
    ["<=1.2", ["1.2.9"], ["1.3.0"]],
    ["<=1.2.3", ["1.2.3"], ["1.2.4"]],
    ["0.1.0", ["0.1.0"], ["0.1.1"]],
    ["=0.1.0", ["0.1.0"], ["0.1.1"]],
    ["1.2", ["1.2.0", "1.2.9"], ["1.3.0"]],
    ["1.x", ["1.0.0", "1.9.9"], ["2.0.0"]],
    ["*", ["0.0.1", "9.9.9"], ["1.0.0-rc.1"]],
    ["^0.1.0 || ^1.0.0", ["0.1.5", "1.4.0"], ["0.2.0", "2.0.0"]],
    [">=1.0.0-rc.1 <2.0.0", ["1.0.0-rc.2", "1.0.0", "1.5.0"], ["1.0.0-rc.0", "1.1.0-rc.1"]],
  ]
  it.each(cases)("%s", (range, inside, outside) => {
    expect(isValidVersionRange(range)).toBe(true)
    for (const x of inside) expect(satisfiesVersionRange(x, range), `${x} in ${range}`).toBe(true)
    for (const x of outside) expect(satisfiesVersionRange(x, range), `${x} not in ${range}`).toBe(false)
  })

  it.each(["", "  ", "latest", "^", "1.2.3 - 2.0.0", ">=a.b", "^1.2.3.4", "~=1.0"])("refuses the range %j", (range) => {
    expect(isValidVersionRange(range)).toBe(false)
    expect(satisfiesVersionRange("1.2.3", range)).toBe(false)
  })
})

describe("definePlugin", () => {
  it("keeps the declared coreVersion", () => {
    const plugin = definePlugin({ id: "p", version: "1.0.0", coreVersion: "^0.1.0", name: text("p"), indicators: [] })
    expect(plugin.coreVersion).toBe("^0.1.0")
  })
})

describe("the registry and a plugin's coreVersion", () => {
  const pluginFor = (coreVersion: string | undefined): Plugin => ({
    id: "compat",
    version: "2.3.4",
    ...(coreVersion === undefined ? {} : { coreVersion }),
    name: text("compat"),
    indicators: [observed("compat.x")],
  })
  const build = (coreVersion: string | undefined) => Effect.runSync(Effect.either(buildRegistry([pluginFor(coreVersion)], yrdRegions())))
  const { major, minor } = parseVersion(CORE_VERSION)!

  it("accepts a plugin without a range, and one whose range admits this core", () => {
    expect(build(undefined)._tag).toBe("Right")
    expect(build(`^${CORE_VERSION}`)._tag).toBe("Right")
    expect(build(`>=${major}.${minor} <${major + 1}.0.0`)._tag).toBe("Right")
  })

  it("refuses a plugin whose range excludes this core, naming the plugin, its range and core's version", () => {
    const range = `^${major + 1}.0.0`
    const result = build(range)
    expect(result._tag).toBe("Left")
    if (result._tag !== "Left") return
    expect(result.left.reason).toBe("invalid-definition")
    expect(result.left.message).toBe(
      `cannot build the registry: plugin "compat" 2.3.4 supports @tijian/core ${range}, but this is @tijian/core ${CORE_VERSION}; ` +
        `install a version of "compat" that supports ${CORE_VERSION}, or a @tijian/core within ${range}`,
    )
  })

  it("refuses a range it cannot read, saying what a range looks like", () => {
    const result = build("latest")
    expect(result._tag === "Left" && result.left.message).toBe(
      `cannot build the registry: plugin "compat" declares coreVersion "latest", which is not a semver range (e.g. "^${CORE_VERSION}")`,
    )
  })

  it("lists the incompatibility beside the plugin's other problems in one error", () => {
    const broken = { ...pluginFor(">=99.0.0"), indicators: [observed("compat.x"), observed("elsewhere.y")] }
    const result = Effect.runSync(Effect.either(buildRegistry([broken], yrdRegions())))
    expect(result._tag === "Left" && result.left.message).toMatch(
      /^cannot build the registry \(2 problems\): plugin "compat" 2\.3\.4 supports @tijian\/core >=99\.0\.0, .*; indicator "elsewhere\.y" of plugin "compat" must be "compat\.<kebab-slug>"$/,
    )
  })
})
