// The incidents the reader may see, newest first, with state and priority, a page at a time,
// filtered by state, priority, the days they were reported (in the organization's zone) and a
// search of the title and summary; the page follows the journal live.
import { useState } from 'preact/hooks'
import { api } from '../api'
import { lang, t } from '../i18n'
import { useChanges } from '../live'
import { useLoad, useSignal } from '../state'
import { priorities, states } from '../incident'
import { localToRfc3339, showLocal } from '../time'
import { Pager } from '../pager'
import { SearchBox } from '../search'
import { ProblemView } from './problem'

interface Summary {
  key: string
  title: string
  state: string
  reported_at: string
  priority: { level: string }
}
interface Page {
  items: Summary[]
  total: number
  offset: number
  next_offset?: number
}

const kPageSize = 20

// "2026-11-30" → "2026-12-01": the first moment after a day given as the last one.
function dayAfter(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)
}

export function IncidentList({ zone }: { zone: string }) {
  const language = useSignal(lang)
  const [offset, setOffset] = useState(0)
  const [version, setVersion] = useState(0)
  const [openOnly, setOpenOnly] = useState(true)
  const [state, setState] = useState('')
  const [priority, setPriority] = useState('')
  const [search, setSearch] = useState('') // what was searched for
  const [from, setFrom] = useState('') // reported on or after this day
  const [to, setTo] = useState('') // reported on or before this day
  const [page, setPage] = useState<Page | null>(null)
  const [error, setError] = useState<unknown>(null)

  useLoad(
    () => {
      const q = new URLSearchParams({ offset: String(offset), limit: String(kPageSize) })
      if (openOnly) q.set('open', 'true')
      if (state) q.set('state', state)
      if (priority) q.set('priority', priority)
      if (search) q.set('q', search)
      if (from) q.set('from', localToRfc3339(`${from}T00:00`, zone))
      if (to) q.set('to', localToRfc3339(`${dayAfter(to)}T00:00`, zone))
      return api<Page>('GET', `/incidents?${q}`)
    },
    (r) => {
      setPage(r)
      setError(null)
    },
    setError,
    [offset, openOnly, state, priority, search, from, to, language, version],
  )
  useChanges((c) => c.subject.startsWith('INC-'), () => setVersion((v) => v + 1), [])

  return (
    <section>
      <h1>{t('ui.incidents_title')}</h1>
      <div class="filters">
        <label class="choice">
          <input
            type="checkbox"
            checked={openOnly}
            onChange={(e) => {
              setOpenOnly(e.currentTarget.checked)
              setOffset(0)
            }}
          />
          {t('ui.incidents_open_only')}
        </label>
        <label>
          {t('ui.incidents_state')}
          <select
            value={state}
            onChange={(e) => {
              setState(e.currentTarget.value)
              setOffset(0)
            }}
          >
            <option value="">{t('ui.form_unset')}</option>
            {states.map((s) => (
              <option key={s} value={s}>
                {t(`state.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('ui.incidents_priority')}
          <select
            value={priority}
            onChange={(e) => {
              setPriority(e.currentTarget.value)
              setOffset(0)
            }}
          >
            <option value="">{t('ui.form_unset')}</option>
            {priorities.map((p) => (
              <option key={p} value={p}>
                {t(`ui.priority.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('ui.incidents_reported_from')}
          <input
            type="date"
            value={from}
            onChange={(e) => {
              setFrom(e.currentTarget.value)
              setOffset(0)
            }}
          />
        </label>
        <label>
          {t('ui.incidents_reported_to')}
          <input
            type="date"
            value={to}
            onChange={(e) => {
              setTo(e.currentTarget.value)
              setOffset(0)
            }}
          />
        </label>
        <SearchBox
          label="ui.incidents_search"
          go={(text) => {
            setSearch(text)
            setOffset(0)
          }}
        />
      </div>
      <ProblemView error={error} />
      {page && page.total === 0 && <p>{t('ui.incidents_none')}</p>}
      {page && page.items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('ui.incidents_key')}</th>
              <th scope="col">{t('ui.incidents_priority')}</th>
              <th scope="col">{t('ui.incidents_state')}</th>
              <th scope="col">{t('ui.incidents_subject')}</th>
              <th scope="col">{t('ui.incidents_reported')}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((i) => (
              <tr key={i.key}>
                <td>
                  <a href={`#/incidents/${i.key}`}>{i.key}</a>
                </td>
                <td class={`priority ${i.priority.level}`}>{t(`ui.priority.${i.priority.level}`)}</td>
                <td>{t(`state.${i.state}`)}</td>
                <td>{i.title}</td>
                <td>{showLocal(i.reported_at, zone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && <Pager page={page} offset={offset} size={kPageSize} shown={page.items.length} go={setOffset} />}
    </section>
  )
}
