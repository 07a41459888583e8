// The recovery plan (G5.2.1, G5.2.6) on the incident page: the affected systems in the order
// they come back, each with its start and 復旧目処 against its RTO, who restores it, a time chart,
// and what cannot be planned, with why. Recomputed from the server on every change.
import { useState } from 'preact/hooks'
import { api } from '../api'
import { personName, systemName } from '../directory'
import { t } from '../i18n'
import { useLoad } from '../state'
import { showLocal } from '../time'

type Step = {
  order: number
  system: string
  start_at: string
  finish_at: string
  work: { from: string; to: string }[]
  worker?: string
  rto_met: boolean
  rto_at?: string
  ask_is: boolean
}
type Unplanned = { system: string; reason: string; because: string[]; message: string }
export type RecoveryPlan = { subject: string; as_of: string; steps: Step[]; unplanned: Unplanned[]; running: string[] }

const ms = (at: string) => new Date(at).getTime()

// One bar per system across the plan's span: the intervals worked, and the RTO as a mark.
function Chart({ plan }: { plan: RecoveryPlan }) {
  const from = ms(plan.as_of)
  const to = Math.max(from + 3600000, ...plan.steps.map((s) => ms(s.finish_at)))
  const pct = (at: string) => `${(((ms(at) - from) / (to - from)) * 100).toFixed(2)}%`
  const width = (a: string, b: string) => `${Math.max(0.5, ((ms(b) - ms(a)) / (to - from)) * 100).toFixed(2)}%`
  return (
    <div class="plan-chart" role="img" aria-label={t('ui.plan_chart')}>
      {plan.steps.map((s) => (
        <div class="plan-row" key={s.system}>
          <span class="plan-name">{systemName(s.system)}</span>
          <span class="plan-track">
            {s.work.map((w) => (
              <span key={w.from} class={`plan-bar${s.rto_met ? '' : ' late'}`} style={{ left: pct(w.from), width: width(w.from, w.to) }} />
            ))}
            {s.work.length === 0 && <span class="plan-bar external" style={{ left: pct(s.finish_at), width: '0.5%' }} />}
            {s.rto_at && ms(s.rto_at) >= from && ms(s.rto_at) <= to && <span class="plan-rto" style={{ left: pct(s.rto_at) }} title={t('ui.plan_rto')} />}
          </span>
        </div>
      ))}
    </div>
  )
}

// `asOf`: the catalog code of the line that says whose hours the plan counts with.
export function RecoveryPlanSection({ base, zone, version, asOf = 'ui.plan_as_of' }: { base: string; zone: string; version: number; asOf?: string }) {
  const [plan, setPlan] = useState<RecoveryPlan | null>(null)
  const [error, setError] = useState<string>('')
  useLoad(
    () => api<RecoveryPlan>('GET', `${base}/plan`),
    (p) => {
      setPlan(p)
      setError('')
    },
    (e) => {
      setPlan(null)
      setError(String((e as { title?: string }).title ?? e))
    },
    [base, version],
  )
  return (
    <section aria-labelledby="plan">
      <h2 id="plan">{t('ui.plan_title')}</h2>
      {error && <p role="alert">{error}</p>}
      {plan && <p>{t(asOf, { at: showLocal(plan.as_of, zone) })}</p>}
      {plan && plan.steps.length === 0 && plan.unplanned.length === 0 && <p class="none">{t('ui.plan_none')}</p>}
      {plan && plan.steps.length > 0 && (
        <>
          <table class="plan">
            <thead>
              <tr>
                <th>{t('ui.plan_order')}</th>
                <th>{t('show.system')}</th>
                <th>{t('ui.plan_start')}</th>
                <th>{t('ui.plan_finish')}</th>
                <th>{t('ui.plan_worker')}</th>
                <th>{t('ui.plan_rto')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.steps.map((s) => (
                <tr key={s.system}>
                  <td>{s.order}</td>
                  <td>
                    {systemName(s.system)}
                    {s.ask_is && <small> {t('ui.plan_ask_is')}</small>}
                  </td>
                  <td>{showLocal(s.start_at, zone)}</td>
                  <td>{showLocal(s.finish_at, zone)}</td>
                  <td>{s.worker ? personName(s.worker) : t('plan.no_worker')}</td>
                  <td class={s.rto_met ? '' : 'late'}>
                    {s.rto_at ? (s.rto_met ? t('ui.plan_rto_met') : t('ui.plan_rto_missed', { at: showLocal(s.rto_at, zone) })) : '-'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Chart plan={plan} />
        </>
      )}
      {plan && plan.unplanned.length > 0 && (
        <>
          <h3>{t('ui.plan_unplanned')}</h3>
          <ul class="records">
            {plan.unplanned.map((u) => (
              <li key={u.system}>
                <strong>{systemName(u.system)}</strong>: {u.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
