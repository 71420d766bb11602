// The condition builder's tree, without any framework: groups (all / any), negations (not) and
// comparisons of a field with a value, as the backend's condition language has them
// (`src/enterprises/condition/mod.rs`). Converts to and from the API's JSON form, keeps a
// comparison's operator and value consistent with its field's type, says which comparisons are
// not filled in yet, and maps the paths the API names in its errors (`all[1].any[0].value`) to
// the nodes they point at. Functions that edit the tree change it in place, so a Vue `reactive`
// tree can be passed straight in.
import type { Schemas } from '@/api/types'

/** What kind of value a field holds. */
export type ConditionFieldType = Schemas['FieldType']

export type ConditionOp = Schemas['Op']
export const CONDITION_OPS = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'in',
  'within',
  'has',
] as const satisfies readonly ConditionOp[]

/** A field conditions can test, from `GET /conditions/fields`. */
export type ConditionField = Schemas['FieldSpec']

/** A comparison's value in the API's JSON form: fen, a count, `YYYY-MM-DD`, a code, or a list. */
export type ConditionValue = number | string | null | (number | string | null)[]

export interface GroupNode {
  id: string
  kind: 'all' | 'any'
  children: ConditionNode[]
}

export interface NotNode {
  id: string
  kind: 'not'
  child: ConditionNode
}

export interface TestNode {
  id: string
  kind: 'test'
  field: string
  op: ConditionOp
  value: ConditionValue
}

export type ConditionNode = GroupNode | NotNode | TestNode

/** The part of a comparison an error points at; none for the node as a whole. */
export type NodePart = 'field' | 'op' | 'value' | null

let lastId = 0
function newId(): string {
  lastId += 1
  return `n${lastId}`
}

/** An empty `all` group: every enterprise meets it. */
export function emptyCondition(): GroupNode {
  return { id: newId(), kind: 'all', children: [] }
}

export function newGroup(kind: 'all' | 'any'): GroupNode {
  return { id: newId(), kind, children: [] }
}

export function newNot(child: ConditionNode): NotNode {
  return { id: newId(), kind: 'not', child }
}

/** The operator a new comparison on this field starts with. */
function preferredOp(spec: ConditionField): ConditionOp {
  const preferred: Partial<Record<ConditionFieldType, ConditionOp>> = {
    money: 'gte',
    count: 'gte',
    years: 'gte',
    date: 'lt',
    region: 'within',
    industry: 'within',
    choice: 'eq',
    tag_set: 'has',
    qualification_set: 'has',
  }
  const op = preferred[spec.type]
  return op && spec.ops.includes(op) ? op : spec.ops[0]!
}

/** The value a comparison starts with: empty, in the shape the operator needs. */
export function defaultValue(op: ConditionOp): ConditionValue {
  if (op === 'between') return [null, null]
  if (op === 'in') return []
  return null
}

/** A new comparison on a field, with its preferred operator and an empty value. */
export function newTest(spec: ConditionField): TestNode {
  const op = preferredOp(spec)
  return { id: newId(), kind: 'test', field: spec.name, op, value: defaultValue(op) }
}

/** Points a comparison at another field: the operator and value start again. */
export function setField(node: TestNode, spec: ConditionField): void {
  node.field = spec.name
  node.op = preferredOp(spec)
  node.value = defaultValue(node.op)
}

/** Changes a comparison's operator, keeping what it can of the value in the new shape. */
export function setOp(node: TestNode, op: ConditionOp): void {
  const before = node.value
  const first = Array.isArray(before) ? (before[0] ?? null) : before
  node.op = op
  if (op === 'between') node.value = [first, Array.isArray(before) && before.length > 1 ? (before[1] ?? null) : null]
  else if (op === 'in') node.value = Array.isArray(before) ? before.filter((v) => v !== null && v !== '') : first === null || first === '' ? [] : [first]
  else node.value = first
}

/** Adds a node at the end of a group. */
export function addChild(group: GroupNode, node: ConditionNode): void {
  group.children.push(node)
}

/** The node with this id and its parent (null for the root), or null when it is not in the tree. */
export function findNode(
  root: ConditionNode,
  id: string,
  parent: GroupNode | NotNode | null = null,
): { node: ConditionNode; parent: GroupNode | NotNode | null } | null {
  if (root.id === id) return { node: root, parent }
  if (root.kind === 'all' || root.kind === 'any') {
    for (const child of root.children) {
      const found = findNode(child, id, root)
      if (found) return found
    }
  } else if (root.kind === 'not') {
    return findNode(root.child, id, root)
  }
  return null
}

/**
 * Removes a node from its group. A negation's only child goes with the negation; the root
 * cannot be removed. Returns whether something was removed.
 */
export function removeNode(root: ConditionNode, id: string): boolean {
  const found = findNode(root, id)
  if (!found?.parent) return false
  if (found.parent.kind === 'not') return removeNode(root, found.parent.id)
  const children = found.parent.children
  children.splice(children.indexOf(found.node), 1)
  return true
}

/** Wraps a node in a negation, or unwraps a negation; the node keeps its place. */
export function toggleNot(root: ConditionNode, id: string): ConditionNode {
  const found = findNode(root, id)
  if (!found) return root
  const { node, parent } = found
  const replacement = node.kind === 'not' ? node.child : newNot(node)
  if (!parent) return replacement
  if (parent.kind === 'not') parent.child = replacement
  else parent.children.splice(parent.children.indexOf(node), 1, replacement)
  return root
}

/** The API's JSON form of the tree. */
export function toJson(node: ConditionNode): unknown {
  switch (node.kind) {
    case 'all':
      return { all: node.children.map(toJson) }
    case 'any':
      return { any: node.children.map(toJson) }
    case 'not':
      return { not: toJson(node.child) }
    case 'test':
      return { field: node.field, op: node.op, value: node.value }
  }
}

function parseNode(json: unknown): ConditionNode {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error('a condition is an object: all, any, not or a comparison')
  }
  const object = json as Record<string, unknown>
  for (const kind of ['all', 'any'] as const) {
    if (kind in object) {
      const children = object[kind]
      if (!Array.isArray(children)) throw new Error(`\`${kind}\` takes a list of conditions`)
      return { id: newId(), kind, children: children.map(parseNode) }
    }
  }
  if ('not' in object) return newNot(parseNode(object.not))
  const { field, op, value } = object
  if (typeof field !== 'string' || typeof op !== 'string' || !(CONDITION_OPS as readonly string[]).includes(op)) {
    throw new Error('a comparison names a `field`, an `op` and a `value`')
  }
  return { id: newId(), kind: 'test', field, op: op as ConditionOp, value: (value ?? null) as ConditionValue }
}

/**
 * The tree of a JSON condition (as the API returns it). The editor's root is always a group, so
 * a condition that is a lone comparison or negation comes back inside an `all`. Null or
 * undefined gives the empty condition; a malformed condition throws.
 */
export function fromJson(json: unknown): GroupNode {
  if (json === null || json === undefined) return emptyCondition()
  const node = parseNode(json)
  return node.kind === 'all' || node.kind === 'any' ? node : { id: newId(), kind: 'all', children: [node] }
}

function filled(value: ConditionValue | undefined): boolean {
  return value !== null && value !== undefined && value !== ''
}

/** Whether a comparison has a value of the shape its operator needs (not whether it is valid). */
export function isTestComplete(node: TestNode): boolean {
  if (node.op === 'between') return Array.isArray(node.value) && node.value.length === 2 && node.value.every(filled)
  if (node.op === 'in') return Array.isArray(node.value) && node.value.length > 0 && node.value.every(filled)
  return !Array.isArray(node.value) && filled(node.value)
}

/** The ids of comparisons still waiting for a value, and of `any` groups with nothing in them. */
export function incompleteNodes(node: ConditionNode): string[] {
  switch (node.kind) {
    case 'all':
    case 'any': {
      const own = node.kind === 'any' && node.children.length === 0 ? [node.id] : []
      return [...own, ...node.children.flatMap(incompleteNodes)]
    }
    case 'not':
      return incompleteNodes(node.child)
    case 'test':
      return isTestComplete(node) ? [] : [node.id]
  }
}

/**
 * The node an API error path points at (`all[1].any[0].value[0]`, relative to the root), and
 * which part of it. A path that runs past the tree stops at the deepest node it reached.
 */
export function nodeAtPath(root: ConditionNode, path: string): { node: ConditionNode; part: NodePart } {
  let node = root
  const segments = path.match(/(all|any)\[\d+\]|all|any|not|field|op|value/g) ?? []
  for (const segment of segments) {
    const indexed = /^(all|any)\[(\d+)\]$/.exec(segment)
    if (indexed) {
      const child = node.kind === indexed[1] ? (node as GroupNode).children[Number(indexed[2])] : undefined
      if (!child) break
      node = child
    } else if (segment === 'not') {
      if (node.kind !== 'not') break
      node = node.child
    } else if (segment === 'field' || segment === 'op' || segment === 'value') {
      return { node, part: segment }
    }
    // A bare `all` / `any` names the group itself (e.g. "`any` needs at least one condition").
  }
  return { node, part: null }
}

/** One error message attached to a node of the tree. */
export interface NodeError {
  part: NodePart
  message: string
}

/**
 * Sorts an API error's `fields` into messages per node id. `prefix` is the request field the
 * condition was sent in (`condition`, `rule`); keys outside it are returned in `other`.
 */
export function errorsByNode(
  root: ConditionNode,
  fields: Record<string, string[]>,
  prefix: string,
): { byNode: Record<string, NodeError[]>; other: string[] } {
  const byNode: Record<string, NodeError[]> = {}
  const other: string[] = []
  for (const [key, messages] of Object.entries(fields)) {
    const message = messages[0] ?? ''
    if (key !== prefix && !key.startsWith(`${prefix}.`)) {
      other.push(message)
      continue
    }
    const { node, part } = nodeAtPath(root, key.slice(prefix.length + 1))
    ;(byNode[node.id] ??= []).push({ part, message })
  }
  return { byNode, other }
}

/** How many comparisons the tree has. */
export function countTests(node: ConditionNode): number {
  switch (node.kind) {
    case 'all':
    case 'any':
      return node.children.reduce((sum, child) => sum + countTests(child), 0)
    case 'not':
      return countTests(node.child)
    case 'test':
      return 1
  }
}
