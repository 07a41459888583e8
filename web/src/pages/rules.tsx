// The detection rules (G4.2.3): the alert policy, how the ingestion of log lines is doing since
// the server started (lines refused because the queue was full are the back-pressure to watch),
// the Sigma rules that could not be loaded and why, and every loaded rule with its level, author,
// licence, file and what the policy does with what it finds.
import { useState } from 'preact/hooks'
import { api } from '../api'
import { lang, t } from '../i18n'
import { useChanges } from '../live'
import { Pager } from '../pager'
import { useLoad, useSignal } from '../state'
import { Level } from './alerts'
import { Facts } from './incident'
import { ProblemView } from './problem'

interface Rule {
  id: string
  title: string
  level: string
  status: string
  author: string
  license: string
  file: string
  description: string
  tags: string[]
  correlation: boolean
  reports: boolean
  action: 'incident' | 'alert' | 'ignore'
}
interface RuleProblem {
  file: string
  line: number
  code: string
  text: string // in the reader's language
  title?: string
}
interface Rules {
  rules: Rule[]
  problems: RuleProblem[]
  files: number
  policy: { incident_level: string; alert_level?: string; window_seconds: number }
}
interface Counters {
  received: number
  rejected: number
  queued: number
  capacity: number
  processed: number
  undecoded: number
  detections: number
  alerts: number
  failures: number
}

const kPageSize = 50

// 86400 → "24 時間"; a window that is no whole number of hours in minutes or seconds.
function duration(seconds: number): string {
  if (seconds % 3600 === 0) return t('ui.org_hours', { hours: seconds / 3600 })
  if (seconds % 60 === 0) return t('ui.rules_minutes', { minutes: seconds / 60 })
  return t('ui.rules_seconds', { seconds })
}

// A count, and a warning beside it when it is not zero.
function Count({ n, warn }: { n: number; warn?: string }) {
  return (
    <>
      {n.toLocaleString()}
      {warn && n > 0 && <strong class="warn"> {t(warn)}</strong>}
    </>
  )
}

function Ingestion({ c, onRefresh }: { c: Counters; onRefresh: () => void }) {
  return (
    <section aria-labelledby="ingest">
      <h2 id="ingest">{t('ui.ingest_title')}</h2>
      {c.capacity === 0 ? (
        <p>{t('ingest.off')}</p>
      ) : (
        <>
          <p>{t('ui.ingest_explain')}</p>
          <Facts
            rows={[
              ['ui.ingest_received', <Count n={c.received} />],
              ['ui.ingest_rejected', <Count n={c.rejected} warn="ui.ingest_rejected_warn" />],
              ['ui.ingest_queued', t('ui.ingest_queue', { lines: c.queued, capacity: c.capacity })],
              ['ui.ingest_processed', <Count n={c.processed} />],
              ['ui.ingest_undecoded', <Count n={c.undecoded} />],
              ['ui.ingest_detections', <Count n={c.detections} />],
              ['ui.ingest_alerts', <Count n={c.alerts} />],
              ['ui.ingest_failures', <Count n={c.failures} warn="ui.ingest_failures_warn" />],
            ]}
          />
        </>
      )}
      <p>
        <button type="button" onClick={onRefresh}>
          {t('ui.ingest_refresh')}
        </button>
      </p>
    </section>
  )
}

function RuleTable({ rules }: { rules: Rule[] }) {
  const [offset, setOffset] = useState(0)
  const shown = rules.slice(offset, offset + kPageSize)
  const next = offset + kPageSize < rules.length ? offset + kPageSize : undefined
  return (
    <>
      <table class="rules">
        <thead>
          <tr>
            <th scope="col">{t('ui.alert_rule')}</th>
            <th scope="col">{t('ui.alerts_level')}</th>
            <th scope="col">{t('ui.alert_author')}</th>
            <th scope="col">{t('ui.alert_license')}</th>
            <th scope="col">{t('ui.rules_action')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={`${r.file}/${r.id}`}>
              <td>
                <span class="data">{r.title}</span>
                {r.correlation && <span class="badge">{t('ui.rules_correlation')}</span>}
                <br />
                <small class="data">
                  <code>{r.file}</code> · {r.id}
                  {r.status && ` · ${r.status}`}
                </small>
              </td>
              <td>
                <Level level={r.level} />
              </td>
              <td class="data">{r.author || '—'}</td>
              <td class="data">{r.license || '—'}</td>
              <td>{r.reports ? t(`ui.rules_action.${r.action}`) : t('ui.rules_action_feeds')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rules.length > kPageSize && (
        <Pager page={{ total: rules.length, next_offset: next }} offset={offset} size={kPageSize} shown={shown.length} go={setOffset} />
      )}
    </>
  )
}

export function RulesPage() {
  const language = useSignal(lang)
  const [rules, setRules] = useState<Rules | null>(null)
  const [counters, setCounters] = useState<Counters | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [version, setVersion] = useState(0)
  const reload = () => setVersion((v) => v + 1)

  useLoad(
    () => Promise.all([api<Rules>('GET', '/rules'), api<Counters>('GET', '/ingest/counters')]),
    ([r, c]) => {
      setRules(r)
      setCounters(c)
      setError(null)
    },
    setError,
    [version, language],
  )
  // A new alert moves the counters on.
  useChanges((c) => c.action === 'alert.detect', reload, [])

  if (!rules || !counters) return <ProblemView error={error} />
  const p = rules.policy
  return (
    <section class="detection">
      <h1>{t('ui.rules_title')}</h1>
      <p>{t('ui.rules_explain')}</p>
      <ProblemView error={error} />

      <h2>{t('ui.rules_policy')}</h2>
      <ul>
        <li>{p.incident_level === 'none' ? t('ui.rules_policy_never') : t('ui.rules_policy_incident', { level: p.incident_level })}</li>
        {p.alert_level && <li>{t('ui.rules_policy_alert', { level: p.alert_level })}</li>}
        <li>{t('ui.rules_policy_window', { duration: duration(p.window_seconds) })}</li>
      </ul>

      <Ingestion c={counters} onRefresh={reload} />

      <h2>{t('ui.rules_problems')}</h2>
      {rules.problems.length === 0 ? (
        <p class="none">{t('ui.rules_problems_none', { files: rules.files })}</p>
      ) : (
        <>
          <p>{t('ui.rules_problems_count', { count: rules.problems.length })}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('ui.alert_rule_file')}</th>
                <th scope="col">{t('ui.alert_rule')}</th>
                <th scope="col">{t('ui.rules_why')}</th>
              </tr>
            </thead>
            <tbody>
              {rules.problems.map((r) => (
                <tr key={`${r.file}:${r.line}:${r.code}`}>
                  <td>
                    <code class="data">
                      {r.file}:{r.line}
                    </code>
                  </td>
                  <td class="data">{r.title ?? '—'}</td>
                  <td>{r.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <h2>{t('ui.rules_loaded', { count: rules.rules.length })}</h2>
      {rules.rules.length === 0 ? <p class="none">{t('ui.rules_none')}</p> : <RuleTable rules={rules.rules} />}
    </section>
  )
}
