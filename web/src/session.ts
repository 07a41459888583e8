// Who is logged in, for every page: the account the server answered with, or null. A session
// ends by logging out, or when the password changes (the server ends every session then).
import { api, Problem } from './api'
import type { Lang } from './i18n'
import { closeChanges } from './live'
import { signal } from './state'

export interface Me {
  person: string
  roles: string[]
  must_change_password: boolean
  lang?: Lang // chosen by the person, kept with the account
}

export const me = signal<Me | null | undefined>(undefined)

// The session is over on this page: no stream, the login page.
export function ended(): void {
  closeChanges()
  location.hash = '#/'
  me.set(null)
}

export async function logOut(): Promise<void> {
  try {
    await api('DELETE', '/session')
  } catch (e) {
    if (!(e instanceof Problem && e.status === 401)) throw e // already over
  }
  ended()
}
