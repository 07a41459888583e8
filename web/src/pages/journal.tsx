// The journal, for administrators and auditors: every change in order, newest page first, its
// head (the number and hash an auditor writes down), and a check of the whole chain that says
// whether anything was altered since (G4.4.5).
import { useState } from 'preact/hooks'
import { api } from '../api'
import { loadDirectory, personName } from '../directory'
import { has, lang, t } from '../i18n'
import { useChanges } from '../live'
import { useLoad, useSignal } from '../state'
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
  evidence_files: number // checked against their size and SHA-256
}

const kPage = 50

// "cli:root" and "p-mori" alike: a person by name, anything else as it is.
const actorName = (actor: string) => (actor.startsWith('p-') ? personName(actor) : actor)

export function Journal({ zone }: { zone: string }) {
  useSignal(lang)
  const [head, setHead] = useState<Head | null>(null)
  // The page: the entries after `from`, at most `count` of them; null is the newest page.
  const [page, setPage] = useState<{ from: number; count: number } | null>(null)
  const [shown, setShown] = useState({ from: 0, count: kPage }) // the page on screen
  const [items, setItems] = useState<Entry[]>([])
  const [verified, setVerified] = useState<Verified | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [version, setVersion] = useState(0)

  useLoad(
    async () => {
      await loadDirectory()
      const h = await api<Head>('GET', '/journal/head')
      const p = page ?? { from: Math.max(0, h.seq - kPage), count: kPage }
      const read = await api<{ items: Entry[] }>('GET', `/journal?after=${p.from}&limit=${p.count}`)
      return { h, p, items: read.items }
    },
    (r) => {
      setHead(r.h)
      setShown(r.p)
      // Newest first. Entries about incidents the reader may not see are not in the answer.
      setItems([...r.items].reverse())
    },
    setError,
    [page, version],
  )
  useChanges(() => page === null, () => setVersion((v) => v + 1), [page])

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

  // Pages of kPage entries ending at the head; the oldest page may be shorter. Each entry is on
  // one page only, and a page whose entries are all hidden from the reader still leads on.
  const older = () =>
    setPage({ from: Math.max(0, shown.from - kPage), count: Math.min(kPage, shown.from) })
  const newer = () => {
    const next = shown.from + shown.count
    setPage(head && next + kPage >= head.seq ? null : { from: next, count: kPage })
  }
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
              ? t('ui.journal_ok', { entries: verified.entries, seq: verified.head.seq, files: verified.evidence_files })
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
          <button type="button" disabled={shown.from === 0} onClick={older}>
            {t('ui.journal_older')}
          </button>
          <button type="button" disabled={page === null} onClick={newer}>
            {t('ui.journal_newer')}
          </button>
        </nav>
      )}
    </section>
  )
}
