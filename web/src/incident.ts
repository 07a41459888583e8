// An incident as GET /api/v1/incidents/{key} answers, and the choices its forms offer (the
// enumerations of the API's request schemas, in the order a person reads them).

export interface Task {
  id: number
  kind: string
  title: string
  status: string
  contains?: boolean
  system?: string
  department?: string
  assignee?: string
  due?: string
  result?: string
  revert_reason?: string
  at?: string
  status_at?: string
}
export interface Decision {
  id: number
  kind: string
  text: string
  decided_by: string
  decided_at: string
  departments?: string[]
}
export interface Contact {
  id: number
  audience: string
  contact: string
  channel?: string
  summary: string
  by?: string
  at: string
  persons?: number
  approved_by?: number
  follow_up_due?: string
}
export interface PersonalData {
  system: string
  leaked: string
  note?: string
}
export interface Leak {
  system: string
  data_class?: string
  destination?: string
  personal_data?: boolean
  persons?: number
  records?: number
}
export interface Assessment {
  kinds?: string[]
  scope?: string
  first_seen?: string
  last_seen?: string
  intrusion_route?: string
  method?: string
  attacker?: string
  persons?: number
  sensitive_personal_data?: string
  financial_harm?: string
  unauthorized_purpose?: string
  spread_outside?: boolean
  spread_note?: string
  personal_data?: PersonalData[]
  leaks?: Leak[]
  systems?: string[]
  assessed_at?: string
  assessed_by?: string
}
export interface Recovery {
  system: string
  status: string
  note?: string
  override_reason?: string
  at?: string
  by?: string
}
export interface Finding {
  id: number
  kind: string
  text: string
  system?: string
  at?: string
}
export interface Prevention {
  id: number
  text: string
  owner?: string
  due?: string
  done?: boolean
}
export interface BackdoorCheck {
  system: string
  item: string
  result: string
  host?: string
  note?: string
  at?: string
  checked_by?: string
}
export interface CustodyEvent {
  action: 'viewed' | 'exported' | 'handed_over' | 'returned' | 'disposed'
  by: string
  to?: string
  at: string
  purpose?: string
}
export interface Evidence {
  id: number
  name: string
  kind: string
  bytes: number
  sha256: string
  system?: string
  added_at?: string
  added_by?: string
  collected_by?: string
  collected_at?: string
  source_host?: string
  source_path?: string
  method?: string
  note?: string
  custody?: CustodyEvent[]
  disposed_at?: string
}
export interface LegalHold {
  reason: string
  by: string
  at: string
}
// Who holds handed-over evidence now, if anyone.
export function heldBy(e: Evidence): string {
  let holder = ''
  for (const c of e.custody ?? []) {
    if (c.action === 'handed_over') holder = c.to ?? ''
    if (c.action === 'returned') holder = ''
  }
  return holder
}

export interface Incident {
  key: string
  title: string
  state: string
  summary?: string
  category?: string
  detection?: string
  harm: string
  harm_note?: string
  tlp: string
  restricted: boolean
  reported_at: string
  reported_by: string
  reporter_department?: string
  recorded_at?: string
  occurred_at?: string
  aware_at?: string
  detected_at?: string
  systems: string[]
  departments: string[]
  hosts?: { host: string; system?: string }[]
  participants: { person: string; role: string }[]
  priority: { level: string; overridden: boolean; reasons: string[] }
  milestones: Record<string, string>
  next?: { state: string; missing: string[] }
  triage?: { at: string; by: string; confirmed: boolean; category?: string; reason?: string }
  convocation?: {
    requested_at: string
    requested_by: string
    addressees: string[]
    attendees: string[]
    convened_at?: string
  }
  decisions: Decision[]
  contacts: Contact[]
  tasks: Task[]
  assessment?: Assessment
  recovery: Recovery[]
  findings: Finding[]
  prevention: Prevention[]
  backdoor_checks: BackdoorCheck[]
  evidence: Evidence[]
  legal_hold?: LegalHold
  filings: Filing[]
  obligations: Clock[]
}

// G4.3.2c: a reporting duty's report as filed, or not filed and why.
export interface Filing {
  id: number
  obligation: string
  filed_at?: string
  reference?: string
  evidence?: number
  note?: string
  waived: boolean
  reason?: string
  by?: string
}

// A reporting duty the facts trigger, and where its clock stands.
export interface Clock {
  obligation: string
  name: string
  name_en?: string
  recipient?: string
  state: 'waiting' | 'open' | 'filed' | 'late' | 'waived'
  started_at?: string
  due?: string
  late_days: number
  filing?: Filing
}

export const states = [
  'reported',
  'triaged',
  'convened',
  'containing',
  'assessing',
  'recovering',
  'reviewing',
  'closed',
  'dismissed',
] as const
export const milestones = ['reported', 'triaged', 'convened', 'contained', 'assessed', 'recovered', 'closed']
export const harms = ['unknown', 'none', 'possible', 'serious']
export const tlps = ['clear', 'green', 'amber', 'amber+strict', 'red']
export const detections = ['user_report', 'is_detection', 'alert', 'outside_notice']
export const roles = ['lead', 'responder', 'liaison', 'committee', 'observer']
export const priorities = ['p1', 'p2', 'p3', 'p4']
export const decisionKinds = ['policy', 'approval', 'instruction', 'press', 'agency_contact', 'other']
export const audiences = [
  'internal',
  'customer',
  'partner',
  'individuals',
  'regulator',
  'police',
  'csirt',
  'ipa',
  'authority',
  'pr',
  'press',
  'vendor',
  'insurer',
]
export const channels = ['phone', 'email', 'web', 'fax', 'post', 'other']
export const taskKinds = [
  'isolate_network',
  'shutdown_host',
  'monitor_host',
  'alternative_means',
  'customer_measures',
  'other',
]
export const taskStatuses = ['open', 'in_progress', 'done', 'failed', 'cancelled', 'reverted']
export const damageKinds = ['leak', 'tampering', 'destruction', 'unavailability']
export const answers = ['unknown', 'no', 'possibly', 'yes']
export const recoveryStatuses = ['down', 'restoring', 'degraded', 'restored']
export const findingKinds = ['technical', 'social']
export const backdoorItems = ['added_users', 'planted_programs', 'unexpected_services', 'device_settings']
export const backdoorResults = ['clean', 'found', 'not_applicable']
export const evidenceKinds = ['access_log', 'screenshot', 'report', 'other']
