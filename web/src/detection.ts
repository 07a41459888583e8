// Detection (G4.2.3) as the pages read it: an alert as GET /api/v1/alerts/{key} answers, the
// Sigma levels in rising order, and who may look at alerts and who may decide on them (the
// server decides; these only spare a person links and forms that would be refused).
import type { Me } from './session'

export interface AlertRule {
  id: string
  title: string
  level: string
  author: string
  license: string
  file: string
  tags: string[]
  description: string
}
export interface AlertLine {
  n: number
  at: string
  source: string
  host?: string
  text: string
  matched: boolean
}
export interface Alert {
  key: string
  state: 'open' | 'incident' | 'dismissed'
  level: string
  group: string
  host?: string
  first_at: string
  last_at: string
  created_at: string
  detections: number
  incident?: string
  reason?: string
  decided_by?: string
  decided_at?: string
  backdoor?: string
  rule: AlertRule
  lines?: AlertLine[] // only for one alert
}

export const alertStates = ['open', 'incident', 'dismissed'] as const
export const levels = ['informational', 'low', 'medium', 'high', 'critical'] as const

// The IS department, the committee and administrators work on alerts; the auditor reads them.
export const mayDecide = (m: Me) => m.roles.some((r) => r === 'is_department' || r === 'committee' || r === 'administrator')
export const mayWatch = (m: Me) => mayDecide(m) || m.roles.includes('auditor')
