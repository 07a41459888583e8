// The journal, for administrators and auditors: every change in order, newest page first, its
// head (the number and hash an auditor writes down), and a check of the whole chain that says
// whether anything was altered since (G4.4.5).
import { useEffect, useState } from 'preact/hooks'
import { api } from '../api'
import { loadDirectory, personName } from '../directory'
import { has, lang, t } from '../i18n'
import { useChanges } from '../live'
import { useSignal } from '../state'
import { showLocal } from '../time'
import { ProblemView } from './problem'

interface Entry {
  seq: number
  at: string
  actor: string
  action: string
  subject: string
}
interface Head {
  seq: number
  hash: string
}
interface Verified {
  ok: boolean
  entries: number
  head: Head
  problems: string[] // in the reader's language
}

const kPage = 50

// "cli:root" and "p-mori" alike: a person by name, anything else as it is.
const actorName = (actor: string) => (actor.startsWith('p-') ? personName(actor) : actor)

export function Journal({ zone }: { zone: string }) {
  useSignal(lang)
  const [head, setHead] = useState<Head | null>(null)
  const [after, setAfter] = useState<number | null>(null) // null: the newest page
  const [items, setItems] = useState<Entry[]>([])
  const [verified, setVerified] = useState<Verified | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [version, setVersion] = useState(0)

  useEffect(() => {
    ;(async () => {
      await loadDirectory()
      const h = await api<Head>('GET', '/journal/head')
      const from = after ?? Math.max(0, h.seq - kPage)
      const page = await api<{ items: Entry[] }>('GET', `/journal?after=${from}&limit=${kPage}`)
      setHead(h)
      setItems([...page.items].reverse())
    })().catch(setError)
  }, [after, version])
  useChanges(() => after === null, () => setVersion((v) => v + 1), [after])

  async function verify() {
    setBusy(true)
    try {
      setVerified(await api<Verified>('GET', '/journal/verify'))
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  const first = items.length ? items[items.length - 1].seq : 0
  return (
    <section>
      <h1>{t('ui.journal_title')}</h1>
      <p>{t('ui.journal_explain')}</p>
      <ProblemView error={error} />
      {head && (
        <dl class="facts">
          <div>
            <dt>{t('ui.journal_head')}</dt>
            <dd>
              {head.seq} <code class="hash">{head.hash}</code>
            </dd>
          </div>
        </dl>
      )}
      <p>
        <button type="button" class="primary" disabled={busy} onClick={verify}>
          {t('ui.journal_verify')}
        </button>
      </p>
      {verified && (
        <div role="status" class={verified.ok ? 'verified' : 'problem'}>
          <p>
            {verified.ok
              ? t('ui.journal_ok', { entries: verified.entries, seq: verified.head.seq })
              : t('ui.journal_broken', { count: verified.problems.length })}
          </p>
          {!verified.ok && (
            <ul>
              {verified.problems.map((p, n) => (
                <li key={n}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('show.recorded')}</th>
            <th scope="col">{t('ui.timeline_who')}</th>
            <th scope="col">{t('ui.timeline_what')}</th>
            <th scope="col">{t('ui.journal_subject')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td>{showLocal(e.at, zone)}</td>
              <td>{actorName(e.actor)}</td>
              <td>{has(`action.${e.action}`) ? t(`action.${e.action}`) : <code>{e.action}</code>}</td>
              <td>
                {e.subject.startsWith('INC-') ? <a href={`#/incidents/${e.subject}`}>{e.subject}</a> : <code>{e.subject}</code>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {head && (
        <nav class="pager" aria-label={t('ui.pager')}>
          <button type="button" disabled={first <= 1} onClick={() => setAfter(Math.max(0, first - 1 - kPage))}>
            {t('ui.journal_older')}
          </button>
          <button type="button" disabled={after === null} onClick={() => setAfter(after! + 2 * kPage >= head.seq ? null : after! + kPage)}>
            {t('ui.journal_newer')}
          </button>
        </nav>
      )}
    </section>
  )
}
