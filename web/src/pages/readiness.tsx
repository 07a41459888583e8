// The readiness report (G3.3, G5.1, G5.2.2, G5.2.6b): what the organization file shows, before a
// disaster, that will hurt during one, grouped by the clause it comes from, each gap with what to
// do. The sentences come from the server in the reader's language; the dashboard shows the counts.
import { useState } from 'preact/hooks'
import { api } from '../api'
import { lang, t } from '../i18n'
import { useChanges } from '../live'
import { useLoad, useSignal } from '../state'
import { ProblemView } from './problem'

export interface ReadinessGap {
  kind: string
  clause: string
  subject: { type: 'system' | 'network' | 'department' | 'contact'; id: string; name: string }
  problem: string
  action: string
}
export interface Readiness {
  day: string
  thresholds: { backup_verified_days: number; contract_warning_days: number; contact_review_months: number }
  counts: Record<string, number>
  gaps: ReadinessGap[]
}

// "G5.1.1" → the heading code readiness.clause.g5_1_1.
export function clauseHeading(clause: string): string {
  return t(`readiness.clause.${clause.toLowerCase().replace(/\./g, '_')}`)
}

export function ReadinessPage() {
  const language = useSignal(lang)
  const [report, setReport] = useState<Readiness | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [version, setVersion] = useState(0)
  useLoad(() => api<Readiness>('GET', '/readiness'), setReport, setError, [version, language])
  // An imported organization file changes the picture.
  useChanges((c) => c.subject === 'org', () => setVersion((v) => v + 1), [])

  return (
    <section class="readiness">
      <h1>{t('ui.readiness_title')}</h1>
      <p>{t('ui.readiness_intro')}</p>
      <ProblemView error={error} />
      {report === null ? (
        !error && <p aria-busy="true">{t('ui.loading')}</p>
      ) : (
        <>
          <p>
            <small>
              {t('ui.readiness_as_of', {
                day: report.day,
                days: report.thresholds.backup_verified_days,
                warn: report.thresholds.contract_warning_days,
                months: report.thresholds.contact_review_months,
              })}
            </small>
          </p>
          {report.gaps.length === 0 ? (
            <p class="none">{t('ui.readiness_none')}</p>
          ) : (
            Object.keys(report.counts)
              .filter((clause) => report.counts[clause] > 0)
              .map((clause) => (
                <section key={clause} id={`readiness-${clause}`}>
                  <h2>
                    {clauseHeading(clause)} <small>({report.counts[clause]})</small>
                  </h2>
                  <table class="list">
                    <thead>
                      <tr>
                        <th scope="col">{t('readiness.col_subject')}</th>
                        <th scope="col">{t('readiness.col_problem')}</th>
                        <th scope="col">{t('readiness.col_action')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {report.gaps
                        .filter((g) => g.clause === clause)
                        .map((g) => (
                          <tr key={`${g.kind}/${g.subject.type}/${g.subject.id}`} data-kind={g.kind}>
                            <td>
                              <small>{t(`readiness.subject.${g.subject.type}`)}</small> <span class="data">{g.subject.name}</span>
                            </td>
                            <td>{g.problem}</td>
                            <td>{g.action}</td>
                          </tr>
                        ))}
                    </tbody>
                  </table>
                </section>
              ))
          )}
        </>
      )}
    </section>
  )
}
