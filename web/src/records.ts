// The forms of the records an incident and a disaster keep alike: a committee decision (G3.1)
// and a contact inside or outside the company (G4.3.2, G5.2.2), as ActionForm fields.
import { contactIds, departmentIds } from './directory'
import type { Field, Values } from './form'
import { audiences, channels, decisionKinds } from './incident'

// `deciders`: who may be named as having decided; `initial`: the one proposed.
export function decisionFields(deciders: string[], initial?: string): Field[] {
  return [
    { name: 'kind', kind: 'choice', label: 'ui.f_kind', options: decisionKinds, prefix: 'ui.decision', required: true, initial: 'policy' },
    { name: 'text', kind: 'long', label: 'ui.f_decision_text', required: true },
    { name: 'decided_by', kind: 'choice', label: 'ui.f_decided_by', options: deciders, names: 'person', required: true, initial },
    { name: 'decided_at', kind: 'when', label: 'ui.f_decided_at' },
    { name: 'departments', kind: 'choices', label: 'show.instructed', options: departmentIds(), names: 'department' },
  ]
}

// `decisionIds`: the decisions a contact outside may be approved by.
export function contactFields(decisionIds: string[]): Field[] {
  return [
    { name: 'audience', kind: 'choice', label: 'ui.f_audience', options: audiences, prefix: 'audience', required: true, initial: 'internal' },
    { name: 'contact', kind: 'text', label: 'ui.f_contact', options: contactIds(), names: 'contact', required: true },
    { name: 'channel', kind: 'choice', label: 'ui.f_channel', options: channels, prefix: 'ui.channel' },
    { name: 'summary', kind: 'long', label: 'ui.f_contact_summary', required: true },
    { name: 'approved_by', kind: 'choice', label: 'show.approved_by', options: decisionIds },
    { name: 'persons', kind: 'number', label: 'ui.f_persons' },
    { name: 'follow_up_due', kind: 'date', label: 'show.follow_up' },
  ]
}

// The approving decision is a number in the API.
export const contactShape = (b: Values): Values => (b.approved_by ? { ...b, approved_by: Number(b.approved_by) } : b)
