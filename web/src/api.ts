// The JSON API under /api/v1, as the browser calls it: the session cookie goes along, a
// state-changing request carries the CSRF token (the sokuo_csrf cookie), and the server writes
// its refusals in the reader's language (Accept-Language).
import { lang } from './i18n'

export interface ProblemDetail {
  where: string
  message: string
}

export class Problem extends Error {
  readonly status: number
  readonly code: string
  readonly errors: ProblemDetail[]
  readonly where: string // the field a single problem is about, if any
  constructor(status: number, body: Record<string, unknown>) {
    super(String(body.detail ?? body.title ?? status))
    this.status = status
    this.code = String(body.code ?? '')
    this.where = String(body.where ?? '')
    this.errors = Array.isArray(body.errors) ? (body.errors as ProblemDetail[]) : []
  }
}

function cookie(name: string): string {
  for (const part of document.cookie.split('; ')) {
    const eq = part.indexOf('=')
    if (part.slice(0, eq) === name) return decodeURIComponent(part.slice(eq + 1))
  }
  return ''
}

// `body` is sent as JSON, except a File or Blob, which is sent as it is (evidence uploads).
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': lang.get(),
  }
  const raw = body instanceof Blob
  if (body !== undefined) headers['Content-Type'] = raw ? 'application/octet-stream' : 'application/json'
  if (method !== 'GET') headers['X-CSRF-Token'] = cookie('sokuo_csrf')
  const r = await fetch(`/api/v1${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
  })
  const text = await r.text()
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : {}
  if (!r.ok) throw new Problem(r.status, json)
  return json as T
}
