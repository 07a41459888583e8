// Large-scale disasters (G5.2), newest first, and the form that declares one: the committee and
// the IS department are told, department heads are asked for the roll call. Follows the journal.
import { useState } from 'preact/hooks'
import { api } from '../api'
import { departmentIds, loadDirectory } from '../directory'
import { ActionForm } from '../form'
import { lang, t } from '../i18n'
import { useChanges } from '../live'
import { Pager } from '../pager'
import { useLoad, useSignal } from '../state'
import { showLocal } from '../time'
import { ProblemView } from './problem'

export const disasterKinds = ['earthquake', 'flood', 'fire', 'power_outage', 'pandemic', 'other'] as const

interface Summary {
  key: string
  title: string
  kind: string
  state: string
  declared_at?: string
  sites: string[]
}
interface Page {
  items: Summary[]
  total: number
  offset: number
  next_offset?: number
}

const kPageSize = 20

// 「本社、大阪倉庫」 or "HQ, Osaka": the items of a list typed on one line.
export const splitList = (text: string) => text.split(/[,、]\s*/).map((s) => s.trim()).filter(Boolean)

export function DisasterList({ zone }: { zone: string }) {
  const language = useSignal(lang)
  const [offset, setOffset] = useState(0)
  const [version, setVersion] = useState(0)
  const [page, setPage] = useState<Page | null>(null)
  const [error, setError] = useState<unknown>(null)
  useLoad(
    () =>
      Promise.all([
        api<Page>('GET', `/disasters?${new URLSearchParams({ offset: String(offset), limit: String(kPageSize) })}`),
        loadDirectory(), // the declare form chooses departments by id
      ]).then(([p]) => p),
    setPage,
    setError,
    [offset, language, version],
  )
  useChanges((c) => c.subject.startsWith('DIS-'), () => setVersion((v) => v + 1), [])
  return (
    <section>
      <h1>{t('ui.disasters_title')}</h1>
      <ActionForm
        title="ui.disaster_declare"
        method="POST"
        path="/disasters"
        zone={zone}
        fields={[
          { name: 'title', kind: 'text', label: 'ui.disaster_subject', required: true },
          { name: 'kind', kind: 'choice', label: 'ui.disaster_kind', options: disasterKinds, prefix: 'disaster_kind', required: true, initial: 'earthquake' },
          { name: 'summary', kind: 'long', label: 'ui.disaster_summary' },
          { name: 'sites', kind: 'text', label: 'ui.disaster_sites' },
          { name: 'departments', kind: 'choices', label: 'ui.disaster_departments', options: departmentIds(), names: 'department' },
          { name: 'at', kind: 'when', label: 'ui.disaster_at' },
        ]}
        shape={(b) => (b.sites ? { ...b, sites: splitList(String(b.sites)) } : b)}
        onDone={(d) => {
          location.hash = `#/disasters/${(d as Summary).key}`
        }}
      />
      <ProblemView error={error} />
      {page && page.total === 0 && <p class="none">{t('ui.disasters_none')}</p>}
      {page && page.items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('ui.incidents_key')}</th>
              <th scope="col">{t('ui.disaster_kind')}</th>
              <th scope="col">{t('ui.incidents_state')}</th>
              <th scope="col">{t('ui.disaster_subject')}</th>
              <th scope="col">{t('ui.disaster_at')}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((d) => (
              <tr key={d.key}>
                <td>
                  <a href={`#/disasters/${d.key}`}>{d.key}</a>
                </td>
                <td>{t(`disaster_kind.${d.kind}`)}</td>
                <td>{t(`disaster_state.${d.state}`)}</td>
                <td>{d.title}</td>
                <td>{d.declared_at ? showLocal(d.declared_at, zone) : '-'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && <Pager page={page} offset={offset} size={kPageSize} shown={page.items.length} go={setOffset} />}
    </section>
  )
}
