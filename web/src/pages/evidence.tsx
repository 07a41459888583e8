// The evidence of an incident (G4.4.3): each file with its SHA-256, where and by whom it was
// collected, and its chain of custody; forms to add files, record a hand-over and its return,
// place or lift a legal hold and dispose of a file once the incident is over; and a check that
// reads every stored file through.
import { useState } from 'preact/hooks'
import { api } from '../api'
import { personName, systemName } from '../directory'
import { ActionForm } from '../form'
import { t } from '../i18n'
import { evidenceKinds, heldBy, type Evidence, type Incident } from '../incident'
import { localToRfc3339, showLocal } from '../time'
import { ProblemView } from './problem'

interface Props {
  inc: Incident
  base: string
  zone: string
  onDone: () => void
}

interface Checked {
  ok: boolean
  files: (Evidence & { incident: string; state: string })[]
}

function source(e: Evidence): string {
  return [e.source_host, e.source_path].filter(Boolean).join(':')
}

export function EvidenceSection({ inc, base, zone, onDone }: Props) {
  const when = (s?: string) => (s ? showLocal(s, zone) : '')
  const common = { zone, onDone }
  const [checked, setChecked] = useState<Checked | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const open = inc.state !== 'closed' && inc.state !== 'dismissed'
  const kept = inc.evidence.filter((e) => !e.disposed_at)
  const ids = (list: Evidence[]) => list.map((e) => String(e.id))
  const labels = Object.fromEntries(inc.evidence.map((e) => [String(e.id), `${e.id}. ${e.name}`]))

  async function verify() {
    setBusy(true)
    setError(null)
    try {
      setChecked(await api<Checked>('GET', `${base}/evidence/verify`))
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="evidence">
      <h2 id="evidence">{t('show.evidence')}</h2>
      {inc.legal_hold && (
        <p class="badges">
          <span class="badge hold">
            {t('ui.legal_hold_on', { reason: inc.legal_hold.reason, at: when(inc.legal_hold.at), by: personName(inc.legal_hold.by) })}
          </span>
        </p>
      )}
      {inc.evidence.length === 0 && <p class="none">{t('show.none')}</p>}
      <ul class="records evidence">
        {inc.evidence.map((e) => (
          <li key={e.id}>
            {e.id}.{' '}
            {e.disposed_at ? (
              <s>{e.name}</s>
            ) : (
              <a href={`/api/v1${base}/evidence/${e.id}/content`} download={e.name}>
                {e.name}
              </a>
            )}{' '}
            <small>
              {t(`ui.evidence.${e.kind}`)} · {e.bytes.toLocaleString()} B{e.system && ` · ${systemName(e.system)}`}
            </small>
            <br />
            <small>
              SHA-256 <code class="hash">{e.sha256}</code>
            </small>
            <br />
            <small>
              {t('ui.evidence_collected', {
                at: when(e.collected_at ?? e.added_at),
                by: personName(e.collected_by ?? e.added_by ?? ''),
              })}
              {source(e) && ` · ${t('show.source')}: ${source(e)}`}
              {e.method && ` · ${t('show.collection_method')}: ${e.method}`}
              {e.note && ` · ${e.note}`}
            </small>
            {e.disposed_at && <span class="badge">{t('ui.evidence_disposed', { at: when(e.disposed_at) })}</span>}
            {heldBy(e) && <span class="badge">{t('ui.evidence_held_by', { to: heldBy(e) })}</span>}
            {(e.custody ?? []).length > 0 && (
              <details>
                <summary>
                  {t('show.custody')} ({e.custody!.length})
                </summary>
                <ol>
                  {e.custody!.map((c, i) => (
                    <li key={i}>
                      {when(c.at)} {t(`ui.custody.${c.action}`)} {personName(c.by)}
                      {c.to && ` → ${c.to}`}
                      {c.purpose && ` — ${c.purpose}`}
                    </li>
                  ))}
                </ol>
              </details>
            )}
          </li>
        ))}
      </ul>
      {inc.evidence.length > 0 && (
        <p>
          <button type="button" disabled={busy} onClick={verify}>
            {t('ui.evidence_verify')}
          </button>{' '}
          {checked && (
            <span role="status" class={checked.ok ? 'ok' : 'error'}>
              {checked.ok
                ? t('ui.evidence_verified', { count: String(checked.files.filter((f) => f.state === 'ok').length) })
                : t('ui.evidence_not_verified', {
                    files: checked.files
                      .filter((f) => f.state === 'changed' || f.state === 'unreadable')
                      .map((f) => `${f.id}. ${f.name}`)
                      .join(', '),
                  })}
            </span>
          )}
        </p>
      )}
      <ProblemView error={error} />
      {open && (
        <ActionForm
          title="ui.act_evidence"
          method="POST"
          path={(v) => {
            const q = new URLSearchParams({ name: (v.file as File).name, kind: String(v.kind) })
            for (const k of ['system', 'source_host', 'source_path', 'method', 'note']) {
              if (v[k]) q.set(k, String(v[k]))
            }
            if (v.collected_at) q.set('collected_at', localToRfc3339(String(v.collected_at), zone))
            return `${base}/evidence?${q}`
          }}
          fields={[
            { name: 'file', kind: 'file', label: 'ui.f_file', required: true, path: true },
            { name: 'kind', kind: 'choice', label: 'ui.f_kind', options: evidenceKinds, prefix: 'ui.evidence', required: true, initial: 'other', path: true },
            { name: 'system', kind: 'choice', label: 'show.system', options: inc.systems, names: 'system', path: true },
            { name: 'source_host', kind: 'text', label: 'ui.f_source_host', path: true },
            { name: 'source_path', kind: 'text', label: 'ui.f_source_path', path: true },
            { name: 'collected_at', kind: 'when', label: 'ui.f_collected_at', path: true },
            { name: 'method', kind: 'text', label: 'show.collection_method', path: true },
            { name: 'note', kind: 'text', label: 'ui.f_note', path: true },
          ]}
          {...common}
        />
      )}
      {kept.length > 0 && (
        <ActionForm
          title="ui.act_custody"
          method="POST"
          path={(v) => `${base}/evidence/${String(v.id)}/custody`}
          fields={[
            { name: 'id', kind: 'choice', label: 'ui.f_evidence', options: ids(kept), labels, required: true, path: true, initial: String(kept[0].id) },
            { name: 'action', kind: 'choice', label: 'ui.f_custody_action', options: ['handed_over', 'returned'], prefix: 'ui.custody', required: true, initial: 'handed_over' },
            { name: 'to', kind: 'text', label: 'ui.f_custody_to' },
            { name: 'purpose', kind: 'text', label: 'ui.f_purpose' },
            { name: 'at', kind: 'when', label: 'ui.f_at' },
          ]}
          {...common}
        />
      )}
      <ActionForm
        title={inc.legal_hold ? 'ui.act_release_hold' : 'ui.act_legal_hold'}
        method="POST"
        path={`${base}/legal-hold`}
        fields={[{ name: 'reason', kind: 'text', label: 'ui.f_reason', required: true }]}
        shape={(sent) => ({ ...sent, hold: !inc.legal_hold })}
        {...common}
      />
      {!open && !inc.legal_hold && kept.length > 0 && (
        <ActionForm
          title="ui.act_dispose"
          method="POST"
          path={(v) => `${base}/evidence/${String(v.id)}/dispose`}
          fields={[
            { name: 'id', kind: 'choice', label: 'ui.f_evidence', options: ids(kept), labels, required: true, path: true, initial: String(kept[0].id) },
            { name: 'reason', kind: 'text', label: 'ui.f_reason', required: true },
          ]}
          {...common}
        />
      )}
    </section>
  )
}
