// The routine controls (G4.1, G4.2, G5.1): #/controls shows what is due — overdue first — with
// a form to record each as done, the findings that can still become an incident, and the
// catalog with each control's next start; #/controls/ID one control's history; and
// #/compliance, per control and per department, what was done on time, late or missed over a
// period. The page follows the journal live.
import { useState } from 'preact/hooks'
import { api } from '../api'
import { departmentName, loadDirectory, personName } from '../directory'
import { ActionForm } from '../form'
import { lang, t } from '../i18n'
import { useChanges } from '../live'
import { Pager } from '../pager'
import { useLoad, useSignal } from '../state'
import { localToRfc3339, showLocal } from '../time'
import { ProblemView } from './problem'

export interface Control {
  id: string
  name: string
  name_en?: string
  kind: 'prevention' | 'detection'
  clause?: string
  rule?: string
  department: string
  role?: string
  schedule: string
  evidence?: string
  source?: string
  open: number
  overdue: number
  next_start?: string
  last_done_at?: string
}

export interface Occurrence {
  id: string
  control: string
  starts_at: string
  due_at: string
  done: boolean
  state: 'open' | 'overdue' | 'on_time' | 'late'
  result?: 'ok' | 'findings'
  note?: string
  evidence?: string
  done_at?: string
  done_by?: string
  incident?: string
}

interface OccurrencePage {
  items: Occurrence[]
  total: number
  offset: number
  next_offset?: number
}

interface Count {
  on_time: number
  late: number
  missed: number
  open: number
}

interface Compliance {
  from: string
  to: string
  controls: (Count & { control: string; name?: string; name_en?: string; department?: string; clause?: string })[]
  departments: (Count & { department: string; name?: string; name_en?: string })[]
  total: Count
}

interface AccountReview {
  id: string
  host: string
  accounts: number
  groups: number
  first: boolean
  added: string[]
  removed: string[]
  new_privileged: { group: string; account: string }[]
  unknown: string[]
  by: string
  at: string
}

const kPageSize = 20

export const controlName = (c: { name?: string; name_en?: string } | undefined, id: string) =>
  c === undefined ? id : lang.get() === 'en' && c.name_en ? c.name_en : (c.name ?? id)

const occurrencePath = (o: Occurrence) => `/controls/${encodeURIComponent(o.control)}/occurrences/${encodeURIComponent(o.starts_at)}`

function State({ o }: { o: Occurrence }) {
  return <span class={`badge occurrence ${o.state}`}>{t(`occurrence_state.${o.state}`)}</span>
}

// One occurrence: what it is, when it is due, what was recorded, and what can be done with it.
function OccurrenceRow({ o, c, zone, onDone, history }: { o: Occurrence; c?: Control; zone: string; onDone: () => void; history: boolean }) {
  const [error, setError] = useState<unknown>(null)
  return (
    <li class={`occurrence ${o.state}`}>
      <State o={o} /> <strong class="data">{controlName(c, o.control)}</strong>
      {c?.clause && <small> {c.clause}</small>} · {t('ui.controls_due', { at: showLocal(o.due_at, zone) })}
      {o.done && (
        <p>
          {t('ui.controls_done_line', { at: showLocal(o.done_at ?? '', zone), by: o.done_by ? personName(o.done_by) : '' })} ·{' '}
          {t(`control_result.${o.result ?? 'ok'}`)}
          {o.note && <span class="data"> — {o.note}</span>}
          {o.evidence && (
            <>
              {' '}
              · {t('ui.controls_evidence')}: <span class="data">{o.evidence}</span>
            </>
          )}
          {o.incident && (
            <>
              {' '}
              · <a href={`#/incidents/${o.incident}`}>{o.incident}</a>
            </>
          )}
        </p>
      )}
      {o.done && o.result === 'findings' && !o.incident && (
        <p>
          <button
            type="button"
            onClick={() =>
              api<{ key: string }>('POST', `${occurrencePath(o)}/incident`).then((i) => {
                location.hash = `#/incidents/${i.key}`
              }, setError)
            }
          >
            {t('ui.controls_open_incident')}
          </button>
        </p>
      )}
      <ProblemView error={error} />
      {history && c?.clause === 'G4.2.4' && <AccountReviews o={o} zone={zone} />}
      {!o.done && c?.source === 'clamav' && <p class="none">{t('ui.controls_by_scan')}</p>}
      {!o.done && c?.evidence && (
        <p>
          <small>
            {t('ui.controls_evidence_asked')}: <span class="data">{c.evidence}</span>
          </small>
        </p>
      )}
      {!o.done && c?.source !== 'clamav' && (
        <ActionForm
          title="ui.controls_record"
          method="POST"
          path={`${occurrencePath(o)}/done`}
          fields={[
            { name: 'result', kind: 'choice', label: 'ui.controls_result', options: ['ok', 'findings'], prefix: 'control_result', initial: 'ok', required: true },
            { name: 'note', kind: 'long', label: 'ui.controls_note' },
            c?.evidence
              ? { name: 'evidence', kind: 'text', label: 'ui.controls_evidence_needed', required: true }
              : { name: 'evidence', kind: 'text', label: 'ui.controls_evidence' },
            { name: 'done_at', kind: 'when', label: 'ui.controls_done_at' },
          ]}
          zone={zone}
          onDone={onDone}
        />
      )}
    </li>
  )
}

// G4.2.4: the hosts' account listings kept with an occurrence, what changed since each host's
// previous review, and a form to add one (the output of `getent passwd; getent group`).
function AccountReviews({ o, zone }: { o: Occurrence; zone: string }) {
  const [reviews, setReviews] = useState<AccountReview[]>([])
  const [version, setVersion] = useState(0)
  const [error, setError] = useState<unknown>(null)
  useLoad(
    () => api<{ items: AccountReview[] }>('GET', `${occurrencePath(o)}/accounts`),
    (r) => setReviews(r.items),
    setError,
    [o.id, version],
  )
  const names = (list: string[]) => (list.length ? list.join(', ') : t('ui.accounts_none'))
  return (
    <div class="account-reviews">
      <ProblemView error={error} />
      {reviews.map((r) => (
        <section key={r.id} class="account-review" aria-label={t('ui.accounts_of', { host: r.host })}>
          <h3>{t('ui.accounts_of', { host: r.host })}</h3>
          <p>
            {t('ui.accounts_counts', { accounts: r.accounts, groups: r.groups })} · {showLocal(r.at, zone)}
            {r.first && <> · {t('ui.accounts_first')}</>}
          </p>
          <dl class="facts">
            {!r.first && (
              <>
                <div>
                  <dt>{t('ui.accounts_added')}</dt>
                  <dd class="data">{names(r.added)}</dd>
                </div>
                <div>
                  <dt>{t('ui.accounts_removed')}</dt>
                  <dd class="data">{names(r.removed)}</dd>
                </div>
                <div>
                  <dt>{t('ui.accounts_new_privileged')}</dt>
                  <dd class={r.new_privileged.length ? 'data late' : 'data'}>{names(r.new_privileged.map((g) => `${g.group}: ${g.account}`))}</dd>
                </div>
              </>
            )}
            <div>
              <dt>{t('ui.accounts_unknown')}</dt>
              <dd class={r.unknown.length ? 'data late' : 'data'}>{names(r.unknown)}</dd>
            </div>
          </dl>
        </section>
      ))}
      <ActionForm
        title="ui.accounts_review"
        method="POST"
        path={(v) => `${occurrencePath(o)}/accounts?${new URLSearchParams({ host: String(v.host ?? '') })}`}
        fields={[
          { name: 'host', kind: 'text', label: 'ui.accounts_host', required: true },
          { name: 'listing', kind: 'file', label: 'ui.accounts_file', required: true },
        ]}
        zone={zone}
        onDone={() => setVersion((v) => v + 1)}
      />
    </div>
  )
}

interface VirusScan {
  id: string
  host: string
  finished_at: string
  scanned_files: number
  infected_files: number
  complete: boolean
}

interface ScanDay {
  day: string
  hosts: { host: string; system: string; complete: boolean; scans: VirusScan[] }[]
  missing: string[]
}

// Today's scan of each host of the organization (G4.1.4), for a control proven by ClamAV.
function ScanTable({ zone }: { zone: string }) {
  const language = useSignal(lang)
  const [day, setDay] = useState<ScanDay | null>(null)
  const [version, setVersion] = useState(0)
  const [error, setError] = useState<unknown>(null)
  useLoad(() => api<ScanDay>('GET', '/virus-scans'), setDay, setError, [language, version])
  useChanges((c) => c.action === 'scan.received', () => setVersion((v) => v + 1), [])
  if (error) return <ProblemView error={error} />
  if (!day) return null
  return (
    <>
      <h2>{t('ui.scans_title', { day: day.day })}</h2>
      <table class="controls scans">
        <thead>
          <tr>
            <th scope="col">{t('ui.scans_host')}</th>
            <th scope="col">{t('ui.scans_at')}</th>
            <th scope="col">{t('ui.scans_files')}</th>
            <th scope="col">{t('ui.scans_infected')}</th>
          </tr>
        </thead>
        <tbody>
          {day.hosts.map((h) => {
            const last = h.scans.filter((s) => s.complete).pop() ?? h.scans[h.scans.length - 1]
            return (
              <tr key={h.host}>
                <td>
                  <code>{h.host}</code>
                </td>
                {last ? (
                  <>
                    <td>
                      {showLocal(last.finished_at, zone)}
                      {!last.complete && <small> {t('ui.scans_cut')}</small>}
                    </td>
                    <td>{last.scanned_files}</td>
                    <td class={last.infected_files > 0 ? 'late' : ''}>{last.infected_files}</td>
                  </>
                ) : (
                  <td colSpan={3} class="late">
                    {t('ui.scans_none')}
                  </td>
                )}
              </tr>
            )
          })}
        </tbody>
      </table>
      <p class={day.missing.length > 0 ? 'late' : 'none'}>
        {day.missing.length > 0 ? t('ui.scans_missing', { hosts: day.missing.join(', ') }) : t('ui.scans_all')}
      </p>
    </>
  )
}

// A day of `zone` as YYYY-MM-DD.
function dayIn(rfc3339: string | Date, zone: string): string {
  const d = typeof rfc3339 === 'string' ? new Date(rfc3339) : rfc3339
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d)
}

// The first instant of a month of `zone` ("2026-11"), as the UTC text the server keeps.
function monthStart(month: string, zone: string): string {
  return new Date(localToRfc3339(`${month}-01T00:00`, zone)).toISOString().replace('.000Z', 'Z')
}

function nextMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number)
  const d = new Date(Date.UTC(y, m - 1 + by, 1))
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

// The month's calendar of the routine controls: each day with the occurrences that started on
// it and their state, and the next start of each control that falls in the month.
function ControlCalendar({ zone, catalog, version }: { zone: string; catalog: Control[]; version: number }) {
  const language = useSignal(lang)
  const [month, setMonth] = useState(() => dayIn(new Date(), zone).slice(0, 7))
  const [items, setItems] = useState<Occurrence[]>([])
  const [error, setError] = useState<unknown>(null)
  useLoad(
    () => {
      const p = new URLSearchParams({ from: monthStart(month, zone), to: monthStart(nextMonth(month, 1), zone), limit: '500' })
      return api<OccurrencePage>('GET', `/control-occurrences?${p}`)
    },
    (r) => {
      setItems(r.items)
      setError(null)
    },
    setError,
    [month, language, version],
  )
  const byId = new Map(catalog.map((c) => [c.id, c]))
  const days = new Map<string, { o?: Occurrence; c: Control | undefined; id: string; planned?: string }[]>()
  const add = (day: string, entry: { o?: Occurrence; c: Control | undefined; id: string; planned?: string }) => {
    if (!days.has(day)) days.set(day, [])
    days.get(day)!.push(entry)
  }
  for (const o of [...items].reverse()) add(dayIn(o.starts_at, zone), { o, c: byId.get(o.control), id: o.control })
  for (const c of catalog) {
    if (c.next_start && dayIn(c.next_start, zone).startsWith(month)) add(dayIn(c.next_start, zone), { c, id: c.id, planned: c.next_start })
  }
  const sorted = [...days.entries()].sort(([a], [b]) => a.localeCompare(b))
  const weekday = (day: string) => new Intl.DateTimeFormat(lang.get() === 'ja' ? 'ja-JP' : 'en-GB', { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`))
  return (
    <section class="control-calendar" aria-labelledby="calendar">
      <h2 id="calendar">{t('ui.calendar_title', { month })}</h2>
      <p class="filters">
        <button type="button" onClick={() => setMonth(nextMonth(month, -1))}>
          {t('ui.calendar_previous')}
        </button>
        <button type="button" onClick={() => setMonth(nextMonth(month, 1))}>
          {t('ui.calendar_next')}
        </button>
      </p>
      <ProblemView error={error} />
      {sorted.length === 0 ? (
        <p class="none">{t('ui.calendar_empty')}</p>
      ) : (
        <dl class="calendar">
          {sorted.map(([day, entries]) => (
            <div key={day}>
              <dt>
                {day.slice(5).replace('-', '/')} ({weekday(day)})
              </dt>
              {entries.map((e) => (
                <dd key={`${e.id}/${e.o?.id ?? e.planned}`}>
                  {e.o ? <State o={e.o} /> : <span class="badge occurrence planned">{t('ui.calendar_planned')}</span>}{' '}
                  <a class="data" href={`#/controls/${e.id}`}>
                    {controlName(e.c, e.id)}
                  </a>
                </dd>
              ))}
            </div>
          ))}
        </dl>
      )}
    </section>
  )
}

export function ControlsPage({ zone, control }: { zone: string; control?: string }) {
  const language = useSignal(lang)
  const [catalog, setCatalog] = useState<Control[] | null>(null)
  const [page, setPage] = useState<OccurrencePage | null>(null)
  const [offset, setOffset] = useState(0)
  const [version, setVersion] = useState(0)
  const [error, setError] = useState<unknown>(null)

  useLoad(
    () => Promise.all([loadDirectory(), api<{ items: Control[] }>('GET', '/controls')]),
    ([, r]) => setCatalog(r.items),
    setError,
    [language, version],
  )
  useLoad(
    () => {
      const p = new URLSearchParams({ offset: String(offset), limit: String(kPageSize) })
      if (control) p.set('control', control)
      else p.set('pending', 'true')
      return api<OccurrencePage>('GET', `/control-occurrences?${p}`)
    },
    (r) => {
      // What is due: the overdue first. One control's history: the latest first.
      if (control === undefined) r.items.sort((a, b) => Number(b.state === 'overdue') - Number(a.state === 'overdue'))
      setPage(r)
      setError(null)
    },
    setError,
    [offset, control, language, version],
  )
  useChanges((c) => c.action.startsWith('control.') || c.action === 'org.import', () => setVersion((v) => v + 1), [])

  const byId = new Map((catalog ?? []).map((c) => [c.id, c]))
  const reload = () => setVersion((v) => v + 1)
  const one = control !== undefined ? byId.get(control) : undefined
  return (
    <section class="controls">
      <h1>{one ? controlName(one, one.id) : t('ui.controls_title')}</h1>
      <p>{one ? t('ui.controls_one_explain', { department: departmentName(one.department), schedule: one.schedule }) : t('ui.controls_explain')}</p>
      <p>
        {control !== undefined && <a href="#/controls">{t('ui.controls_back')}</a>} <a href="#/compliance">{t('ui.compliance_link')}</a>
      </p>
      <ProblemView error={error} />
      {one?.source === 'clamav' && <ScanTable zone={zone} />}
      <h2>{control !== undefined ? t('ui.controls_history') : t('ui.controls_due_title')}</h2>
      {page && page.items.length === 0 && <p class="none">{t(control !== undefined ? 'ui.controls_none_yet' : 'ui.controls_nothing_due')}</p>}
      {page && page.items.length > 0 && (
        <ul class="records">
          {page.items.map((o) => (
            <OccurrenceRow key={o.id} o={o} c={byId.get(o.control)} zone={zone} onDone={reload} history={control !== undefined} />
          ))}
        </ul>
      )}
      {page && page.total > 0 && <Pager page={page} offset={offset} size={kPageSize} shown={page.items.length} go={setOffset} />}
      {control === undefined && catalog && <ControlCalendar zone={zone} catalog={catalog} version={version} />}
      {control === undefined && catalog && (
        <>
          <h2>{t('ui.controls_catalog')}</h2>
          {catalog.length === 0 ? (
            <p class="none">{t('ui.controls_none')}</p>
          ) : (
            <table class="controls">
              <thead>
                <tr>
                  <th scope="col">{t('ui.controls_clause')}</th>
                  <th scope="col">{t('ui.controls_name')}</th>
                  <th scope="col">{t('ui.controls_department')}</th>
                  <th scope="col">{t('ui.controls_schedule')}</th>
                  <th scope="col">{t('ui.controls_next')}</th>
                  <th scope="col">{t('ui.controls_overdue')}</th>
                </tr>
              </thead>
              <tbody>
                {catalog.map((c) => (
                  <tr key={c.id}>
                    <td>{c.clause ?? ''}</td>
                    <td>
                      <a class="data" href={`#/controls/${c.id}`}>
                        {controlName(c, c.id)}
                      </a>{' '}
                      <small>{t(`control_kind.${c.kind}`)}</small>
                    </td>
                    <td>{departmentName(c.department)}</td>
                    <td>
                      <code>{c.schedule}</code>
                    </td>
                    <td>{c.next_start ? showLocal(c.next_start, zone) : '-'}</td>
                    <td class={c.overdue > 0 ? 'late' : ''}>{c.overdue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  )
}

// A day in the organization's zone, as YYYY-MM-DD.
function today(zone: string, back = 0): string {
  const d = new Date(Date.now() - back * 86400000)
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d)
}

function CountCells({ n }: { n: Count }) {
  return (
    <>
      <td>{n.on_time}</td>
      <td class={n.late > 0 ? 'late' : ''}>{n.late}</td>
      <td class={n.missed > 0 ? 'late' : ''}>{n.missed}</td>
      <td>{n.open}</td>
    </>
  )
}

function CountHead({ first }: { first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{t(first)}</th>
        <th scope="col">{t('occurrence_state.on_time')}</th>
        <th scope="col">{t('occurrence_state.late')}</th>
        <th scope="col">{t('ui.compliance_missed')}</th>
        <th scope="col">{t('occurrence_state.open')}</th>
      </tr>
    </thead>
  )
}

export function CompliancePage({ zone }: { zone: string }) {
  const language = useSignal(lang)
  const [from, setFrom] = useState(() => today(zone, 29))
  const [to, setTo] = useState(() => today(zone))
  const [view, setView] = useState<Compliance | null>(null)
  const [error, setError] = useState<unknown>(null)
  useLoad(
    () => Promise.all([loadDirectory(), api<Compliance>('GET', `/compliance?${new URLSearchParams({ from, to })}`)]),
    ([, v]) => {
      setView(v)
      setError(null)
    },
    setError,
    [from, to, language],
  )
  return (
    <section class="compliance">
      <h1>{t('ui.compliance_title')}</h1>
      <p>{t('ui.compliance_explain')}</p>
      <p>
        <a href="#/controls">{t('ui.controls_back')}</a>
      </p>
      <div class="filters">
        <label>
          {t('ui.compliance_from')}
          <input type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label>
          {t('ui.compliance_to')}
          <input type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        </label>
      </div>
      <ProblemView error={error} />
      {view && view.controls.length === 0 && <p class="none">{t('ui.controls_none')}</p>}
      {view && view.controls.length > 0 && (
        <>
          <h2>{t('ui.compliance_by_control')}</h2>
          <table class="compliance">
            <CountHead first="ui.controls_name" />
            <tbody>
              {view.controls.map((c) => (
                <tr key={c.control}>
                  <td>
                    <a class="data" href={`#/controls/${c.control}`}>
                      {controlName(c, c.control)}
                    </a>{' '}
                    <small>{c.clause ?? ''}</small>
                  </td>
                  <CountCells n={c} />
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('ui.compliance_by_department')}</h2>
          <table class="compliance">
            <CountHead first="ui.controls_department" />
            <tbody>
              {view.departments.map((d) => (
                <tr key={d.department}>
                  <td>{departmentName(d.department)}</td>
                  <CountCells n={d} />
                </tr>
              ))}
              <tr class="total">
                <th scope="row">{t('cli.compliance_total')}</th>
                <CountCells n={view.total} />
              </tr>
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}
