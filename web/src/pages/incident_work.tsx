// The work on an incident, in the order the guideline runs it (G4.3): triage and priority, the
// committee and its decisions, contacts, emergency measures, damage assessment, recovery per
// system, and the review (findings, prevention, backdoor checks), with the evidence kept. Each
// section shows what is recorded and offers the forms that record more.
import { contactName, departmentIds, departmentName, loadedDirectory, personIds, personName, systemIds, systemName } from '../directory'
import { ActionForm, type Field } from '../form'
import { list, t } from '../i18n'
import {
  answers,
  backdoorItems,
  backdoorResults,
  damageKinds,
  findingKinds,
  priorities,
  recoveryStatuses,
  taskKinds,
  taskStatuses,
  type Assessment,
  type Incident,
} from '../incident'
import { contactFields, contactShape, decisionFields } from '../records'
import { showLocal } from '../time'
import { AgencyForms } from './agency_forms'
import { EvidenceSection } from './evidence'
import { Facts, names } from './incident'

interface Props {
  inc: Incident
  base: string
  zone: string
  onDone: () => void
  current: () => Promise<Incident> // the incident as the server has it now
}

const at: Field = { name: 'at', kind: 'when', label: 'ui.f_at' }

// The assessment as PUT takes it again: what is recorded, less what the server adds.
const kAssessmentFields = [
  'kinds', 'scope', 'first_seen', 'last_seen', 'intrusion_route', 'method', 'attacker', 'persons',
  'sensitive_personal_data', 'financial_harm', 'unauthorized_purpose', 'spread_outside',
  'spread_note', 'personal_data', 'leaks', 'systems',
]
function assessmentRequest(a: Assessment | undefined): Record<string, unknown> {
  if (!a) return {}
  return Object.fromEntries(Object.entries(a).filter(([k]) => kAssessmentFields.includes(k)))
}

function Section({ id, title, children }: { id: string; title: string; children: preact.ComponentChildren }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t(title)}</h2>
      {children}
    </section>
  )
}

function None({ when }: { when: boolean }) {
  return when ? <p class="none">{t('show.none')}</p> : null
}

export function Work({ inc, base, zone, onDone, current }: Props) {
  const when = (s?: string) => (s ? showLocal(s, zone) : '')
  const common = { zone, onDone }
  const c = inc.convocation
  const a = inc.assessment
  const decisionIds = inc.decisions.map((d) => String(d.id))
  return (
    <>
      <Section id="triage" title="show.triage">
        {inc.triage ? (
          <Facts
            rows={[
              ['show.at', `${when(inc.triage.at)} ${personName(inc.triage.by)}`],
              ['show.confirmed', t(inc.triage.confirmed ? 'show.yes' : 'show.dismissed')],
              ['show.category', inc.triage.category],
              ['show.reason', inc.triage.reason],
            ]}
          />
        ) : (
          <None when />
        )}
        <ActionForm
          title="ui.act_triage"
          method="POST"
          path={`${base}/triage`}
          fields={[
            { name: 'confirmed', kind: 'choice', label: 'ui.f_confirmed', options: ['true', 'false'], prefix: 'ui.confirmed', required: true, initial: 'true' },
            { name: 'category', kind: 'text', label: 'show.category', initial: inc.category },
            { name: 'reason', kind: 'text', label: 'ui.f_reason' },
            at,
          ]}
          {...common}
        />
        <ActionForm
          title="ui.act_priority"
          method="PUT"
          path={`${base}/priority`}
          fields={[
            { name: 'priority', kind: 'choice', label: 'ui.f_priority', options: priorities, prefix: 'ui.priority', required: true, initial: inc.priority.level },
            { name: 'reason', kind: 'text', label: 'ui.f_reason', required: true },
          ]}
          {...common}
        />
      </Section>

      <Section id="committee" title="show.convocation">
        {c ? (
          <Facts
            rows={[
              ['show.requested', `${when(c.requested_at)} ${personName(c.requested_by)}`],
              ['ui.f_addressees', names(c.addressees, personName)],
              ['show.convened', when(c.convened_at)],
              ['ui.f_attendees', names(c.attendees, personName)],
            ]}
          />
        ) : (
          <None when />
        )}
        {!c && <ActionForm title="ui.act_convocation_request" method="POST" path={`${base}/convocation`} fields={[at]} {...common} />}
        {c && (
          <ActionForm
            title="ui.act_convocation_held"
            method="PUT"
            path={`${base}/convocation`}
            fields={[
              { name: 'attendees', kind: 'choices', label: 'ui.f_attendees', options: c.addressees, names: 'person', initial: c.attendees },
              { name: 'convened_at', kind: 'when', label: 'show.convened', initial: c.convened_at },
            ]}
            {...common}
          />
        )}
      </Section>

      <Section id="decisions" title="show.decisions">
        <None when={inc.decisions.length === 0} />
        <ol class="records">
          {inc.decisions.map((d) => (
            <li key={d.id} value={d.id}>
              <strong>{t(`ui.decision.${d.kind}`)}</strong> {d.text}
              <small>
                {' '}
                — {when(d.decided_at)} {personName(d.decided_by)}
                {d.departments && d.departments.length > 0 && ` → ${names(d.departments, departmentName)}`}
              </small>
            </li>
          ))}
        </ol>
        <ActionForm
          title="ui.act_decision"
          method="POST"
          path={`${base}/decisions`}
          fields={decisionFields(c?.addressees ?? personIds(), c?.addressees[1] ?? c?.addressees[0])}
          {...common}
        />
      </Section>

      <Section id="contacts" title="show.contacts">
        <None when={inc.contacts.length === 0} />
        <ol class="records">
          {inc.contacts.map((x) => (
            <li key={x.id} value={x.id}>
              <strong>{t(`audience.${x.audience}`)}</strong> {contactName(x.contact)}
              {x.channel && ` (${t(`ui.channel.${x.channel}`)})`}: {x.summary}
              <small>
                {' '}
                — {when(x.at)} {x.by && personName(x.by)}
                {x.persons !== undefined && ` · ${t('show.persons', { count: x.persons })}`}
                {x.approved_by !== undefined && ` · ${t('show.approved_by')} ${x.approved_by}`}
                {x.follow_up_due && ` · ${t('show.follow_up')} ${x.follow_up_due}`}
              </small>
            </li>
          ))}
        </ol>
        <ActionForm
          title="ui.act_contact"
          method="POST"
          path={`${base}/contacts`}
          fields={[...contactFields(decisionIds), at]}
          shape={contactShape}
          {...common}
        />
      </Section>

      <Section id="tasks" title="show.tasks">
        <None when={inc.tasks.length === 0} />
        {inc.tasks.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('ui.f_task_title')}</th>
                <th scope="col">{t('show.status')}</th>
                <th scope="col">{t('show.assigned')}</th>
                <th scope="col">{t('show.due')}</th>
              </tr>
            </thead>
            <tbody>
              {inc.tasks.map((k) => (
                <tr key={k.id}>
                  <td>{k.id}</td>
                  <td>
                    {t(`ui.task.${k.kind}`)}: {k.title}
                    {k.contains && <span class="badge">{t('show.contains')}</span>}
                    {k.system && ` (${systemName(k.system)})`}
                    {k.result && <div>{t('show.result')}: {k.result}</div>}
                    {k.revert_reason && <div>{t('show.revert_reason')}: {k.revert_reason}</div>}
                  </td>
                  <td>
                    {t(`ui.task_status.${k.status}`)} <small>{when(k.status_at)}</small>
                  </td>
                  <td>{[k.assignee && personName(k.assignee), k.department && departmentName(k.department)].filter(Boolean).join(' / ')}</td>
                  <td>{when(k.due)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <ActionForm
          title="ui.act_task"
          method="POST"
          path={`${base}/tasks`}
          fields={[
            { name: 'kind', kind: 'choice', label: 'ui.f_kind', options: taskKinds, prefix: 'ui.task', required: true, initial: 'isolate_network' },
            { name: 'title', kind: 'text', label: 'ui.f_task_title', required: true },
            { name: 'contains', kind: 'check', label: 'ui.f_contains' },
            { name: 'system', kind: 'choice', label: 'show.system', options: inc.systems, names: 'system' },
            { name: 'department', kind: 'choice', label: 'term.department', options: departmentIds(), names: 'department' },
            { name: 'assignee', kind: 'choice', label: 'show.assigned', options: personIds(), names: 'person' },
            { name: 'due', kind: 'when', label: 'show.due' },
            at,
          ]}
          {...common}
        />
        {inc.tasks.length > 0 && (
          <ActionForm
            title="ui.act_task_update"
            method="PATCH"
            path={(v) => `${base}/tasks/${String(v.task)}`}
            fields={[
              { name: 'task', kind: 'choice', label: 'ui.f_task', options: inc.tasks.map((k) => String(k.id)), required: true, path: true, initial: String(inc.tasks[0].id) },
              { name: 'status', kind: 'choice', label: 'show.status', options: taskStatuses, prefix: 'ui.task_status', required: true, initial: 'done' },
              { name: 'result', kind: 'text', label: 'show.result' },
              { name: 'revert_reason', kind: 'text', label: 'show.revert_reason' },
              at,
            ]}
            {...common}
          />
        )}
      </Section>

      <Section id="assessment" title="show.assessment">
        {a ? (
          <Facts
            rows={[
              ['show.damage', a.kinds && list(a.kinds.map((k) => t(`ui.damage.${k}`)))],
              ['show.scope', a.scope],
              ['show.first_seen', when(a.first_seen)],
              ['show.last_seen', when(a.last_seen)],
              ['show.route', a.intrusion_route],
              ['show.method', a.method],
              ['show.attacker', a.attacker],
              ['show.affected_persons', a.persons !== undefined && t('show.persons', { count: a.persons })],
              ['show.personal_data_leaked', a.personal_data && list(a.personal_data.map((p) => `${systemName(p.system)}: ${t(`ui.answer.${p.leaked}`)}`))],
              [
                'show.leak',
                a.leaks &&
                  list(
                    a.leaks.map((l) =>
                      [
                        systemName(l.system),
                        l.data_class,
                        l.destination && `→ ${l.destination}`,
                        l.persons !== undefined && t('show.persons', { count: l.persons }),
                        l.records !== undefined && t('show.records', { count: l.records }),
                      ]
                        .filter(Boolean)
                        .join(' '),
                    ),
                  ),
              ],
              ['show.sensitive', a.sensitive_personal_data && t(`ui.answer.${a.sensitive_personal_data}`)],
              ['show.financial_harm', a.financial_harm && t(`ui.answer.${a.financial_harm}`)],
              ['show.unauthorized_purpose', a.unauthorized_purpose && t(`ui.answer.${a.unauthorized_purpose}`)],
              ['show.spread', a.spread_outside !== undefined && `${t(a.spread_outside ? 'show.yes' : 'show.no')} ${a.spread_note ?? ''}`],
              ['show.at', a.assessed_at && `${when(a.assessed_at)} ${a.assessed_by ? personName(a.assessed_by) : ''}`],
            ]}
          />
        ) : (
          <None when />
        )}
        <ActionForm
          title="ui.act_assessment"
          method="PUT"
          path={`${base}/assessment`}
          fields={[
            { name: 'kinds', kind: 'choices', label: 'show.damage', options: damageKinds, prefix: 'ui.damage', initial: a?.kinds },
            { name: 'scope', kind: 'long', label: 'show.scope', initial: a?.scope },
            { name: 'first_seen', kind: 'when', label: 'show.first_seen', initial: a?.first_seen },
            { name: 'last_seen', kind: 'when', label: 'show.last_seen', initial: a?.last_seen },
            { name: 'intrusion_route', kind: 'text', label: 'show.route', initial: a?.intrusion_route },
            { name: 'method', kind: 'text', label: 'show.method', initial: a?.method },
            { name: 'attacker', kind: 'text', label: 'show.attacker', initial: a?.attacker },
            { name: 'persons', kind: 'number', label: 'show.affected_persons', initial: a?.persons },
            ...inc.systems.map(
              (s): Field => ({
                name: `leaked:${s}`,
                kind: 'choice',
                label: 'ui.f_leaked',
                params: { system: systemName(s) },
                options: answers,
                prefix: 'ui.answer',
                initial: a?.personal_data?.find((p) => p.system === s)?.leaked,
                path: true,
              }),
            ),
            { name: 'sensitive_personal_data', kind: 'choice', label: 'show.sensitive', options: answers, prefix: 'ui.answer', initial: a?.sensitive_personal_data },
            { name: 'financial_harm', kind: 'choice', label: 'show.financial_harm', options: answers, prefix: 'ui.answer', initial: a?.financial_harm },
            { name: 'unauthorized_purpose', kind: 'choice', label: 'show.unauthorized_purpose', options: answers, prefix: 'ui.answer', initial: a?.unauthorized_purpose },
            { name: 'spread_outside', kind: 'check', label: 'show.spread', initial: a?.spread_outside },
            { name: 'spread_note', kind: 'text', label: 'ui.f_spread_note', initial: a?.spread_note },
            at,
          ]}
          shape={async (b, v) => {
            // What the form does not show is kept as recorded: the leaks, the systems, notes.
            const now = (await current()).assessment
            return {
              ...b,
              leaks: now?.leaks ?? [],
              systems: now?.systems ?? [],
              personal_data: inc.systems
                .filter((s) => v[`leaked:${s}`])
                .map((s) => ({
                  system: s,
                  leaked: v[`leaked:${s}`],
                  note: now?.personal_data?.find((p) => p.system === s)?.note,
                })),
            }
          }}
          {...common}
        />
        <ActionForm
          title="ui.act_leak"
          method="PUT"
          path={`${base}/assessment`}
          shape={async (b) => {
            const now = (await current()).assessment
            return { ...assessmentRequest(now), leaks: [...(now?.leaks ?? []), b] }
          }}
          fields={[
            { name: 'system', kind: 'choice', label: 'show.system', options: inc.systems, names: 'system', required: true, initial: inc.systems[0] },
            {
              name: 'data_class',
              kind: 'text',
              label: 'ui.f_data_class',
              // The data classes the organization file names for these systems.
              written: true,
              options: loadedDirectory()
                .systems.filter((s) => inc.systems.includes(s.id))
                .flatMap((s) => (s.data ?? []).map((d) => d.name)),
            },
            { name: 'destination', kind: 'text', label: 'ui.f_destination' },
            { name: 'personal_data', kind: 'check', label: 'show.personal_data' },
            { name: 'persons', kind: 'number', label: 'ui.f_persons' },
            { name: 'records', kind: 'number', label: 'ui.f_records' },
          ]}
          {...common}
        />
      </Section>

      <Section id="recovery" title="show.recovery">
        <None when={inc.recovery.length === 0} />
        {inc.recovery.length > 0 && (
          <table>
            <tbody>
              {inc.recovery.map((r) => (
                <tr key={r.system}>
                  <th scope="row">{systemName(r.system)}</th>
                  <td class={`recovery ${r.status}`}>{t(`recovery_status.${r.status}`)}</td>
                  <td>
                    {when(r.at)} {r.note}
                    {r.override_reason && (
                      <div>
                        {t('show.override')}: {r.override_reason}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <ActionForm
          title="ui.act_recovery"
          method="PUT"
          path={(v) => `${base}/recovery/${encodeURIComponent(String(v.system))}`}
          fields={[
            { name: 'system', kind: 'choice', label: 'show.system', options: systemIds(), names: 'system', required: true, path: true, initial: inc.systems[0] },
            { name: 'status', kind: 'choice', label: 'show.status', options: recoveryStatuses, prefix: 'recovery_status', required: true, initial: 'restoring' },
            { name: 'note', kind: 'text', label: 'ui.f_note' },
            { name: 'override_reason', kind: 'text', label: 'show.override' },
            at,
          ]}
          {...common}
        />
      </Section>

      <Section id="review" title="ui.section_review">
        <h3>{t('show.findings')}</h3>
        <None when={inc.findings.length === 0} />
        <ol class="records">
          {inc.findings.map((f) => (
            <li key={f.id} value={f.id}>
              <strong>{t(`ui.finding.${f.kind}`)}</strong> {f.text}
              <small>
                {' '}
                — {when(f.at)} {f.system && systemName(f.system)}
              </small>
            </li>
          ))}
        </ol>
        <ActionForm
          title="ui.act_finding"
          method="POST"
          path={`${base}/findings`}
          fields={[
            { name: 'kind', kind: 'choice', label: 'ui.f_kind', options: findingKinds, prefix: 'ui.finding', required: true, initial: 'technical' },
            { name: 'text', kind: 'long', label: 'ui.f_finding_text', required: true },
            { name: 'system', kind: 'choice', label: 'show.system', options: inc.systems, names: 'system' },
            at,
          ]}
          {...common}
        />
        <h3>{t('show.prevention')}</h3>
        <None when={inc.prevention.length === 0} />
        <ol class="records">
          {inc.prevention.map((p) => (
            <li key={p.id} value={p.id}>
              {p.done ? '☑' : '☐'} {p.text}
              <small>
                {p.owner && ` — ${t('show.owner')}: ${personName(p.owner)}`}
                {p.due && ` · ${t('show.due')}: ${p.due}`}
              </small>
            </li>
          ))}
        </ol>
        <ActionForm
          title="ui.act_prevention"
          method="POST"
          path={`${base}/prevention`}
          fields={[
            { name: 'text', kind: 'long', label: 'ui.f_prevention_text', required: true },
            { name: 'owner', kind: 'choice', label: 'show.owner', options: personIds(), names: 'person' },
            { name: 'due', kind: 'date', label: 'show.due' },
            { name: 'done', kind: 'check', label: 'show.done' },
          ]}
          {...common}
        />
        <h3>{t('show.backdoor')}</h3>
        <BackdoorGrid inc={inc} />
        <ActionForm
          title="ui.act_backdoor"
          method="PUT"
          path={(v) => `${base}/backdoor-checks/${encodeURIComponent(String(v.system))}/${String(v.item)}${v.host ? `?host=${encodeURIComponent(String(v.host))}` : ''}`}
          fields={[
            { name: 'system', kind: 'choice', label: 'show.system', options: inc.systems, names: 'system', required: true, path: true, initial: inc.systems[0] },
            { name: 'item', kind: 'choice', label: 'ui.f_backdoor_item', options: backdoorItems, prefix: 'backdoor_item', required: true, path: true, initial: backdoorItems[0] },
            { name: 'host', kind: 'text', label: 'ui.f_host', path: true },
            { name: 'result', kind: 'choice', label: 'show.result', options: backdoorResults, prefix: 'ui.backdoor_result', required: true, initial: 'clean' },
            { name: 'note', kind: 'text', label: 'ui.f_note' },
            at,
          ]}
          {...common}
        />
      </Section>

      <EvidenceSection inc={inc} base={base} zone={zone} onDone={onDone} />
      <AgencyForms base={base} incidentKey={inc.key} />
    </>
  )
}

function BackdoorGrid({ inc }: { inc: Incident }) {
  if (inc.systems.length === 0) return <None when />
  return (
    <table class="grid">
      <thead>
        <tr>
          <th scope="col">{t('show.system')}</th>
          {backdoorItems.map((i) => (
            <th scope="col" key={i}>
              {t(`backdoor_item.${i}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {inc.systems.map((s) => (
          <tr key={s}>
            <th scope="row">{systemName(s)}</th>
            {backdoorItems.map((i) => {
              const check = inc.backdoor_checks.find((b) => b.system === s && b.item === i)
              return (
                <td key={i} class={check ? `check ${check.result}` : 'check'}>
                  {check ? t(`ui.backdoor_result.${check.result}`) : '—'}
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
