/**
 * One owner per figure: a figure is declared by exactly one plugin and read by the others through `uses`. The
 * registry refuses a `uses` that no other registered plugin declares, and two plugins declaring one figure under
 * two ids (the same Chinese name and unit, whitespace aside), naming both plugins.
 */
import type { RegistryError } from "../Errors.js"
import type { Plugin } from "../Plugin.js"

type Problem = { readonly reason: RegistryError["reason"]; readonly message: string }

/** Every `uses` entry of every plugin that is the plugin's own id or that no other registered plugin declares. */
export const usesProblems = (plugins: ReadonlyArray<Plugin>): Array<Problem> => {
  const owners = new Map<string, string>()
  for (const p of plugins) for (const d of p.indicators) if (!owners.has(d.id)) owners.set(d.id, p.id)
  const problems: Array<Problem> = []
  for (const p of plugins) {
    for (const id of p.uses ?? []) {
      const owner = owners.get(id)
      if (owner === p.id) {
        problems.push({ reason: "invalid-definition", message: `plugin "${p.id}" lists its own indicator "${id}" in uses; uses names other plugins' indicators` })
      } else if (owner === undefined) {
        problems.push({
          reason: "unknown-indicator",
          message: `plugin "${p.id}" uses "${id}", which no registered plugin declares (register the plugin that owns it, "${id.split(".")[0]}")`,
        })
      }
    }
  }
  return problems
}

/** The identity of a figure as people read it: its Chinese name and unit, whitespace removed. */
const figureKey = (d: Plugin["indicators"][number]) => `${d.name.zh.replace(/\s+/g, "")}|${d.unit.zh.replace(/\s+/g, "")}`

/**
 * Every pair of indicators of two different plugins that are one figure (same Chinese name and unit): an agency
 * would register the figure twice. Within one plugin, names are the author's to keep apart.
 */
export const sameFigureProblems = (plugins: ReadonlyArray<Plugin>): Array<Problem> => {
  const first = new Map<string, { readonly plugin: string; readonly id: string }>()
  const problems: Array<Problem> = []
  for (const p of plugins) {
    for (const d of p.indicators) {
      const key = figureKey(d)
      const prior = first.get(key)
      if (prior === undefined) first.set(key, { plugin: p.id, id: d.id })
      else if (prior.plugin !== p.id) {
        problems.push({
          reason: "duplicate-id",
          message:
            `indicators "${prior.id}" of plugin "${prior.plugin}" and "${d.id}" of plugin "${p.id}" are one figure ` +
            `("${d.name.zh}", ${d.unit.zh}): declare it in one plugin and list its id in the other's uses`,
        })
      }
    }
  }
  return problems
}
