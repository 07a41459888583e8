// One disaster's board (G5.2): what blocks closing and which exemptions are in force, the damage
// survey as departments × items with what is still unknown, who can work against each
// department's action-plan roles, the systems not back with their 復旧目処, the recovery plan as a
// time chart, vendor requests, emergency measures, and every plan version kept. The roll-call
// form comes first at #/disasters/KEY/rollcall, the page a department head's message links to,
// and is short enough for a phone. Follows the journal live.
import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { api } from '../api'
import { contactIds, departmentIds, departmentName, loadDirectory, personIds, personName, systemIds, systemName } from '../directory'
import { ActionForm, type Field } from '../form'
import { recoveryStatuses, taskStatuses } from '../incident'
import { contactFields, contactShape, decisionFields } from '../records'
import { lang, list, t } from '../i18n'
import { useChanges } from '../live'
import { useLoad, useSignal } from '../state'
import { showLocal } from '../time'
import { splitList } from './disasters'
import { Facts } from './incident'
import { RecoveryPlanSection } from './plan'
import { ProblemView } from './problem'

interface Availability {
  person: string
  can_work: boolean
  from?: string
  hours_per_day?: number
  where: string
  note?: string
}
interface Disaster {
  key: string
  title: string
  kind: string
  state: string
  summary?: string
  sites: string[]
  areas: string[]
  departments: string[]
  declared_by?: string
  declared_at?: string
  close_reason?: string
  decisions: { id: number; kind: string; text: string; decided_by: string; decided_at: string }[]
  contacts: { id: number; audience: string; contact: string; summary: string; at: string; approved_by?: number }[]
  tasks: { id: number; title: string; status: string; assignee?: string }[]
  vendor_requests: { id: number; vendor: string; system?: string; state: string; under_contract: boolean; answer?: string; eta?: string }[]
  plans: { id: number; at: string; cause: string; steps: unknown[]; unplanned: unknown[] }[]
  survey_matrix: { items: string[]; rows: { department: string; cells: Record<string, string> }[]; unknown: unknown[] }
  media: { medium: string; confidentiality: string; status: string }[]
  staff: {
    department: string
    people: { person: string; called_in: boolean; available_now: boolean; latest: Availability | null }[]
    roles: { title: string; person: string; deputies: string[]; filled_by: string }[]
  }[]
  outlook: { system: string; status: string; owner: string; ask_is_department: boolean; eta?: string; note?: string; workaround?: string }[]
  active_exemptions: { id: number; rule: string; scope?: string; expires_at: string }[]
  close_blocks: string[]
}

const surveyItems = ['telephones', 'power', 'network', 'systems', 'confidential_media']
const surveyStatuses = ['ok', 'degraded', 'down', 'unknown']
const workPlaces = ['office', 'home', 'alternate_site', 'other']
const vendorStates = ['answered', 'done', 'declined']

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t(title)}</h2>
      {children}
    </section>
  )
}

function RollCall({ base, zone, open, onDone }: { base: string; zone: string; open: boolean; onDone: () => void }) {
  const fields: Field[] = [
    { name: 'person', kind: 'choice', label: 'ui.rollcall_person', options: personIds(), names: 'person', required: true },
    { name: 'can_work', kind: 'choice', label: 'ui.rollcall_can_work', options: ['true', 'false'], labels: { true: t('ui.rollcall_yes'), false: t('ui.rollcall_no') }, required: true, initial: 'true' },
    { name: 'from', kind: 'when', label: 'ui.rollcall_from' },
    { name: 'hours_per_day', kind: 'number', label: 'ui.rollcall_hours' },
    { name: 'where', kind: 'choice', label: 'ui.rollcall_where', options: workPlaces, prefix: 'work_place', required: true, initial: 'office' },
    { name: 'skills', kind: 'text', label: 'ui.rollcall_skills' },
    { name: 'note', kind: 'text', label: 'ui.rollcall_note' },
  ]
  return (
    <ActionForm
      title="ui.rollcall_record"
      method="POST"
      path={`${base}/rollcall`}
      fields={fields}
      zone={zone}
      open={open}
      shape={(b) => (b.skills ? { ...b, skills: splitList(String(b.skills)) } : b)}
      onDone={onDone}
    />
  )
}

export function DisasterPage({ id, zone, rollcall }: { id: string; zone: string; rollcall: boolean }) {
  const language = useSignal(lang)
  const [d, setD] = useState<Disaster | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [version, setVersion] = useState(0)
  const base = `/disasters/${id}`
  // The forms choose people, systems and departments by id: the directory comes with the disaster.
  useLoad(
    () => Promise.all([api<Disaster>('GET', base), loadDirectory()]).then(([disaster]) => disaster),
    setD,
    setError,
    [id, language, version],
  )
  useChanges((c) => c.subject === id, () => setVersion((v) => v + 1), [id])
  const reload = () => setVersion((v) => v + 1)
  if (!d) return <ProblemView error={error} />
  const open = d.state !== 'closed'
  const when = (at?: string) => (at ? showLocal(at, zone) : '-')
  const common = { zone, onDone: reload }
  return (
    <article class="disaster">
      <h1>
        {d.key} {d.title}
      </h1>
      <p class={`state ${d.state}`}>
        {t(`disaster_state.${d.state}`)} · {t(`disaster_kind.${d.kind}`)}
      </p>
      <ProblemView error={error} />
      {open && <RollCall base={base} open={rollcall} {...common} />}
      <Facts
        rows={[
          ['ui.disaster_at', when(d.declared_at)],
          ['ui.disaster_declared_by', d.declared_by && personName(d.declared_by)],
          ['ui.disaster_sites_shown', d.sites.length > 0 && list(d.sites)],
          ['ui.disaster_areas', d.areas.length > 0 && list(d.areas)],
          ['ui.disaster_departments', d.departments.length > 0 && list(d.departments.map(departmentName))],
          ['ui.disaster_summary', d.summary],
          ['ui.disaster_close_reason', d.close_reason],
        ]}
      />
      <p class="paper">
        <a href={`/api/v1${base}/report`} download={`${d.key}.html`}>
          {t('ui.disaster_report')}
        </a>
      </p>
      {open && d.close_blocks.length > 0 && <p class="blocks">{t('ui.disaster_close_blocked_count', { count: d.close_blocks.length })}</p>}
      {d.active_exemptions.length > 0 && (
        <ul class="exemptions">
          {d.active_exemptions.map((x) => (
            <li key={x.id}>{t('ui.disaster_exemption', { rule: x.rule, scope: x.scope ?? '-', until: when(x.expires_at) })}</li>
          ))}
        </ul>
      )}

      <Section id="survey" title="ui.disaster_survey">
        {d.survey_matrix.unknown.length > 0 && <p class="unknown-count">{t('ui.disaster_unknown', { count: d.survey_matrix.unknown.length })}</p>}
        <div class="scroll">
          <table class="survey matrix">
            <thead>
              <tr>
                <th scope="col">{t('term.department')}</th>
                {d.survey_matrix.items.map((i) => (
                  <th scope="col" key={i}>
                    {t(`survey_item.${i}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.survey_matrix.rows.map((r) => (
                <tr key={r.department}>
                  <th scope="row">{departmentName(r.department)}</th>
                  {d.survey_matrix.items.map((i) => (
                    <td key={i} class={`survey-${r.cells[i]}`}>
                      {t(`survey_status.${r.cells[i]}`)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {d.media.length > 0 && (
          <ul class="records">
            {d.media.map((m) => (
              <li key={m.medium}>
                {m.medium} ({t(`confidentiality.${m.confidentiality}`)}): <span class={`survey-${m.status}`}>{t(`survey_status.${m.status}`)}</span>
              </li>
            ))}
          </ul>
        )}
        {open && (
          <ActionForm
            title="ui.survey_record"
            method="POST"
            path={`${base}/survey`}
            fields={[
              { name: 'department', kind: 'choice', label: 'term.department', options: departmentIds(), names: 'department', required: true },
              { name: 'item', kind: 'choice', label: 'ui.survey_item', options: surveyItems, prefix: 'survey_item', required: true, initial: 'power' },
              { name: 'status', kind: 'choice', label: 'ui.survey_status', options: surveyStatuses, prefix: 'survey_status', required: true, initial: 'down' },
              { name: 'site', kind: 'text', label: 'ui.survey_site' },
              { name: 'target', kind: 'text', label: 'ui.survey_target', options: systemIds(), names: 'system' },
              { name: 'note', kind: 'text', label: 'ui.rollcall_note' },
              { name: 'at', kind: 'when', label: 'ui.survey_at' },
            ]}
            shape={(b) => ({ entries: [b] })}
            {...common}
          />
        )}
      </Section>

      <Section id="staff" title="ui.disaster_staff">
        {d.staff.map((s) => (
          <div key={s.department} class="staff">
            <h3>
              {departmentName(s.department)}{' '}
              <small>{t('ui.disaster_available', { available: s.people.filter((p) => p.available_now).length, people: s.people.length })}</small>
            </h3>
            {s.roles.length > 0 && (
              <ul class="records">
                {s.roles.map((r) => (
                  <li key={r.title} class={r.filled_by ? '' : 'unfilled'}>
                    {r.title}: {r.filled_by ? personName(r.filled_by) : t('ui.disaster_role_unfilled')}
                  </li>
                ))}
              </ul>
            )}
            <ul class="people">
              {s.people
                .filter((p) => p.latest)
                .map((p) => (
                  <li key={p.person}>
                    {personName(p.person)}: {p.latest?.can_work ? t('ui.disaster_can_work', { where: t(`work_place.${p.latest.where}`) }) : t('ui.disaster_cannot_work')}
                    {p.latest?.from && <small> {t('ui.rollcall_from')} {when(p.latest.from)}</small>}
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </Section>

      <Section id="outlook" title="ui.disaster_outlook">
        {d.outlook.length === 0 && <p class="none">{t('ui.disaster_all_back')}</p>}
        {d.outlook.length > 0 && (
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('show.system')}</th>
                  <th scope="col">{t('ui.survey_status')}</th>
                  <th scope="col">{t('ui.plan_finish')}</th>
                  <th scope="col">{t('ui.rollcall_note')}</th>
                </tr>
              </thead>
              <tbody>
                {d.outlook.map((o) => (
                  <tr key={o.system}>
                    <td>
                      {systemName(o.system)}
                      {o.ask_is_department && <small> {t('ui.plan_ask_is')}</small>}
                    </td>
                    <td class={`survey-${o.status}`}>{t(`survey_status.${o.status}`)}</td>
                    <td>{when(o.eta)}</td>
                    <td>{o.note ?? o.workaround ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {open && (
          <ActionForm
            title="ui.progress_record"
            method="POST"
            path={`${base}/progress`}
            fields={[
              { name: 'system', kind: 'choice', label: 'show.system', options: systemIds(), names: 'system', required: true },
              { name: 'status', kind: 'choice', label: 'ui.survey_status', options: recoveryStatuses, prefix: 'recovery_status', required: true, initial: 'restoring' },
              { name: 'eta', kind: 'when', label: 'ui.plan_finish' },
              { name: 'note', kind: 'text', label: 'ui.progress_note' },
              { name: 'at', kind: 'when', label: 'ui.survey_at' },
            ]}
            {...common}
          />
        )}
      </Section>

      <RecoveryPlanSection base={base} zone={zone} version={version} asOf="ui.disaster_plan_as_of" />
      <Section id="versions" title="ui.plan_versions">
        <ul class="records">
          {d.plans
            .slice()
            .reverse()
            .map((p) => (
              <li key={p.id}>
                {t('ui.plan_version', { id: p.id, at: when(p.at), planned: p.steps.length, unplanned: p.unplanned.length })} <small>{t(`ui.plan_cause.${p.cause}`)}</small>
              </li>
            ))}
        </ul>
      </Section>

      <Section id="vendors" title="ui.disaster_vendors">
        {d.vendor_requests.length === 0 && <p class="none">{t('ui.disaster_no_vendors')}</p>}
        <ul class="records">
          {d.vendor_requests.map((r) => (
            <li key={r.id}>
              {r.id}. {r.vendor}
              {r.system && ` (${systemName(r.system)})`}: {t(`vendor_state.${r.state}`)}
              {r.under_contract && <small> {t('ui.vendor_under_contract')}</small>}
              {r.answer && ` — ${r.answer}`}
              {r.eta && ` ${when(r.eta)}`}
            </li>
          ))}
        </ul>
        {open && (
          <ActionForm
            title="ui.vendor_ask"
            method="POST"
            path={`${base}/vendor-requests`}
            fields={[
              { name: 'vendor', kind: 'choice', label: 'ui.vendor', options: contactIds(), names: 'contact', required: true },
              { name: 'system', kind: 'choice', label: 'show.system', options: systemIds(), names: 'system' },
              { name: 'asked_at', kind: 'when', label: 'ui.survey_at' },
            ]}
            {...common}
          />
        )}
        {open && d.vendor_requests.length > 0 && (
          <ActionForm
            title="ui.vendor_answer"
            method="PATCH"
            path={(v) => `${base}/vendor-requests/${String(v.request)}`}
            fields={[
              { name: 'request', kind: 'choice', label: 'ui.vendor_request', options: d.vendor_requests.map((r) => String(r.id)), required: true, path: true, initial: String(d.vendor_requests[0].id) },
              { name: 'state', kind: 'choice', label: 'ui.survey_status', options: vendorStates, prefix: 'vendor_state', required: true, initial: 'answered' },
              { name: 'answer', kind: 'text', label: 'ui.vendor_said' },
              { name: 'eta', kind: 'when', label: 'ui.vendor_eta' },
            ]}
            {...common}
          />
        )}
      </Section>

      <Section id="measures" title="show.tasks">
        <ul class="records">
          {d.tasks.map((k) => (
            <li key={k.id}>
              {k.id}. {k.title}: {t(`ui.task_status.${k.status}`)}
              {k.assignee && ` (${personName(k.assignee)})`}
            </li>
          ))}
        </ul>
        {open && (
          <ActionForm
            title="ui.act_task"
            method="POST"
            path={`${base}/tasks`}
            fields={[
              { name: 'title', kind: 'text', label: 'ui.f_task_title', required: true },
              { name: 'kind', kind: 'choice', label: 'ui.f_kind', options: ['alternative_means', 'customer_measures', 'other'], prefix: 'ui.task', required: true, initial: 'other' },
              { name: 'assignee', kind: 'choice', label: 'show.assigned', options: personIds(), names: 'person' },
              { name: 'due', kind: 'when', label: 'show.due' },
            ]}
            {...common}
          />
        )}
        {open && d.tasks.length > 0 && (
          <ActionForm
            title="ui.act_task_update"
            method="PATCH"
            path={(v) => `${base}/tasks/${String(v.task)}`}
            fields={[
              { name: 'task', kind: 'choice', label: 'ui.f_task', options: d.tasks.map((k) => String(k.id)), required: true, path: true, initial: String(d.tasks[0].id) },
              { name: 'status', kind: 'choice', label: 'show.status', options: taskStatuses, prefix: 'ui.task_status', required: true, initial: 'done' },
              { name: 'result', kind: 'text', label: 'show.result' },
            ]}
            {...common}
          />
        )}
      </Section>

      <Section id="decisions" title="ui.disaster_committee">
        {d.decisions.length === 0 && <p class="none">{t('ui.disaster_no_decisions')}</p>}
        <ol class="records">
          {d.decisions.map((x) => (
            <li key={x.id} value={x.id}>
              {t(`ui.decision.${x.kind}`)}: {x.text} <small>— {when(x.decided_at)} {personName(x.decided_by)}</small>
            </li>
          ))}
        </ol>
        {open && (
          <ActionForm
            title="ui.act_decision"
            method="POST"
            path={`${base}/decisions`}
            fields={decisionFields(personIds())}
            {...common}
          />
        )}
      </Section>

      <Section id="contacts" title="show.contacts">
        {d.contacts.length === 0 && <p class="none">{t('ui.disaster_no_contacts')}</p>}
        <ol class="records">
          {d.contacts.map((x) => (
            <li key={x.id} value={x.id}>
              {t(`audience.${x.audience}`)} {x.contact}: {x.summary} <small>— {when(x.at)}</small>
            </li>
          ))}
        </ol>
        {open && (
          <ActionForm
            title="ui.act_contact"
            method="POST"
            path={`${base}/contacts`}
            fields={contactFields(d.decisions.map((x) => String(x.id)))}
            shape={contactShape}
            {...common}
          />
        )}
      </Section>

      {open && (
        <Section id="committee" title="ui.disaster_rules_and_close">
          <ActionForm
            title="ui.exemption_record"
            method="POST"
            path={`${base}/exemptions`}
            fields={[
              { name: 'rule', kind: 'text', label: 'ui.exemption_rule', required: true },
              { name: 'scope', kind: 'text', label: 'ui.exemption_scope', required: true },
              { name: 'expires_at', kind: 'when', label: 'ui.exemption_expires', required: true },
              { name: 'reason', kind: 'text', label: 'ui.exemption_reason', required: true },
              { name: 'decided_by', kind: 'choice', label: 'ui.exemption_decided_by', options: personIds(), names: 'person' },
            ]}
            {...common}
          />
          {d.close_blocks.length > 0 && (
            <div class="blocks" role="note">
              <p>{t('ui.disaster_close_blocked')}</p>
              <ul>
                {d.close_blocks.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            </div>
          )}
          <ActionForm
            title="ui.disaster_close"
            method="POST"
            path={`${base}/close`}
            fields={[{ name: 'reason', kind: 'text', label: 'ui.disaster_close_reason' }]}
            {...common}
          />
        </Section>
      )}
    </article>
  )
}
