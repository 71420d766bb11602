// What the condition editor shares with its nodes: the reference data to choose from, the
// messages per node, and the edits (nodes never change the tree themselves).
import type { ComputedRef, InjectionKey } from 'vue'
import type { Option } from '@/composables/useReferenceData'
import type { ConditionField, ConditionOp, ConditionValue, NodeError } from '@/utils/conditionTree'

export interface EditorContext {
  fields: ComputedRef<ConditionField[]>
  fieldLabel: (spec: ConditionField) => string
  options: {
    region: ComputedRef<Option[]>
    industry: ComputedRef<Option[]>
    qualification: ComputedRef<Option[]>
    tag: ComputedRef<Option[]>
  }
  errors: ComputedRef<Record<string, NodeError[]>>
  incomplete: ComputedRef<Set<string>>
  readonly: ComputedRef<boolean>
  addTest: (groupId: string) => void
  addGroup: (groupId: string, kind: 'all' | 'any') => void
  setKind: (groupId: string, kind: 'all' | 'any') => void
  remove: (id: string) => void
  toggleNot: (id: string) => void
  setField: (id: string, field: string) => void
  setOp: (id: string, op: ConditionOp) => void
  setValue: (id: string, value: ConditionValue) => void
}

export const EDITOR: InjectionKey<EditorContext> = Symbol('condition-editor')
