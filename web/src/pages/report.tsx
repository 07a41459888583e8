// Report an emergency: one short form that anyone completes on a phone — what they see, which
// system or device, since when, whether customers or partners are affected, a photo or file —
// and then what happens next and who was told (G3.3, G4.3.1).
import { useEffect, useState } from 'preact/hooks'
import { api } from '../api'
import { loadDirectory, nameOf, personName, type System } from '../directory'
import { lang, t } from '../i18n'
import { useSignal } from '../state'
import { localToRfc3339 } from '../time'
import { ProblemView } from './problem'

interface Reported {
  key: string
}
interface Notice {
  id: string
  recipients: string[]
}

const harms = ['unknown', 'none', 'possible', 'serious'] as const

export function Report({ zone }: { zone: string }) {
  useSignal(lang) // names follow the language
  const [systems, setSystems] = useState<System[]>([])
  const [title, setTitle] = useState('')
  const [summary, setSummary] = useState('')
  const [system, setSystem] = useState('')
  const [device, setDevice] = useState('')
  const [since, setSince] = useState('')
  const [harm, setHarm] = useState<(typeof harms)[number]>('unknown')
  const [file, setFile] = useState<File | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<{ key: string; told: string[] } | null>(null)

  useEffect(() => {
    loadDirectory().then((d) => setSystems(d.systems), setError)
  }, [])

  async function submit(e: Event) {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const details = [summary, device ? `${t('ui.report_device')}: ${device}` : '']
        .filter(Boolean)
        .join('\n')
      const body: Record<string, unknown> = { title, harm }
      if (details) body.summary = details
      if (system) body.systems = [system]
      if (since) body.occurred_at = localToRfc3339(since, zone)
      const created = await api<Reported>('POST', '/incidents', body)
      if (file) {
        const kind = file.type.startsWith('image/') ? 'screenshot' : 'other'
        const q = new URLSearchParams({ name: file.name, kind })
        // The report stands even when the file does not arrive: say so, and go on.
        await api('POST', `/incidents/${created.key}/evidence?${q}`, file).catch(setError)
      }
      const [notices] = await Promise.all([
        api<{ items: Notice[] }>('GET', `/incidents/${created.key}/notifications`),
        loadDirectory(),
      ])
      setDone({ key: created.key, told: [...new Set(notices.items.flatMap((n) => n.recipients))] })
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  if (done) {
    return (
      <section class="card" aria-live="polite">
        <h1>{t('ui.report_done', { key: done.key })}</h1>
        <p>{t('ui.report_next')}</p>
        {done.told.length > 0 && (
          <>
            <h2>{t('ui.report_told')}</h2>
            <ul>
              {done.told.map((p) => (
                <li key={p}>{personName(p)}</li>
              ))}
            </ul>
          </>
        )}
        <ProblemView error={error} />
        <a href={`#/incidents/${done.key}`}>{t('ui.report_open', { key: done.key })}</a>
      </section>
    )
  }

  return (
    <form class="card" onSubmit={submit}>
      <h1>{t('ui.report_title')}</h1>
      <p>{t('ui.report_explain')}</p>
      <label>
        {t('ui.report_what')}
        <input
          name="title"
          required
          maxLength={200}
          value={title}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('ui.report_details')}
        <textarea name="summary" rows={3} value={summary} onInput={(e) => setSummary(e.currentTarget.value)} />
      </label>
      <label>
        {t('ui.report_system')}
        <select name="system" value={system} onChange={(e) => setSystem(e.currentTarget.value)}>
          <option value="">{t('ui.report_system_unknown')}</option>
          {systems.map((s) => (
            <option key={s.id} value={s.id}>
              {nameOf(s, s.id)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('ui.report_device')}
        <input name="device" value={device} onInput={(e) => setDevice(e.currentTarget.value)} />
      </label>
      <label>
        {t('ui.report_since')}
        <input
          name="since"
          type="datetime-local"
          value={since}
          onInput={(e) => setSince(e.currentTarget.value)}
        />
      </label>
      <fieldset>
        <legend>{t('ui.report_harm')}</legend>
        {harms.map((h) => (
          <label class="choice" key={h}>
            <input
              type="radio"
              name="harm"
              value={h}
              checked={harm === h}
              onChange={() => setHarm(h)}
            />
            {t(`ui.harm.${h}`)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('ui.report_file')}
        <input
          name="file"
          type="file"
          accept="image/*,.txt,.log,.pdf"
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />
      </label>
      <ProblemView error={error} />
      <button type="submit" disabled={busy}>
        {t('ui.report_submit')}
      </button>
    </form>
  )
}
