// One alert (G4.2.3): the rule that fired (with its author and licence, which SigmaHQ's licence
// asks to keep), what it grouped and when, and the log lines it kept, the matching ones
// highlighted. An open alert offers what the IS department decides: a new incident, an open
// incident to join, or a dismissal with its reason; a decided one says what became of it and who
// decided. The page follows the journal live.
import { useState } from 'preact/hooks'
import { api } from '../api'
import { type Alert, type AlertLine, mayDecide } from '../detection'
import { loadDirectory, personName } from '../directory'
import { ActionForm } from '../form'
import { lang, list, t } from '../i18n'
import { useChanges } from '../live'
import { me } from '../session'
import { useLoad, useSignal } from '../state'
import { showLocal } from '../time'
import { AlertOutcome, Level } from './alerts'
import { Facts } from './incident'
import { ProblemView } from './problem'

interface OpenIncident {
  key: string
  title: string
}

// The alert policy decides as "system".
const decider = (id?: string) => (id === 'system' ? t('ui.alert_by_policy') : id && personName(id))

function Lines({ lines, zone }: { lines: AlertLine[]; zone: string }) {
  if (lines.length === 0) return <p class="none">{t('ui.alert_lines_none')}</p>
  return (
    <ol class="log">
      {lines.map((l) => (
        <li key={l.n} class={l.matched ? 'matched' : undefined}>
          <small class="data">
            {l.matched && <strong class="hit">{t('ui.alert_line_matched')}</strong>} {showLocal(l.at, zone)} · {l.source}
            {l.host && ` · ${l.host}`}
          </small>
          <code class="data">{l.text}</code>
        </li>
      ))}
    </ol>
  )
}

export function AlertPage({ id, zone }: { id: string; zone: string }) {
  const language = useSignal(lang)
  const person = useSignal(me)
  const [alert, setAlert] = useState<Alert | null>(null)
  const [incidents, setIncidents] = useState<OpenIncident[]>([])
  const [error, setError] = useState<unknown>(null)
  const [version, setVersion] = useState(0)
  const reload = () => setVersion((v) => v + 1)
  const base = `/alerts/${id}`
  const decides = Boolean(person && mayDecide(person))

  useLoad(
    async () => {
      await loadDirectory()
      const a = await api<Alert>('GET', base)
      // The incidents an open alert may join, for those who decide.
      const open =
        a.state === 'open' && decides
          ? (await api<{ items: OpenIncident[] }>('GET', '/incidents?open=true&limit=200')).items
          : []
      return { a, open }
    },
    ({ a, open }) => {
      setAlert(a)
      setIncidents(open)
      setError(null)
    },
    setError,
    [id, version, language, decides],
  )
  useChanges((c) => c.subject === id, reload, [id])

  if (!alert) return <ProblemView error={error} />
  const a = alert
  const when = (s?: string) => (s ? showLocal(s, zone) : undefined)
  const common = { zone, onDone: reload }
  const decided: [string, string | undefined][] = [
    ['ui.alert_decided_by', decider(a.decided_by)],
    ['ui.alert_decided_at', when(a.decided_at)],
  ]

  return (
    <article class="detection">
      <h1>
        <span class="key">{a.key}</span> <span class="data">{a.rule.title}</span>
      </h1>
      <p class="badges">
        <span class={`badge state ${a.state}`}>{t(`ui.alert_state.${a.state}`)}</span>
        <Level level={a.level} />
      </p>
      <ProblemView error={error} />

      <section class="next" aria-labelledby="decision">
        <h2 id="decision">{t(a.state === 'open' ? 'ui.alert_decide' : 'ui.alert_outcome')}</h2>
        {a.state === 'incident' && a.incident && (
          <>
            <p>
              <AlertOutcome a={a} />
            </p>
            <p>
              <a class="button primary" href={`#/incidents/${a.incident}`}>
                {t('ui.alert_open_incident', { key: a.incident })}
              </a>
            </p>
            <Facts
              rows={[
                ...decided,
                ['ui.alert_note', a.reason && <p class="text data">{a.reason}</p>],
                ['ui.alert_backdoor', a.backdoor && t('ui.alert_backdoor_found', { item: a.backdoor })],
              ]}
            />
          </>
        )}
        {a.state === 'dismissed' && (
          <>
            <p>{t('ui.alert_state.dismissed')}</p>
            <Facts rows={[['ui.alert_reason', <p class="text data">{a.reason}</p>], ...decided]} />
          </>
        )}
        {a.state === 'open' && !decides && <p>{t('ui.alert_read_only')}</p>}
        {a.state === 'open' && decides && (
          <>
            <p>{t('ui.alert_decide_explain')}</p>
            <ActionForm
              title="ui.alert_promote"
              method="POST"
              path={`${base}/promote`}
              fields={[{ name: 'note', kind: 'long', label: 'ui.alert_f_note' }]}
              {...common}
            />
            {incidents.length > 0 && (
              <ActionForm
                title="ui.alert_attach"
                method="POST"
                path={`${base}/attach`}
                fields={[
                  {
                    name: 'incident',
                    kind: 'choice',
                    label: 'ui.alert_f_incident',
                    options: incidents.map((i) => i.key),
                    labels: Object.fromEntries(incidents.map((i) => [i.key, `${i.key} ${i.title}`])),
                    required: true,
                    initial: incidents[0].key,
                  },
                  { name: 'note', kind: 'long', label: 'ui.alert_f_note' },
                ]}
                {...common}
              />
            )}
            <ActionForm
              title="ui.alert_dismiss"
              method="POST"
              path={`${base}/dismiss`}
              fields={[{ name: 'reason', kind: 'long', label: 'ui.alert_f_reason', required: true }]}
              {...common}
            />
          </>
        )}
      </section>

      <section aria-labelledby="detected">
        <h2 id="detected">{t('ui.alert_detected')}</h2>
        <Facts
          rows={[
            ['ui.alert_rule', <span class="data">{a.rule.title}</span>],
            ['ui.alert_description', a.rule.description && <p class="text data">{a.rule.description}</p>],
            ['ui.alert_author', a.rule.author && <span class="data">{a.rule.author}</span>],
            ['ui.alert_license', a.rule.license && <span class="data">{a.rule.license}</span>],
            ['ui.alert_rule_file', <code class="data">{a.rule.file}</code>],
            ['ui.alert_rule_id', <code class="data">{a.rule.id}</code>],
            ['ui.alert_tags', a.rule.tags.length > 0 && <span class="data">{list(a.rule.tags)}</span>],
            ['ui.alert_group', <code class="data">{a.group}</code>],
            ['ui.alert_host', a.host && <span class="data">{a.host}</span>],
            ['ui.alert_detections', t('ui.alert_times', { count: a.detections })],
            ['ui.alert_first', when(a.first_at)],
            ['ui.alert_last', when(a.last_at)],
            ['ui.alert_created', when(a.created_at)],
          ]}
        />
      </section>

      <section aria-labelledby="lines">
        <h2 id="lines">{t('ui.alert_lines', { count: a.lines?.length ?? 0 })}</h2>
        <p>{t('ui.alert_lines_explain')}</p>
        <Lines lines={a.lines ?? []} zone={zone} />
      </section>
    </article>
  )
}
