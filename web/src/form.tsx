// One form for every action the API offers: a list of fields (what the request's JSON members
// are, how a person enters them, which catalog code labels them) and where to send it. The
// server decides; its refusal is shown as it wrote it, field by field, and nothing is kept
// half-done. Times are entered on the organization's clock and sent as RFC 3339.
import type { ComponentChildren } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { api, Problem } from './api'
import { contactName, departmentName, personName, systemName } from './directory'
import { t } from './i18n'
import { localToRfc3339, rfc3339ToLocal } from './time'
import { ProblemView } from './pages/problem'

export type Kind =
  | 'text' // one line
  | 'long' // several lines
  | 'number'
  | 'check' // true or false, always sent
  | 'when' // an instant, on the organization's clock
  | 'date' // a day (YYYY-MM-DD)
  | 'choice' // one of `options`
  | 'choices' // any of `options`, sent as an array
  | 'file' // sent as the body itself; the other fields then go into the address
  | 'password'

export interface Field {
  name: string
  kind: Kind
  label: string // catalog code
  params?: Record<string, string> // of the label
  options?: readonly string[]
  // How an option is shown: the catalog code `${prefix}.${value}`, or a person, department or
  // system named in the reader's language.
  prefix?: string
  names?: 'person' | 'department' | 'system' | 'contact'
  written?: boolean // the options are the organization's own words, in its one language
  labels?: Record<string, string> // how each option is shown, when it is none of the above
  required?: boolean
  initial?: unknown
  path?: boolean // goes into the address, not the body
}

export type Values = Record<string, unknown>

function optionLabel(f: Field, value: string): string {
  if (f.labels) return f.labels[value] ?? value
  if (f.names === 'person') return personName(value)
  if (f.names === 'department') return departmentName(value)
  if (f.names === 'system') return systemName(value)
  if (f.names === 'contact') return contactName(value)
  return f.prefix ? t(`${f.prefix}.${value}`) : value
}

function initialValue(f: Field, zone: string): unknown {
  if (f.kind === 'when') return rfc3339ToLocal(f.initial as string | undefined, zone)
  if (f.kind === 'check') return Boolean(f.initial)
  if (f.kind === 'choices') return Array.isArray(f.initial) ? f.initial : []
  if (f.kind === 'file') return null
  if (f.initial === undefined || f.initial === null) return ''
  return String(f.initial)
}

// The request body: empty fields are left out, so that the server's defaults apply (now, for
// an event time).
function body(fields: Field[], values: Values, zone: string): Values {
  const out: Values = {}
  for (const f of fields) {
    const v = values[f.name]
    if (f.path) continue
    if (f.kind === 'check' || f.kind === 'choices') out[f.name] = v
    else if (v === '' || v === undefined) continue
    else if (f.kind === 'number') out[f.name] = Number(v)
    // An unchanged time goes back exactly as it came, not rounded to the minute of the input.
    else if (f.kind === 'when' && f.initial && v === initialValue(f, zone)) out[f.name] = f.initial
    else if (f.kind === 'when') out[f.name] = localToRfc3339(String(v), zone)
    else if (f.kind === 'choice' && (v === 'true' || v === 'false')) out[f.name] = v === 'true'
    else out[f.name] = v
  }
  return out
}

interface InputProps {
  f: Field
  value: unknown
  set: (v: unknown) => void
  id: string
  invalid: boolean
}

function Input({ f, value, set, id, invalid }: InputProps) {
  const common = { id, name: f.name, required: f.required, 'aria-invalid': invalid || undefined }
  switch (f.kind) {
    case 'long':
      return <textarea {...common} rows={3} value={String(value)} onInput={(e) => set(e.currentTarget.value)} />
    case 'number':
      return <input {...common} type="number" min={0} inputMode="numeric" value={String(value)} onInput={(e) => set(e.currentTarget.value)} />
    case 'when':
      return <input {...common} type="datetime-local" value={String(value)} onInput={(e) => set(e.currentTarget.value)} />
    case 'password':
      return (
        <input
          {...common}
          type="password"
          autocomplete={f.name.startsWith('new') ? 'new-password' : 'current-password'}
          value={String(value)}
          onInput={(e) => set(e.currentTarget.value)}
        />
      )
    case 'file':
      return <input {...common} type="file" onChange={(e) => set(e.currentTarget.files?.[0] ?? null)} />
    case 'date':
      return <input {...common} type="date" value={String(value)} onInput={(e) => set(e.currentTarget.value)} />
    case 'choice':
      return (
        <select {...common} value={String(value)} onChange={(e) => set(e.currentTarget.value)}>
          {!f.required && <option value="">{t('ui.form_unset')}</option>}
          {(f.options ?? []).map((o) => (
            <option key={o} value={o}>
              {optionLabel(f, o)}
            </option>
          ))}
        </select>
      )
    default:
      // A text with suggestions: the known values, and anything else.
      return (
        <>
          <input {...common} list={f.options && `${id}-list`} value={String(value)} onInput={(e) => set(e.currentTarget.value)} />
          {f.options && (
            <datalist id={`${id}-list`} class={f.written ? 'data' : undefined}>
              {f.options.map((o) => (
                <option key={o} value={o}>
                  {optionLabel(f, o)}
                </option>
              ))}
            </datalist>
          )}
        </>
      )
  }
}

export interface ActionProps {
  title: string // catalog code of the form's heading and button
  method: string
  path: string | ((values: Values) => string)
  fields: Field[]
  zone: string
  // The body, when it is not the fields as they are. A body that replaces a whole list or record
  // is built from the record as the server has it at that moment (read it again here), not as
  // this page last showed it: someone may have added to it since.
  shape?: (body: Values, values: Values) => Values | Promise<Values>
  open?: boolean
  onDone: (result: unknown) => void
  children?: ComponentChildren
}

let forms = 0

export function ActionForm(props: ActionProps) {
  const { fields, zone } = props
  const [prefix] = useState(() => `f${++forms}`)
  const start = () => Object.fromEntries(fields.map((f) => [f.name, initialValue(f, zone)]))
  const [values, setValues] = useState<Values>(start)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState(0) // how many times this form was taken, shown once each
  const [open, setOpen] = useState(Boolean(props.open))
  const set = (name: string) => (v: unknown) => setValues((old) => ({ ...old, [name]: v }))
  // When the record changes under the form (someone else saved it), the form shows what is now.
  const seed = JSON.stringify(fields.map((f) => f.initial))
  useEffect(() => setValues(start()), [seed])

  async function submit(e: Event) {
    e.preventDefault()
    setBusy(true)
    setError(null)
    setSaved(0)
    try {
      const path = typeof props.path === 'function' ? props.path(values) : props.path
      const file = fields.find((f) => f.kind === 'file')
      const sent = body(fields, values, zone)
      const result = await api<unknown>(
        props.method,
        path,
        file ? values[file.name] : props.shape ? await props.shape(sent, values) : sent,
      )
      setValues(start())
      // A file input forgets its file only so (its value is not the form's state).
      for (const input of (e.target as HTMLFormElement).querySelectorAll<HTMLInputElement>('input[type=file]')) {
        input.value = ''
      }
      setOpen(Boolean(props.open))
      setSaved((n) => n + 1)
      props.onDone(result)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }
  const about = (where: string, name: string) => where === `/${name}` || where.startsWith(`/${name}/`)
  const wrong = (name: string) =>
    error instanceof Problem && (about(error.where, name) || error.errors.some((p) => about(p.where, name)))

  return (
    <details class="action" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {t(props.title)}
        <span role="status" class="saved">
          {saved > 0 && t('ui.form_saved')}
        </span>
      </summary>
      <form class="card" onSubmit={submit}>
        {props.children}
        {fields.map((f) => {
          const id = `${prefix}-${f.name}`
          if (f.kind === 'check') {
            return (
              <label class="choice" key={f.name}>
                <input type="checkbox" name={f.name} checked={Boolean(values[f.name])} onChange={(e) => set(f.name)(e.currentTarget.checked)} />
                {t(f.label, f.params)}
              </label>
            )
          }
          if (f.kind === 'choices') {
            const chosen = values[f.name] as string[]
            return (
              <fieldset key={f.name}>
                <legend>{t(f.label, f.params)}</legend>
                {(f.options ?? []).map((o) => (
                  <label class="choice" key={o}>
                    <input
                      type="checkbox"
                      name={f.name}
                      value={o}
                      checked={chosen.includes(o)}
                      onChange={(e) =>
                        set(f.name)(e.currentTarget.checked ? [...chosen, o] : chosen.filter((c) => c !== o))
                      }
                    />
                    {optionLabel(f, o)}
                  </label>
                ))}
              </fieldset>
            )
          }
          return (
            <div class="field" key={f.name}>
              <label for={id}>
                {t(f.label, f.params)}
                {f.required && <span aria-hidden="true"> *</span>}
              </label>
              <Input f={f} id={id} value={values[f.name]} set={set(f.name)} invalid={wrong(f.name)} />
              {wrong(f.name) && <span class="wrong">{t('ui.form_check_this')}</span>}
            </div>
          )
        })}
        <ProblemView error={error} />
        <button type="submit" disabled={busy}>
          {t(props.title)}
        </button>
      </form>
    </details>
  )
}
