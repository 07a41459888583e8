// G4.3.2c: what the incident gives for outside readers: the incident report to open and print
// (or save as PDF), and the facts the regulator's, IPA's and JPCERT/CC's forms ask for, in their
// order, with the fields the record cannot fill yet marked, so that whoever files knows what is
// still to be found out.
import { useState } from 'preact/hooks'
import { api } from '../api'
import { t } from '../i18n'
import { ProblemView } from './problem'

interface Field {
  code: string
  label: string
  value: string
}

interface Form {
  agency: string
  empty: number
  fields: Field[]
}

const agencies = ['ppc', 'ipa', 'jpcert'] as const

export function AgencyForms({ base, incidentKey }: { base: string; incidentKey: string }) {
  const [form, setForm] = useState<Form | null>(null)
  const [error, setError] = useState<unknown>(null)

  async function show(agency: string) {
    setError(null)
    try {
      setForm(await api<Form>('GET', `${base}/forms/${agency}`))
    } catch (err) {
      setError(err)
    }
  }

  return (
    <section aria-labelledby="paper">
      <h2 id="paper">{t('ui.paper')}</h2>
      <p>
        <a href={`/api/v1${base}/report`} download={`${incidentKey}.html`}>
          {t('ui.paper_report')}
        </a>
        <br />
        <small>{t('ui.paper_report_help')}</small>
      </p>
      <p class="actions">
        {agencies.map((a) => (
          <button type="button" key={a} aria-pressed={form?.agency === a} onClick={() => void show(a)}>
            {t(`form.title.${a}`)}
          </button>
        ))}
      </p>
      {error !== null && <ProblemView error={error} />}
      {form && (
        <>
          <p role="status">{t('ui.paper_form_empty', { empty: form.empty, all: form.fields.length })}</p>
          <table class="form-fields">
            <tbody>
              {form.fields.map((f) => (
                <tr key={f.code} class={f.value ? '' : 'missing'}>
                  <th scope="row">{f.label}</th>
                  <td>{f.value ? f.value.split('\n').map((line, i) => <div key={i}>{line}</div>) : t('report.empty')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}
