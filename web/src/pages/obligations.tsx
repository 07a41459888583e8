// Reporting duties and their clocks (G4.3.2c): on the incident page, each duty the facts
// trigger with its deadline and the time left (or how late), the filing that stopped it; a form
// to record a filing, or the committee's reason not to file.
import { contactName } from '../directory'
import { ActionForm } from '../form'
import { lang, t } from '../i18n'
import type { Clock, Incident } from '../incident'
import { showLocal } from '../time'

export const dutyName = (c: Clock) => (lang.get() === 'en' && c.name_en ? c.name_en : c.name)

// "2 days 3 hours left" or "3 days late", from now.
export function timeLeft(c: Clock, now: Date): string {
  if (c.state === 'late') return t('ui.duty_late', { days: c.late_days })
  if (!c.due) return ''
  const hours = Math.max(0, Math.floor((new Date(c.due).getTime() - now.getTime()) / 3600000))
  return t('ui.duty_left', { days: Math.floor(hours / 24), hours: hours % 24 })
}

export function ClockLine({ c, zone, now }: { c: Clock; zone: string; now: Date }) {
  return (
    <>
      <strong>{dutyName(c)}</strong>
      {c.recipient && ` — ${contactName(c.recipient)}`}{' '}
      <span class={`duty ${c.state}`}>{t(`ui.duty_state.${c.state}`)}</span>
      {c.due && ` · ${t('ui.duty_due', { at: showLocal(c.due, zone) })}`}
      {(c.state === 'open' || c.state === 'late') && !c.filing && ` · ${timeLeft(c, now)}`}
      {c.state === 'late' && c.filing && ` · ${t('ui.duty_late', { days: c.late_days })}`}
    </>
  )
}

export function Obligations({ inc, base, zone, onDone }: { inc: Incident; base: string; zone: string; onDone: () => void }) {
  const now = new Date()
  const open = inc.obligations.filter((c) => !c.filing)
  const evidence = Object.fromEntries(inc.evidence.map((e) => [String(e.id), `${e.id}: ${e.name}`]))
  return (
    <section aria-labelledby="duties">
      <h2 id="duties">{t('ui.duties_title')}</h2>
      {inc.obligations.length === 0 ? (
        <p class="none">{t('ui.duties_none')}</p>
      ) : (
        <ul class="records">
          {inc.obligations.map((c) => (
            <li key={c.obligation}>
              <ClockLine c={c} zone={zone} now={now} />
              {c.filing && (
                <small>
                  {' '}
                  —{' '}
                  {c.filing.waived
                    ? t('ui.duty_waived', { reason: c.filing.reason ?? '' })
                    : t('ui.duty_filed', { at: showLocal(c.filing.filed_at ?? '', zone), reference: c.filing.reference ?? '-' })}
                </small>
              )}
            </li>
          ))}
        </ul>
      )}
      {open.length > 0 && (
        <ActionForm
          title="ui.act_filing"
          method="POST"
          path={`${base}/filings`}
          fields={[
            {
              name: 'obligation',
              kind: 'choice',
              label: 'ui.f_duty',
              options: open.map((c) => c.obligation),
              labels: Object.fromEntries(open.map((c) => [c.obligation, dutyName(c)])),
              required: true,
              initial: open[0].obligation,
            },
            { name: 'filed_at', kind: 'when', label: 'ui.f_filed_at' },
            { name: 'reference', kind: 'text', label: 'ui.f_reference' },
            { name: 'evidence', kind: 'choice', label: 'ui.f_filed_report', options: Object.keys(evidence), labels: evidence },
            { name: 'note', kind: 'long', label: 'ui.f_note' },
            { name: 'waived', kind: 'check', label: 'ui.f_waived' },
            { name: 'reason', kind: 'long', label: 'ui.f_waive_reason' },
          ]}
          shape={async (sent) => (sent.evidence === undefined ? sent : { ...sent, evidence: Number(sent.evidence) })}
          zone={zone}
          onDone={onDone}
        />
      )}
    </section>
  )
}
