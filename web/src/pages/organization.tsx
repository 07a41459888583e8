// The organization as imported (G3, G5): departments with their heads and people, the emergency
// roles with their deputies in order of succession, outside contacts with how to reach them,
// and the systems by recovery tier with their dependency graph drawn. Read-only here: the
// organization file is the source (sokuo org import).
import { useEffect, useState } from 'preact/hooks'
import { type Directory, type Role, departmentName, loadDirectory, nameOf, personName, systemName } from '../directory'
import { lang, list, t } from '../i18n'
import { useSignal } from '../state'
import { DependencyGraph } from './graph'
import { ProblemView } from './problem'

const tabs = ['departments', 'people', 'contacts', 'systems'] as const
const tiers = ['a', 'b', 'c']

export function Organization({ tab }: { tab: string }) {
  useSignal(lang) // names follow the language
  const [org, setOrg] = useState<Directory | null>(null)
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    loadDirectory().then((d) => setOrg(d), setError)
  }, [])
  const current = (tabs as readonly string[]).includes(tab) ? tab : 'departments'
  // Every role once, from the people it names.
  const roles = new Map<string, Role>()
  for (const p of org?.people ?? []) for (const r of p.roles) roles.set(`${r.role}/${r.person}/${r.department ?? ''}/${r.title ?? ''}`, r)

  return (
    <section class="organization">
      <h1>{t('ui.org_title')}</h1>
      <nav class="tabs" aria-label={t('ui.org_title')}>
        {tabs.map((x) => (
          <a key={x} href={`#/organization/${x}`} aria-current={x === current ? 'page' : undefined}>
            {t(`ui.org_tab.${x}`)}
          </a>
        ))}
      </nav>
      <ProblemView error={error} />
      {!org ? (
        !error && <p aria-busy="true">{t('ui.loading')}</p>
      ) : current === 'departments' ? (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('term.department')}</th>
                <th scope="col">{t('ui.org_head')}</th>
                <th scope="col">{t('ui.org_members')}</th>
              </tr>
            </thead>
            <tbody>
              {org.departments.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{nameOf(d, d.id)}</th>
                  <td>{d.head ? personName(d.head) : '—'}</td>
                  <td>{list(org.people.filter((p) => p.department === d.id).map((p) => nameOf(p, p.id)))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('ui.org_roles')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('term.role')}</th>
                <th scope="col">{t('term.person')}</th>
                <th scope="col">{t('ui.org_deputies')}</th>
              </tr>
            </thead>
            <tbody>
              {[...roles.values()].map((r) => (
                <tr key={`${r.role}/${r.person}/${r.department ?? ''}/${r.title ?? ''}`}>
                  <td>
                    {t(`ui.org_role.${r.role}`)}
                    {r.department && ` (${departmentName(r.department)})`}
                    {r.title && <span class="data"> {r.title}</span>}
                  </td>
                  <td>{personName(r.person)}</td>
                  <td>{r.deputies.length ? r.deputies.map(personName).join(' → ') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : current === 'people' ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('term.person')}</th>
              <th scope="col">{t('term.department')}</th>
              <th scope="col">{t('ui.org_reach')}</th>
              <th scope="col">{t('ui.org_available')}</th>
            </tr>
          </thead>
          <tbody>
            {org.people.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  {nameOf(p, p.id)} <small>{p.id}</small>
                </th>
                <td>{p.department ? departmentName(p.department) : '—'}</td>
                <td>
                  {p.phones.map((ph) => (
                    <div key={ph.number}>
                      <a href={`tel:${ph.number}`}>{ph.number}</a> <small>{t(`ui.org_phone.${ph.kind}`)}</small>
                    </div>
                  ))}
                  {p.email && <a href={`mailto:${p.email}`}>{p.email}</a>}
                </td>
                <td>{t(p.available_for_emergency_work ? 'show.yes' : 'show.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : current === 'contacts' ? (
        <table>
          <tbody>
            {org.contacts.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  {nameOf(c, c.id)} <small>{t(`audience.${c.kind}`)}</small>
                </th>
                <td>
                  {c.channels.map((ch) => (
                    <div key={ch.value}>
                      {ch.kind === 'phone' ? (
                        <a href={`tel:${ch.value}`}>{ch.value}</a>
                      ) : ch.kind === 'email' && ch.value?.includes('@') ? (
                        <a href={`mailto:${ch.value}`}>{ch.value}</a>
                      ) : (
                        <span class="data">{ch.value}</span>
                      )}{' '}
                      <small>{t(`ui.channel.${ch.kind}`)}</small>
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <>
          {tiers.map((tier) => (
            <div key={tier}>
              <h2>{t(`ui.org_tier.${tier}`)}</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('term.system')}</th>
                    <th scope="col">{t('ui.org_depends_on')}</th>
                    <th scope="col">{t('ui.org_owner')}</th>
                    <th scope="col">{t('ui.org_restore')}</th>
                  </tr>
                </thead>
                <tbody>
                  {org.systems
                    .filter((s) => s.tier === tier)
                    .map((s) => (
                      <tr key={s.id}>
                        <th scope="row">
                          {nameOf(s, s.id)} <small>{t(`ui.org_category.${s.category}`)}</small>
                        </th>
                        <td>{list(s.depends_on.map(systemName)) || '—'}</td>
                        <td>{s.owner ? departmentName(s.owner) : '—'}</td>
                        <td>{s.restore_effort_hours !== undefined ? t('ui.org_hours', { hours: s.restore_effort_hours }) : '—'}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          ))}
          <h2>{t('ui.org_graph_title')}</h2>
          <DependencyGraph systems={org.systems} />
        </>
      )}
    </section>
  )
}
