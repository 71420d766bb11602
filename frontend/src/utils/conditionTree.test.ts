// The condition builder's tree: JSON both ways, operators and values kept consistent, unfinished
// comparisons found, and the API's error paths landing on the right node.
import { describe, expect, it } from 'vitest'
import {
  addChild,
  countTests,
  emptyCondition,
  errorsByNode,
  findNode,
  fromJson,
  incompleteNodes,
  newGroup,
  newTest,
  nodeAtPath,
  removeNode,
  setField,
  setOp,
  toggleNot,
  toJson,
  type ConditionField,
  type GroupNode,
  type TestNode,
} from './conditionTree'

const EMPLOYEES: ConditionField = {
  field: 'employees',
  name: 'employees',
  label_zh: '从业人数',
  label_en: 'Employees',
  type: 'count',
  ops: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between'],
}
const REGION: ConditionField = {
  field: 'region',
  name: 'region',
  label_zh: '注册地',
  label_en: 'Region of registration',
  type: 'region',
  ops: ['within', 'in'],
}
const GRADE: ConditionField = {
  field: 'tax_credit_grade',
  name: 'tax_credit_grade',
  label_zh: '纳税信用等级',
  label_en: 'Tax credit grade',
  type: 'choice',
  ops: ['eq', 'ne', 'in'],
  choices: ['A', 'B', 'M', 'C', 'D'],
}

const SAMPLE = {
  all: [
    { field: 'employees', op: 'gte', value: 20 },
    { any: [{ field: 'tags', op: 'has', value: 'high_tech' }, { field: 'region', op: 'within', value: '3301' }] },
    { not: { field: 'tax_credit_grade', op: 'in', value: ['C', 'D'] } },
    { field: 'revenue', op: 'between', value: [300_000_000, 2_000_000_000] },
  ],
}

describe('JSON form', () => {
  it('round-trips a nested condition', () => {
    expect(toJson(fromJson(SAMPLE))).toEqual(SAMPLE)
  })

  it('puts a lone comparison or negation inside an all group', () => {
    const test = { field: 'employees', op: 'gte', value: 20 }
    expect(toJson(fromJson(test))).toEqual({ all: [test] })
    expect(toJson(fromJson({ not: test }))).toEqual({ all: [{ not: test }] })
  })

  it('starts from an empty all group without a condition', () => {
    expect(toJson(fromJson(null))).toEqual({ all: [] })
    expect(toJson(emptyCondition())).toEqual({ all: [] })
  })

  it('refuses what is not a condition', () => {
    expect(() => fromJson([1, 2])).toThrow()
    expect(() => fromJson({ all: 3 })).toThrow()
    expect(() => fromJson({ field: 'employees', op: 'about', value: 1 })).toThrow()
  })

  it('gives every node its own id', () => {
    const tree = fromJson(SAMPLE)
    const ids = new Set<string>()
    const walk = (node: ReturnType<typeof fromJson>['children'][number] | GroupNode): void => {
      ids.add(node.id)
      if (node.kind === 'all' || node.kind === 'any') node.children.forEach(walk)
      if (node.kind === 'not') walk(node.child)
    }
    walk(tree)
    expect(ids.size).toBe(8)
    expect(countTests(tree)).toBe(5)
  })
})

describe('editing', () => {
  it('starts a comparison with the preferred operator and an empty value', () => {
    expect(newTest(EMPLOYEES)).toMatchObject({ field: 'employees', op: 'gte', value: null })
    expect(newTest(REGION)).toMatchObject({ op: 'within', value: null })
    expect(newTest(GRADE)).toMatchObject({ op: 'eq', value: null })
  })

  it('resets operator and value when the field changes', () => {
    const node = newTest(EMPLOYEES)
    node.value = 20
    setField(node, REGION)
    expect(node).toMatchObject({ field: 'region', op: 'within', value: null })
  })

  it('keeps the value across operators in the shape each needs', () => {
    const node: TestNode = { ...newTest(EMPLOYEES), value: 20 }
    setOp(node, 'between')
    expect(node.value).toEqual([20, null])
    node.value = [20, 50]
    setOp(node, 'lt')
    expect(node.value).toBe(20)
    const grade: TestNode = { ...newTest(GRADE), value: 'C' }
    setOp(grade, 'in')
    expect(grade.value).toEqual(['C'])
    grade.value = ['C', 'D']
    setOp(grade, 'ne')
    expect(grade.value).toBe('C')
    const empty = newTest(GRADE)
    setOp(empty, 'in')
    expect(empty.value).toEqual([])
  })

  it('adds, negates and removes nodes', () => {
    const root = emptyCondition()
    const test = newTest(EMPLOYEES)
    addChild(root, test)
    const group = newGroup('any')
    addChild(root, group)
    expect(toJson(root)).toEqual({ all: [{ field: 'employees', op: 'gte', value: null }, { any: [] }] })

    toggleNot(root, test.id)
    expect(toJson(root)).toEqual({ all: [{ not: { field: 'employees', op: 'gte', value: null } }, { any: [] }] })
    const negation = root.children[0]!
    toggleNot(root, negation.id)
    expect(root.children[0]).toBe(test)

    toggleNot(root, test.id)
    // Removing a negation's only child removes the negation.
    expect(removeNode(root, test.id)).toBe(true)
    expect(toJson(root)).toEqual({ all: [{ any: [] }] })
    expect(removeNode(root, root.id)).toBe(false)
    expect(removeNode(root, group.id)).toBe(true)
    expect(root.children).toEqual([])
    expect(findNode(root, 'nowhere')).toBeNull()
  })
})

describe('incompleteNodes', () => {
  it('lists comparisons without a value and empty any groups', () => {
    const root = emptyCondition()
    const count = newTest(EMPLOYEES)
    const range: TestNode = { ...newTest(EMPLOYEES), op: 'between', value: [1, null] }
    const list: TestNode = { ...newTest(GRADE), op: 'in', value: [] }
    const any = newGroup('any')
    for (const node of [count, range, list, any]) addChild(root, node)
    expect(incompleteNodes(root)).toEqual([count.id, range.id, list.id, any.id])
    count.value = 0
    range.value = [1, 5]
    list.value = ['C']
    addChild(any, { ...newTest(REGION), value: '3301' })
    expect(incompleteNodes(root)).toEqual([])
  })

  it('finds an empty all group complete: it matches every enterprise', () => {
    expect(incompleteNodes(emptyCondition())).toEqual([])
  })
})

describe('error paths', () => {
  const tree = fromJson(SAMPLE)
  const [employees, any, not, revenue] = tree.children as [TestNode, GroupNode, { child: TestNode; id: string }, TestNode]

  it('point at the node and the part of it', () => {
    expect(nodeAtPath(tree, '')).toEqual({ node: tree, part: null })
    expect(nodeAtPath(tree, 'all[0].value')).toEqual({ node: employees, part: 'value' })
    expect(nodeAtPath(tree, 'all[1].any[1].field')).toEqual({ node: any.children[1], part: 'field' })
    expect(nodeAtPath(tree, 'all[2].not.value[1]')).toEqual({ node: not.child, part: 'value' })
    expect(nodeAtPath(tree, 'all[3].value[0]')).toEqual({ node: revenue, part: 'value' })
    expect(nodeAtPath(tree, 'all[1].any')).toEqual({ node: any, part: null })
  })

  it('stop at the deepest node a path reaches', () => {
    expect(nodeAtPath(tree, 'all[9].value').node).toBe(tree)
    expect(nodeAtPath(tree, 'all[0].any[0]').node).toBe(employees)
  })

  it('sort error fields by node under the request field they were sent in', () => {
    const { byNode, other } = errorsByNode(
      tree,
      {
        'condition.all[1].any[0].value': ['unknown tag `high_tech`'],
        condition: ['a condition is an object'],
        benefit: ['1 to 2000 characters'],
      },
      'condition',
    )
    expect(byNode[any.children[0]!.id]).toEqual([{ part: 'value', message: 'unknown tag `high_tech`' }])
    expect(byNode[tree.id]).toEqual([{ part: null, message: 'a condition is an object' }])
    expect(other).toEqual(['1 to 2000 characters'])
  })

  it('read a tag rule’s errors under `rule`', () => {
    const { byNode } = errorsByNode(tree, { 'rule.all[0].op': ['`employees` does not take `has`'] }, 'rule')
    expect(byNode[employees.id]).toEqual([{ part: 'op', message: '`employees` does not take `has`' }])
  })
})
