// The first page: a way to report at once, then the picture in ten seconds — what needs me,
// what is overdue, and the open incidents by priority and state. It follows the journal live.
import { useState } from 'preact/hooks'
import { api } from '../api'
import type { Me } from '../session'
import { loadDirectory, personName } from '../directory'
import { lang, t } from '../i18n'
import { priorities, states, type Clock, type Incident } from '../incident'
import { useChanges } from '../live'
import { useLoad, useSignal } from '../state'
import { showLocal } from '../time'
import { controlName, type Control, type Occurrence } from './controls'
import { mayWatch } from '../detection'
import { ClockLine } from './obligations'
import { ProblemView } from './problem'
import { clauseHeading, type Readiness } from './readiness'

// The open incidents read in full for "needs me" and "overdue", most urgent first.
const kLooked = 20

interface Item {
  key: string
  title: string
  what: string
  due?: string
}

function needsMe(inc: Incident, me: string): Item[] {
  const out: Item[] = []
  const c = inc.convocation
  if (c && !c.convened_at && c.addressees.includes(me)) {
    out.push({ key: inc.key, title: inc.title, what: t('ui.dash_convocation') })
  }
  for (const k of inc.tasks) {
    if (k.assignee === me && (k.status === 'open' || k.status === 'in_progress')) {
      out.push({ key: inc.key, title: inc.title, what: `${t('show.tasks')} ${k.id}: ${k.title}`, due: k.due })
    }
  }
  for (const p of inc.prevention) {
    if (p.owner === me && !p.done) out.push({ key: inc.key, title: inc.title, what: p.text, due: p.due })
  }
  return out
}

function overdue(inc: Incident, now: Date): Item[] {
  const late = (due?: string) => due !== undefined && new Date(due.length === 10 ? `${due}T23:59:59` : due) < now
  const out: Item[] = []
  for (const k of inc.tasks) {
    if ((k.status === 'open' || k.status === 'in_progress') && late(k.due)) {
      out.push({ key: inc.key, title: inc.title, what: `${t('show.tasks')} ${k.id}: ${k.title}`, due: k.due })
    }
  }
  for (const x of inc.contacts) {
    if (late(x.follow_up_due)) {
      out.push({ key: inc.key, title: inc.title, what: `${t('show.follow_up')}: ${x.contact}`, due: x.follow_up_due })
    }
  }
  for (const p of inc.prevention) {
    if (!p.done && late(p.due)) out.push({ key: inc.key, title: inc.title, what: p.text, due: p.due })
  }
  return out
}

// G3.3, G5.1: the gaps in the preparation per clause, for those who close them (the readiness page
// has the list).
function ReadinessSummary({ language }: { language: string }) {
  const [report, setReport] = useState<Readiness | null>(null)
  const [error, setError] = useState<unknown>(null)
  useLoad(() => api<Readiness>('GET', '/readiness'), setReport, setError, [language])
  return (
    <section class="readiness-summary">
      <h2>{t('ui.readiness_dash')}</h2>
      <ProblemView error={error} />
      {report &&
        (report.gaps.length === 0 ? (
          <p class="none">{t('ui.readiness_none')}</p>
        ) : (
          <ul class="records">
            {Object.entries(report.counts)
              .filter(([, n]) => n > 0)
              .map(([clause, n]) => (
                <li key={clause}>
                  <a href="#/readiness">{clauseHeading(clause)}</a> <small>({n})</small>
                </li>
              ))}
          </ul>
        ))}
      <a href="#/readiness">{t('ui.readiness_all')}</a>
    </section>
  )
}

function Items({ items, zone, empty }: { items: Item[]; zone: string; empty: string }) {
  if (items.length === 0) return <p class="none">{t(empty)}</p>
  return (
    <ul class="records">
      {items.map((i, n) => (
        <li key={n}>
          <a href={`#/incidents/${i.key}`}>{i.key}</a> {i.what}
          {i.due && (
            <small>
              {' '}
              — {t('show.due')} {i.due.length === 10 ? i.due : showLocal(i.due, zone)}
            </small>
          )}
        </li>
      ))}
    </ul>
  )
}

export function Dashboard({ me, zone }: { me: Me; zone: string }) {
  const language = useSignal(lang)
  const [open, setOpen] = useState<Incident[] | null>(null)
  const [total, setTotal] = useState(0)
  const [details, setDetails] = useState<Incident[]>([])
  const [deadlines, setDeadlines] = useState<{ key: string; title: string; clock: Clock }[]>([])
  const [late, setLate] = useState<{ items: Occurrence[]; total: number; controls: Control[] }>({ items: [], total: 0, controls: [] })
  const [error, setError] = useState<unknown>(null)
  const [version, setVersion] = useState(0)

  useLoad(
    async () => {
      await loadDirectory()
      const page = await api<{ items: Incident[]; total: number }>('GET', '/incidents?open=true&limit=200')
      const urgent = [...page.items].sort((a, b) => a.priority.level.localeCompare(b.priority.level))
      const full = await Promise.all(urgent.slice(0, kLooked).map((i) => api<Incident>('GET', `/incidents/${i.key}`)))
      const duties = await api<{ items: { key: string; title: string; clock: Clock }[] }>('GET', '/deadlines')
      // G4.1, G4.2: routine work not done in time.
      const [overdueControls, catalog] = await Promise.all([
        api<{ items: Occurrence[]; total: number }>('GET', '/control-occurrences?state=overdue&limit=10'),
        api<{ items: Control[] }>('GET', '/controls'),
      ])
      return { urgent, total: page.total, full, duties: duties.items, late: { ...overdueControls, controls: catalog.items } }
    },
    (r) => {
      setOpen(r.urgent)
      setTotal(r.total)
      setDetails(r.full)
      setDeadlines(r.duties)
      setLate(r.late)
    },
    setError,
    [version, language],
  )
  useChanges((c) => c.subject.startsWith('INC-') || c.action.startsWith('control.'), () => setVersion((v) => v + 1), [])

  const now = new Date()
  const count = (p: string, s: string) => open?.filter((i) => i.priority.level === p && i.state === s).length ?? 0
  const shownStates = states.filter((s) => open?.some((i) => i.state === s))
  return (
    <section class="dashboard">
      <a class="button primary" href="#/report">
        {t('ui.report_title')}
      </a>
      <h1>{t('ui.dash_title')}</h1>
      <p>{t('ui.dash_hello', { person: personName(me.person) })}</p>
      <p class="binder">
        <a href="/api/v1/binder" download="sokuo-binder.html">
          {t('ui.binder_link')}
        </a>{' '}
        <small>{t('ui.binder_help')}</small>
      </p>
      <ProblemView error={error} />
      {open === null ? (
        !error && <p aria-busy="true">{t('ui.loading')}</p>
      ) : (
        <>
          <h2>{t('ui.dash_deadlines')}</h2>
          {deadlines.length === 0 ? (
            <p class="none">{t('ui.dash_no_deadlines')}</p>
          ) : (
            <ul class="records">
              {deadlines.map((d) => (
                <li key={`${d.key}/${d.clock.obligation}`}>
                  <a href={`#/incidents/${d.key}`}>{d.key}</a> <ClockLine c={d.clock} zone={zone} now={now} />
                </li>
              ))}
            </ul>
          )}
          <h2>{t('ui.dash_needs_me')}</h2>
          <Items items={details.flatMap((i) => needsMe(i, me.person))} zone={zone} empty="ui.dash_nothing" />
          <h2>{t('ui.dash_overdue')}</h2>
          <Items items={details.flatMap((i) => overdue(i, now))} zone={zone} empty="ui.dash_nothing" />
          <h2>{t('ui.dash_controls_overdue', { count: late.total })}</h2>
          {late.items.length === 0 ? (
            <p class="none">{t('ui.dash_nothing')}</p>
          ) : (
            <ul class="records">
              {late.items.map((o) => (
                <li key={o.id}>
                  <a href={`#/controls/${o.control}`}>{controlName(late.controls.find((c) => c.id === o.control), o.control)}</a>{' '}
                  <small>
                    — {t('show.due')} {showLocal(o.due_at, zone)}
                  </small>
                </li>
              ))}
            </ul>
          )}
          {mayWatch(me) && <ReadinessSummary language={language} />}
          <h2>{t('ui.dash_open', { count: total })}</h2>
          {open.length === 0 ? (
            <p class="none">{t('ui.incidents_none')}</p>
          ) : (
            <>
              <table class="matrix">
                <thead>
                  <tr>
                    <th scope="col">{t('ui.incidents_priority')}</th>
                    {shownStates.map((s) => (
                      <th scope="col" key={s}>
                        {t(`state.${s}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {priorities.map((p) => (
                    <tr key={p}>
                      <th scope="row" class={`priority ${p}`}>
                        {t(`ui.priority.${p}`)}
                      </th>
                      {shownStates.map((s) => (
                        <td key={s}>{count(p, s) || ''}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
              <ul class="records">
                {open.slice(0, 10).map((i) => (
                  <li key={i.key}>
                    <span class={`priority ${i.priority.level}`}>{t(`ui.priority.${i.priority.level}`)}</span>{' '}
                    <a href={`#/incidents/${i.key}`}>{i.key}</a> {i.title} <small>({t(`state.${i.state}`)})</small>
                  </li>
                ))}
              </ul>
              <a href="#/incidents">{t('ui.dash_all')}</a>
            </>
          )}
        </>
      )}
    </section>
  )
}
