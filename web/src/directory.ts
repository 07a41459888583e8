// The organization as the pages name it: people, departments and systems by id, in the reader's
// language (name_en in English when the organization file gives one). Loaded once per page load
// and on demand; every list is read to its end, a page at a time.
import { api } from './api'
import { lang } from './i18n'

export interface Named {
  id: string
  name: string
  name_en?: string
}
export interface Role {
  role: string
  person: string
  department?: string
  title?: string
  deputies: string[]
}
export interface Reach {
  kind: string
  value?: string // an outside contact's channel
  number?: string // a person's phone
  note?: string
}
export interface Person extends Named {
  department?: string
  title?: string
  roles: Role[]
  phones: Reach[]
  email?: string
  available_for_emergency_work?: boolean
}
export interface Department extends Named {
  kind: string
  head?: string
}
export interface System extends Named {
  tier: string
  category: string
  depends_on: string[]
  dependents: string[]
  owner?: string
  restore_effort_hours?: number
  data?: { name: string; personal_data?: boolean }[] // the data classes it holds
}

interface Page<T> {
  items: T[]
  next_offset?: number
}

async function all<T>(path: string): Promise<T[]> {
  const out: T[] = []
  for (let offset: number | undefined = 0; offset !== undefined; ) {
    const page: Page<T> = await api<Page<T>>('GET', `${path}?limit=200&offset=${offset}`)
    out.push(...page.items)
    offset = page.next_offset
  }
  return out
}

export interface OutsideContact extends Named {
  kind: string
  channels: Reach[]
}

export interface Directory {
  people: Person[]
  departments: Department[]
  systems: System[]
  contacts: OutsideContact[]
}

let loading: Promise<Directory> | null = null
let loaded: Directory = { people: [], departments: [], systems: [], contacts: [] }

export function loadDirectory(): Promise<Directory> {
  loading ??= Promise.all([
    all<Person>('/people'),
    all<Department>('/departments'),
    all<System>('/systems'),
    all<OutsideContact>('/contacts'),
  ])
    .then(([people, departments, systems, contacts]) => (loaded = { people, departments, systems, contacts }))
    .catch((e: unknown) => {
      loading = null // the next page tries again
      throw e
    })
  return loading
}

export function nameOf(item: Named | undefined, id: string): string {
  if (!item) return id
  return lang.get() === 'en' && item.name_en ? item.name_en : item.name
}

export const personName = (id: string) => nameOf(loaded.people.find((p) => p.id === id), id)
export const departmentName = (id: string) =>
  nameOf(loaded.departments.find((d) => d.id === id), id)
export const systemName = (id: string) => nameOf(loaded.systems.find((s) => s.id === id), id)
// Who was contacted: an outside contact, or a department (an internal contact).
export const contactName = (id: string) =>
  nameOf(loaded.contacts.find((c) => c.id === id) ?? loaded.departments.find((d) => d.id === id), id)

export const loadedDirectory = (): Directory => loaded
export const personIds = () => loaded.people.map((p) => p.id)
export const departmentIds = () => loaded.departments.map((d) => d.id)
export const systemIds = () => loaded.systems.map((s) => s.id)
export const contactIds = () => [...loaded.departments, ...loaded.contacts].map((c) => c.id)
