// The alerts the monitoring of logs raised (G4.2.3), newest first, a page at a time: the open
// ones by default, for the IS department to make incidents of or dismiss; filtered by state,
// level and a search. The page follows the journal live, as new alerts come in.
import { useState } from 'preact/hooks'
import { api } from '../api'
import { alertStates, levels, type Alert } from '../detection'
import { lang, t } from '../i18n'
import { useChanges } from '../live'
import { Pager } from '../pager'
import { SearchBox } from '../search'
import { useLoad, useSignal } from '../state'
import { showLocal } from '../time'
import { ProblemView } from './problem'

interface Page {
  items: Alert[]
  total: number
  offset: number
  next_offset?: number
}

const kPageSize = 20

// A level as a badge: the word, and a class that colours the high ones.
export function Level({ level }: { level: string }) {
  return <span class={`badge level ${level}`}>{t(`level.${level}`)}</span>
}

// What became of an alert, in a few words: still open, the incident it is part of, or dismissed.
export function AlertOutcome({ a }: { a: Alert }) {
  if (a.state === 'incident' && a.incident) {
    return (
      <>
        {t('ui.alert_state.incident')}: <a href={`#/incidents/${a.incident}`}>{a.incident}</a>
      </>
    )
  }
  return <>{t(`ui.alert_state.${a.state}`)}</>
}

export function AlertList({ zone }: { zone: string }) {
  const language = useSignal(lang)
  const [offset, setOffset] = useState(0)
  const [version, setVersion] = useState(0)
  const [state, setState] = useState('open')
  const [level, setLevel] = useState('')
  const [q, setQ] = useState('') // what was searched for
  const [page, setPage] = useState<Page | null>(null)
  const [error, setError] = useState<unknown>(null)

  useLoad(
    () => {
      const p = new URLSearchParams({ offset: String(offset), limit: String(kPageSize) })
      if (state) p.set('state', state)
      if (level) p.set('level', level)
      if (q) p.set('q', q)
      return api<Page>('GET', `/alerts?${p}`)
    },
    (r) => {
      setPage(r)
      setError(null)
    },
    setError,
    [offset, state, level, q, language, version],
  )
  useChanges((c) => c.action.startsWith('alert.'), () => setVersion((v) => v + 1), [])

  // A filter changed: back to the first page.
  const refilter = (set: (v: string) => void) => (e: Event) => {
    set((e.currentTarget as HTMLSelectElement).value)
    setOffset(0)
  }
  const filtered = state !== 'open' || level !== '' || q !== ''
  return (
    <section class="detection">
      <h1>{t('ui.alerts_title')}</h1>
      <p>{t('ui.alerts_explain')}</p>
      <p>
        <a href="#/rules">{t('ui.alerts_rules_link')}</a>
      </p>
      <div class="filters">
        <label>
          {t('ui.alerts_state')}
          <select value={state} onChange={refilter(setState)}>
            {alertStates.map((s) => (
              <option key={s} value={s}>
                {t(`ui.alert_state.${s}`)}
              </option>
            ))}
            <option value="">{t('ui.alerts_all')}</option>
          </select>
        </label>
        <label>
          {t('ui.alerts_level')}
          <select value={level} onChange={refilter(setLevel)}>
            <option value="">{t('ui.alerts_all')}</option>
            {levels.map((l) => (
              <option key={l} value={l}>
                {t('ui.alerts_at_least', { level: l })}
              </option>
            ))}
          </select>
        </label>
        <SearchBox
          label="ui.alerts_search"
          go={(text) => {
            setQ(text)
            setOffset(0)
          }}
        />
      </div>
      <ProblemView error={error} />
      {page && page.total === 0 && <p class="none">{t(filtered ? 'ui.alerts_none' : 'ui.alerts_none_open')}</p>}
      {page && page.items.length > 0 && (
        <table class="alerts">
          <thead>
            <tr>
              <th scope="col">{t('ui.alerts_key')}</th>
              <th scope="col">{t('ui.alerts_level')}</th>
              <th scope="col">{t('ui.alert_rule')}</th>
              <th scope="col">{t('ui.alert_group')}</th>
              <th scope="col">{t('ui.alert_detections')}</th>
              <th scope="col">{t('ui.alert_last')}</th>
              <th scope="col">{t('ui.alerts_state')}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((a) => (
              <tr key={a.key}>
                <td>
                  <a href={`#/alerts/${a.key}`}>{a.key}</a>
                </td>
                <td>
                  <Level level={a.level} />
                </td>
                <td class="data">{a.rule.title}</td>
                <td class="data">
                  <code>{a.group}</code>
                  {a.host && a.group !== `host=${a.host}` && <small> {a.host}</small>}
                </td>
                <td>{t('ui.alert_times', { count: a.detections })}</td>
                <td>{showLocal(a.last_at, zone)}</td>
                <td>
                  <AlertOutcome a={a} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && page.total > 0 && <Pager page={page} offset={offset} size={kPageSize} shown={page.items.length} go={setOffset} />}
    </section>
  )
}
