// Messages (G4.3.2): what sokuo sent, what waits and what failed, for administrators and the
// auditor, with a retry of a parked message; and the page an email's acknowledge link opens,
// which records that its reader saw the message.
import { useEffect, useState } from 'preact/hooks'
import { api } from '../api'
import { loadDirectory, personName } from '../directory'
import { lang, t } from '../i18n'
import { useChanges } from '../live'
import { type Me } from '../session'
import { useLoad, useSignal } from '../state'
import { showLocal } from '../time'
import { Pager } from '../pager'
import { ProblemView } from './problem'

export interface Delivery {
  id: string
  message: string
  subject: string
  kind: string
  channel: 'email' | 'webhook' | 'file'
  recipient: string
  address?: string
  lang?: string
  title: string
  status: 'pending' | 'sent' | 'failed'
  attempts: number
  next_at: string
  retryable: boolean
  sent_at?: string
  acknowledged_at?: string
  error?: { code: string; text: string }
}

const kPage = 50
const kStatuses = ['failed', 'pending', 'sent', ''] as const

// A person by name; a webhook by its id; the witness file of the journal head (G4.4.3).
export const recipientName = (d: Delivery) =>
  d.channel === 'email'
    ? personName(d.recipient)
    : d.channel === 'file'
      ? t('ui.msg_witness_file')
      : `${t('ui.msg_webhook')} ${d.recipient}`

// How one delivery fared, in a few words: sent (and seen), waiting, or failed and why.
export function DeliveryState({ d, zone }: { d: Delivery; zone: string }) {
  return (
    <span class={`delivery ${d.status}`}>
      {t(`ui.msg_status_${d.status}`)}
      {d.status === 'sent' && d.sent_at && ` ${showLocal(d.sent_at, zone)}`}
      {d.status === 'pending' && d.attempts > 0 && ` (${t('ui.msg_next', { at: showLocal(d.next_at, zone) })})`}
      {d.error && ` — ${d.error.text}`}
      {d.acknowledged_at && ` · ${t('ui.msg_seen', { at: showLocal(d.acknowledged_at, zone) })}`}
    </span>
  )
}

export function Messages({ me, zone }: { me: Me; zone: string }) {
  useSignal(lang)
  const [status, setStatus] = useState<(typeof kStatuses)[number]>('failed')
  const [offset, setOffset] = useState(0)
  const [page, setPage] = useState<{ items: Delivery[]; total: number; next_offset?: number } | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [version, setVersion] = useState(0)
  useLoad(
    async () => {
      await loadDirectory()
      const q = new URLSearchParams({ offset: String(offset), limit: String(kPage) })
      if (status) q.set('status', status)
      return api<{ items: Delivery[]; total: number; next_offset?: number }>('GET', `/notifications?${q}`)
    },
    setPage,
    setError,
    [status, offset, version],
  )
  useChanges((c) => c.action.startsWith('notification.') || c.action === 'incident.report', () => setVersion((v) => v + 1), [])

  async function retry(d: Delivery) {
    setError(null)
    try {
      await api('POST', '/notifications/retry', { id: d.id })
      setVersion((v) => v + 1)
    } catch (e) {
      setError(e)
    }
  }
  const admin = me.roles.includes('administrator')
  return (
    <section>
      <h1>{t('ui.msg_title')}</h1>
      <p>{t('ui.msg_explain')}</p>
      <div class="filters">
        <label>
          {t('ui.msg_filter')}
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.currentTarget.value as (typeof kStatuses)[number])
              setOffset(0)
            }}
          >
            {kStatuses.map((s) => (
              <option key={s} value={s}>
                {t(s ? `ui.msg_status_${s}` : 'ui.msg_all')}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ProblemView error={error} />
      {page && page.items.length === 0 && <p>{t(status === 'failed' ? 'ui.msg_none_failed' : 'ui.msg_none')}</p>}
      {page && page.items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('ui.msg_subject')}</th>
              <th>{t('ui.msg_recipient')}</th>
              <th>{t('ui.msg_state')}</th>
              <th>{t('ui.msg_attempts')}</th>
              {admin && <th>{t('ui.msg_action')}</th>}
            </tr>
          </thead>
          <tbody>
            {page.items.map((d) => (
              <tr key={d.id}>
                <td class="data">
                  {d.subject.startsWith('INC-') ? <a href={`#/incidents/${d.subject}`}>{d.title}</a> : d.title}
                </td>
                <td class="name">{recipientName(d)}</td>
                <td>
                  <DeliveryState d={d} zone={zone} />
                </td>
                <td>{d.attempts}</td>
                {admin && (
                  <td>
                    {d.retryable && (
                      <button type="button" onClick={() => retry(d)}>
                        {t('ui.msg_retry')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && page.total > 0 && <Pager page={page} offset={offset} size={kPage} shown={page.items.length} go={setOffset} />}
    </section>
  )
}

// #/ack/<delivery>: the link in an email. Opening it records that the reader saw the message.
export function Acknowledge({ id, zone }: { id: string; zone: string }) {
  useSignal(lang)
  const [done, setDone] = useState<Delivery | null>(null)
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    api<Delivery>('POST', '/notifications/acknowledge', { id }).then(setDone, setError)
  }, [id])
  return (
    <section>
      <h1>{t('ui.ack_title')}</h1>
      <ProblemView error={error} />
      {done && (
        <div role="status" class="verified">
          <p>{t('ui.ack_done', { at: showLocal(done.acknowledged_at ?? '', zone) })}</p>
          <p class="data">{done.title}</p>
          {done.subject.startsWith('INC-') && (
            <p>
              <a class="button primary" href={`#/incidents/${done.subject}`}>
                {t('ui.ack_open', { key: done.subject })}
              </a>
            </p>
          )}
        </div>
      )}
    </section>
  )
}
