// Every word the interface shows comes from the server's one message catalog
// (GET /api/v1/messages), in Japanese unless the reader chose English. Templates are rendered as
// the server renders them (src/base/message.h): `{name}` is the parameter, `{name|prefix}` the
// catalog text of `prefix.<value>`, and an unknown code shows as the code, never as nothing.
import { signal } from './state'

export type Lang = 'ja' | 'en'
type Catalog = Record<string, { ja: string; en: string }>

const stored = localStorage.getItem('sokuo.lang')
export const lang = signal<Lang>(stored === 'en' ? 'en' : 'ja')
let catalog: Catalog = {}

export async function loadCatalog(): Promise<void> {
  const r = await fetch('/api/v1/messages', { headers: { Accept: 'application/json' } })
  if (!r.ok) throw new Error(`GET /api/v1/messages: ${r.status}`)
  catalog = ((await r.json()) as { codes: Catalog }).codes
}

export function setLang(l: Lang): void {
  localStorage.setItem('sokuo.lang', l)
  document.documentElement.lang = l
  lang.set(l)
}

export function has(code: string): boolean {
  return code in catalog
}

// Codes asked for and not in the catalog, for the browser tests (a page must name none).
const missing = new Set<string>()
;(globalThis as { sokuoMissingCodes?: Set<string> }).sokuoMissingCodes = missing

export function t(code: string, params: Record<string, string | number> = {}): string {
  const entry = catalog[code]
  if (!entry) {
    missing.add(code)
    return code
  }
  return entry[lang.get()].replace(/\{([a-z_]+)(?:\|([a-z_]+))?\}/g, (whole, name, prefix) => {
    if (!(name in params)) return whole
    const value = String(params[name])
    if (prefix) return catalog[`${prefix}.${value}`]?.[lang.get()] ?? value
    return value
  })
}

// A list as the language writes it: 「A、B」 or "A, B".
export function list(items: string[]): string {
  return items.join(lang.get() === 'ja' ? '、' : ', ')
}
