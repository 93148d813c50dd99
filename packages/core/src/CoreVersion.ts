/**
 * Core's own version, and the semver ranges a plugin declares against it (`coreVersion: "^0.1.0"`). The registry
 * refuses a plugin whose range does not admit `CORE_VERSION`.
 *
 * Ranges follow npm's semver: comparators `=`, `>`, `>=`, `<`, `<=` and exact versions, `^` (caret: no change to
 * the left-most non-zero part, so `^0.1.0` is `>=0.1.0 <0.2.0`) and `~` (tilde: patch changes only), partial and
 * x-versions (`1.2`, `1.x`, `*`), comparators joined by spaces (all must hold) and sets joined by `||` (any may
 * hold). A pre-release (`1.2.0-rc.1`) satisfies a set only if a comparator in it names a pre-release of the same
 * `major.minor.patch`. Hyphen ranges (`1.0.0 - 2.0.0`) are not supported: write `>=1.0.0 <=2.0.0`.
 */
import { readFileSync } from "node:fs"

const readOwnVersion = (): string => {
  // src/CoreVersion.ts in the workspace, dist/CoreVersion.js when published: the package root is one level up.
  const url = new URL("../package.json", import.meta.url)
  const pkg = JSON.parse(readFileSync(url, "utf8")) as { readonly name?: unknown; readonly version?: unknown }
  if (pkg.name !== "@tijian/core" || typeof pkg.version !== "string" || parseVersion(pkg.version) === undefined) {
    throw new Error(`cannot read the version of @tijian/core from ${url.pathname}`)
  }
  return pkg.version
}

/** A version: `major.minor.patch` and pre-release identifiers (numbers where numeric). */
export interface SemVer {
  readonly major: number
  readonly minor: number
  readonly patch: number
  readonly prerelease: ReadonlyArray<string | number>
}

const NUM = "0|[1-9]\\d*"
const PRE = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*"
const VERSION = new RegExp(`^v?(${NUM})\\.(${NUM})\\.(${NUM})(?:-(${PRE}))?(?:\\+[0-9A-Za-z-.]+)?$`)
const PARTIAL = new RegExp(`^v?(${NUM}|[xX*])(?:\\.(${NUM}|[xX*])(?:\\.(${NUM}|[xX*])(?:-(${PRE}))?)?)?(?:\\+[0-9A-Za-z-.]+)?$`)

const prereleaseOf = (text: string | undefined): ReadonlyArray<string | number> =>
  text === undefined ? [] : text.split(".").map((id) => (/^\d+$/.test(id) ? Number(id) : id))

/**
 * Parses a full version (`1.2.3`, `1.2.3-rc.1`; build metadata ignored), or undefined.
 *
 * @example
 * parseVersion("0.1.0") // { major: 0, minor: 1, patch: 0, prerelease: [] }
 */
export const parseVersion = (text: string): SemVer | undefined => {
  const m = VERSION.exec(text.trim())
  if (!m) return undefined
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), prerelease: prereleaseOf(m[4]) }
}

const compareIds = (a: string | number, b: string | number): number =>
  typeof a === "number" && typeof b === "number" ? a - b : typeof a === "number" ? -1 : typeof b === "number" ? 1 : a < b ? -1 : a > b ? 1 : 0

/**
 * Semver precedence: negative when `a` comes before `b`, 0 when equal, positive after.
 *
 * @example
 * compareVersions(parseVersion("1.0.0-rc.1")!, parseVersion("1.0.0")!) // < 0: a pre-release comes first
 */
export const compareVersions = (a: SemVer, b: SemVer): number => {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch
  if (core !== 0) return core
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return b.prerelease.length - a.prerelease.length
  for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i++) {
    const c = compareIds(a.prerelease[i]!, b.prerelease[i]!)
    if (c !== 0) return c
  }
  return a.prerelease.length - b.prerelease.length
}

type Operator = "<" | "<=" | ">" | ">=" | "="
interface Comparator {
  readonly op: Operator
  readonly version: SemVer
}

const v = (major: number, minor: number, patch: number, prerelease: ReadonlyArray<string | number> = []): SemVer => ({ major, minor, patch, prerelease })
const ANY: ReadonlyArray<Comparator> = []
const NONE: ReadonlyArray<Comparator> = [{ op: "<", version: v(0, 0, 0) }]

/** One comparator token (`^1.2`, `>=0.1.0`, `1.x`) as the comparators it stands for; undefined when not valid. */
const desugar = (token: string): ReadonlyArray<Comparator> | undefined => {
  const m = /^(\^|~>?|>=|<=|>|<|=)?\s*(.*)$/.exec(token)!
  const op = m[1] === "~>" ? "~" : (m[1] ?? "")
  const p = PARTIAL.exec(m[2]!)
  if (!p) return undefined
  const part = (s: string | undefined) => (s === undefined || /^[xX*]$/.test(s) ? undefined : Number(s))
  const M = part(p[1])
  const mi = M === undefined ? undefined : part(p[2])
  const pa = mi === undefined ? undefined : part(p[3])
  const pre = pa === undefined ? [] : prereleaseOf(p[4])
  const low = v(M ?? 0, mi ?? 0, pa ?? 0, pre)
  const at = (o: Operator, x: SemVer): Comparator => ({ op: o, version: x })
  // The first version above the partial: 1 -> 2.0.0, 1.2 -> 1.3.0.
  const next = M === undefined ? undefined : mi === undefined ? v(M + 1, 0, 0) : v(M, mi + 1, 0)
  switch (op) {
    case "^": {
      if (M === undefined) return ANY
      const upper = M > 0 || mi === undefined ? v(M + 1, 0, 0) : mi > 0 || pa === undefined ? v(0, mi + 1, 0) : v(0, 0, pa + 1)
      return [at(">=", low), at("<", upper)]
    }
    case "~": {
      if (M === undefined) return ANY
      const upper = mi === undefined ? v(M + 1, 0, 0) : v(M, mi + 1, 0)
      return [at(">=", low), at("<", upper)]
    }
    case ">=":
      return M === undefined ? ANY : [at(">=", low)]
    case ">":
      return M === undefined ? NONE : pa === undefined ? [at(">=", next!)] : [at(">", low)]
    case "<":
      return M === undefined ? NONE : [at("<", low)]
    case "<=":
      return M === undefined ? ANY : pa === undefined ? [at("<", next!)] : [at("<=", low)]
    default:
      if (M === undefined) return ANY
      return pa === undefined ? [at(">=", low), at("<", next!)] : [at("=", low)]
  }
}

const holds = (c: Comparator, x: SemVer): boolean => {
  const d = compareVersions(x, c.version)
  return c.op === "<" ? d < 0 : c.op === "<=" ? d <= 0 : c.op === ">" ? d > 0 : c.op === ">=" ? d >= 0 : d === 0
}

/** A range as sets of comparators: any set may hold, every comparator of a set must. */
type ParsedRange = ReadonlyArray<ReadonlyArray<Comparator>>

const parseRange = (range: string): ParsedRange | undefined => {
  const sets: Array<ReadonlyArray<Comparator>> = []
  for (const alternative of range.split("||")) {
    // `>= 1.2.0` is one comparator: glue an operator to the version after it.
    const tokens = alternative.trim().replace(/(\^|~>?|>=|<=|>|<|=)\s+/g, "$1").split(/\s+/).filter((t) => t !== "")
    const set: Array<Comparator> = []
    for (const token of tokens) {
      const comparators = desugar(token)
      if (!comparators) return undefined
      set.push(...comparators)
    }
    sets.push(set)
  }
  return sets
}

/**
 * Whether `range` is a version range this module understands (see the module comment).
 *
 * @example
 * isValidVersionRange(">=0.1.0 <0.3.0") // true
 * isValidVersionRange("latest") // false
 */
export const isValidVersionRange = (range: string): boolean => range.trim() !== "" && parseRange(range) !== undefined

/**
 * Whether `version` satisfies `range`. False when either cannot be parsed.
 *
 * @example
 * satisfiesVersionRange("0.1.4", "^0.1.0") // true
 * satisfiesVersionRange("0.2.0", "^0.1.0") // false: in 0.x a minor release may break
 * satisfiesVersionRange("1.4.0", ">=0.1.0 <1.0.0 || ^1.2.0") // true
 */
export const satisfiesVersionRange = (version: string, range: string): boolean => {
  const x = parseVersion(version)
  const sets = range.trim() === "" ? undefined : parseRange(range)
  if (!x || !sets) return false
  const samePatch = (c: Comparator) =>
    c.version.prerelease.length > 0 && c.version.major === x.major && c.version.minor === x.minor && c.version.patch === x.patch
  return sets.some((set) => set.every((c) => holds(c, x)) && (x.prerelease.length === 0 || set.some(samePatch)))
}

/**
 * The version of this `@tijian/core`, read from its package.json (in the workspace and when installed from the
 * registry alike).
 */
export const CORE_VERSION: string = readOwnVersion()
