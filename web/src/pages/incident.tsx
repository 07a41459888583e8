// One incident, the whole path on one page: where it stands and what is missing to move on,
// what was reported, and every section of the work (incident_work.tsx), with the timeline in
// the order things happened and when each was recorded. The page follows the journal live:
// when someone else records something, it reloads.
import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { api } from '../api'
import { departmentIds, departmentName, loadDirectory, personIds, personName, systemIds, systemName } from '../directory'
import { ActionForm } from '../form'
import { lang, list, t } from '../i18n'
import { detections, harms, milestones, roles, states, tlps, type Incident } from '../incident'
import { useChanges } from '../live'
import { me } from '../session'
import { useLoad, useSignal } from '../state'
import { showLocal } from '../time'
import { Work } from './incident_work'
import { DeliveryState, recipientName, type Delivery } from './notifications'
import { Obligations } from './obligations'
import { RecoveryPlanSection } from './plan'
import { ProblemView } from './problem'

interface TimelineEntry {
  action: string
  actor: string
  at: string
  event_at: string
  body?: { to?: string }
}
interface Notice {
  id: string
  kind: string
  created_at: string
  recipients: string[]
  deliveries: Delivery[]
}

// Label and value, one row each; a row without a value is left out.
export function Facts({ rows }: { rows: [string, ComponentChildren][] }) {
  const shown = rows.filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== false)
  if (shown.length === 0) return null
  return (
    <dl class="facts">
      {shown.map(([label, value]) => (
        <div key={label}>
          <dt>{t(label)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

export const names = (ids: string[] | undefined, name: (id: string) => string) =>
  ids && ids.length > 0 ? list(ids.map(name)) : undefined

export function IncidentPage({ id, zone }: { id: string; zone: string }) {
  const language = useSignal(lang)
  const [inc, setInc] = useState<Incident | null>(null)
  const [timeline, setTimeline] = useState<TimelineEntry[]>([])
  const [notices, setNotices] = useState<Notice[]>([])
  const [error, setError] = useState<unknown>(null)
  const [version, setVersion] = useState(0)
  const [busy, setBusy] = useState(false)
  const reload = () => setVersion((v) => v + 1)
  const person = useSignal(me)?.person
  const base = `/incidents/${id}`
  // The incident as the server has it now, for a change that sends a whole list back.
  const current = () => api<Incident>('GET', base)

  useLoad(
    () =>
      Promise.all([
        api<Incident>('GET', base),
        api<{ items: TimelineEntry[] }>('GET', `${base}/timeline`),
        api<{ items: Notice[] }>('GET', `${base}/notifications`),
        loadDirectory(),
      ]),
    ([i, tl, n]) => {
      setInc(i)
      setTimeline(tl.items)
      setNotices(n.items)
      setError(null)
    },
    setError,
    [id, version, language],
  )
  useChanges((c) => c.subject === id, reload, [id])

  // The one step most often taken: on to the next state, when nothing is missing.
  async function advance(to: string) {
    setBusy(true)
    try {
      await api('POST', `${base}/transitions`, { to })
      reload()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  // The API takes the whole list of participants: the list without this person.
  async function removeParticipant(person: string) {
    setBusy(true)
    try {
      const now = await current()
      await api('PATCH', base, { participants: now.participants.filter((p) => p.person !== person) })
      reload()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  if (!inc) return <ProblemView error={error} />
  const when = (s?: string) => (s ? showLocal(s, zone) : undefined)
  const common = { zone, onDone: reload }

  return (
    <article class="incident">
      <h1>
        <span class="key">{inc.key}</span> {inc.title}
      </h1>
      <p class="badges">
        <span class={`badge state ${inc.state}`}>{t(`state.${inc.state}`)}</span>
        <span class={`badge priority ${inc.priority.level}`}>{t(`ui.priority.${inc.priority.level}`)}</span>
        <span class="badge">TLP:{inc.tlp.toUpperCase()}</span>
        {inc.restricted && <span class="badge">{t('show.restricted')}</span>}
      </p>
      <ProblemView error={error} />

      <section class="next" aria-labelledby="next">
        <h2 id="next">{t('ui.next_title')}</h2>
        {inc.next ? (
          inc.next.missing.length === 0 ? (
            <p>
              <button type="button" class="primary" disabled={busy} onClick={() => advance(inc.next!.state)}>
                {t('ui.advance_to', { state: inc.next.state })}
              </button>
            </p>
          ) : (
            <>
              <p>{t('ui.next_missing', { state: inc.next.state })}</p>
              <ul>
                {inc.next.missing.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </>
          )
        ) : (
          <p>{t('ui.next_none')}</p>
        )}
        <ActionForm
          title="ui.act_transition"
          method="POST"
          path={`${base}/transitions`}
          fields={[
            { name: 'to', kind: 'choice', label: 'ui.f_to', options: states, prefix: 'state', required: true, initial: inc.next?.state ?? 'closed' },
            { name: 'reason', kind: 'text', label: 'ui.f_reason' },
            { name: 'at', kind: 'when', label: 'ui.f_at' },
          ]}
          {...common}
        />
      </section>

      <section aria-labelledby="reported">
        <h2 id="reported">{t('ui.section_report')}</h2>
        <Facts
          rows={[
            ['show.summary', inc.summary && <p class="text">{inc.summary}</p>],
            ['show.reported', `${when(inc.reported_at)} ${personName(inc.reported_by)}${inc.reporter_department ? ` (${departmentName(inc.reporter_department)})` : ''}`],
            ['show.occurred', when(inc.occurred_at)],
            ['show.aware', when(inc.aware_at)],
            ['show.detected', inc.detected_at && `${when(inc.detected_at)} ${inc.detection ? t(`ui.detection.${inc.detection}`) : ''}`],
            ['show.recorded', when(inc.recorded_at)],
            ['show.harm', `${t(`ui.harm.${inc.harm}`)}${inc.harm_note ? ` — ${inc.harm_note}` : ''}`],
            ['show.category', inc.category],
            ['show.systems', names(inc.systems, systemName)],
            ['show.departments', names(inc.departments, departmentName)],
            ['show.hosts', inc.hosts && list(inc.hosts.map((h) => (h.system ? `${h.host} (${systemName(h.system)})` : h.host)))],
            [
              'show.participants',
              inc.participants.length > 0 && (
                <ul>
                  {inc.participants.map((p) => (
                    <li key={p.person}>
                      {personName(p.person)} ({t(`ui.role.${p.role}`)}){' '}
                      <button
                        type="button"
                        class="link"
                        disabled={busy}
                        aria-label={`${t('ui.participant_remove')}: ${personName(p.person)}`}
                        onClick={() => removeParticipant(p.person)}
                      >
                        {t('ui.participant_remove')}
                      </button>
                    </li>
                  ))}
                </ul>
              ),
            ],
            // The server's words, naming the organization's data classes as it wrote them.
            ['show.priority', <ul class="data">{inc.priority.reasons.map((r) => <li key={r}>{r}</li>)}</ul>],
          ]}
        />
        <h3>{t('show.milestones')}</h3>
        <ol class="milestones">
          {milestones.map((m) => (
            <li key={m} class={inc.milestones[m] ? 'reached' : undefined}>
              {t(`show.m_${m}`)}: {when(inc.milestones[m]) ?? '—'}
            </li>
          ))}
        </ol>
        <ActionForm
          title="ui.act_update"
          method="PATCH"
          path={base}
          fields={[
            { name: 'title', kind: 'text', label: 'ui.f_title', initial: inc.title },
            { name: 'summary', kind: 'long', label: 'ui.f_summary', initial: inc.summary },
            { name: 'harm', kind: 'choice', label: 'show.harm', options: harms, prefix: 'ui.harm', required: true, initial: inc.harm },
            { name: 'harm_note', kind: 'text', label: 'ui.f_harm_note', initial: inc.harm_note },
            { name: 'category', kind: 'text', label: 'show.category', initial: inc.category },
            { name: 'detection', kind: 'choice', label: 'ui.f_detection', options: detections, prefix: 'ui.detection', initial: inc.detection },
            { name: 'occurred_at', kind: 'when', label: 'show.occurred', initial: inc.occurred_at },
            { name: 'aware_at', kind: 'when', label: 'show.aware', initial: inc.aware_at },
            { name: 'tlp', kind: 'choice', label: 'show.tlp', options: tlps, required: true, initial: inc.tlp },
            { name: 'restricted', kind: 'check', label: 'ui.f_restricted', initial: inc.restricted },
            { name: 'systems', kind: 'choices', label: 'show.systems', options: systemIds(), names: 'system', initial: inc.systems },
            { name: 'departments', kind: 'choices', label: 'show.departments', options: departmentIds(), names: 'department', initial: inc.departments },
          ]}
          {...common}
        />
        <ActionForm
          title="ui.act_host"
          method="PATCH"
          path={base}
          shape={async (b) => ({ hosts: [...((await current()).hosts ?? []), b] })}
          fields={[
            { name: 'host', kind: 'text', label: 'ui.f_host_name', required: true },
            { name: 'system', kind: 'choice', label: 'show.system', options: inc.systems, names: 'system', required: true, initial: inc.systems[0] },
          ]}
          {...common}
        />
        <ActionForm
          title="ui.act_participant"
          method="PATCH"
          path={base}
          shape={async (b) => ({ participants: [...(await current()).participants, { person: b.person, role: b.role }] })}
          fields={[
            { name: 'person', kind: 'choice', label: 'term.person', options: personIds(), names: 'person', required: true },
            { name: 'role', kind: 'choice', label: 'term.role', options: roles, prefix: 'ui.role', required: true, initial: 'responder' },
          ]}
          {...common}
        />
      </section>

      <Obligations inc={inc} base={base} zone={zone} onDone={reload} />

      <Work inc={inc} base={base} zone={zone} onDone={reload} current={current} />

      <RecoveryPlanSection base={base} zone={zone} version={version} />

      <section aria-labelledby="notices">
        <h2 id="notices">{t('ui.section_notices')}</h2>
        {notices.length === 0 ? (
          <p>{t('ui.notices_none')}</p>
        ) : (
          <ul>
            {notices.map((n) => (
              <li key={n.id}>
                {showLocal(n.created_at, zone)} {t(`ui.notice.${n.kind.replace('incident.', '')}`)}
                <ul class="deliveries">
                  {n.deliveries.map((d) => (
                    <li key={d.id}>
                      {recipientName(d)}: <DeliveryState d={d} zone={zone} />
                      {d.channel === 'email' && d.recipient === person && !d.acknowledged_at && (
                        <>
                          {' '}
                          <button type="button" onClick={() => api('POST', '/notifications/acknowledge', { id: d.id }).then(reload, setError)}>
                            {t('ui.msg_acknowledge')}
                          </button>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="timeline">
        <h2 id="timeline">{t('show.timeline')}</h2>
        <table class="timeline">
          <thead>
            <tr>
              <th scope="col">{t('ui.timeline_happened')}</th>
              <th scope="col">{t('ui.timeline_what')}</th>
              <th scope="col">{t('ui.timeline_who')}</th>
              <th scope="col">{t('show.recorded')}</th>
            </tr>
          </thead>
          <tbody>
            {timeline.map((e, n) => (
              <tr key={n}>
                <td>{showLocal(e.event_at, zone)}</td>
                <td>
                  {t(`action.${e.action}`)}
                  {e.body?.to && ` → ${t(`state.${e.body.to}`)}`}
                </td>
                <td>{personName(e.actor)}</td>
                <td>{showLocal(e.at, zone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </article>
  )
}
