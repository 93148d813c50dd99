/**
 * Topological order of a directed graph given as node -> dependencies (dependencies first), stable in input
 * order; or the first cycle found, as a closed path of node ids (`a -> b -> a`).
 */
export const topologicalOrder = (
  nodes: ReadonlyArray<string>,
  dependencies: (node: string) => ReadonlyArray<string>,
): { readonly order: ReadonlyArray<string> } | { readonly cycle: ReadonlyArray<string> } => {
  const state = new Map<string, "visiting" | "done">()
  const order: Array<string> = []
  const path: Array<string> = []
  const visit = (node: string): ReadonlyArray<string> | undefined => {
    const s = state.get(node)
    if (s === "done") return undefined
    if (s === "visiting") return [...path.slice(path.indexOf(node)), node]
    state.set(node, "visiting")
    path.push(node)
    for (const dep of dependencies(node)) {
      const cycle = visit(dep)
      if (cycle) return cycle
    }
    path.pop()
    state.set(node, "done")
    order.push(node)
    return undefined
  }
  for (const n of nodes) {
    const cycle = visit(n)
    if (cycle) return { cycle }
  }
  return { order }
}
