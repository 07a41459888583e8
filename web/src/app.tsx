// The shell: who is logged in, the language switch, and the page the address names
// (#/report, #/incidents, #/incidents/KEY). Pages come in as the interface grows.
import { useEffect, useState } from 'preact/hooks'
import { api, Problem } from './api'
import { lang, setLang, t, type Lang } from './i18n'
import { signal, useSignal } from './state'
import { IncidentList } from './pages/incidents'
import { Login } from './pages/login'
import { ProblemView } from './pages/problem'
import { Report } from './pages/report'

export interface Me {
  person: string
  roles: string[]
  must_change_password: boolean
}

export interface Company {
  name: string
  time_zone: string
}

function useRoute(): string {
  const [route, setRoute] = useState(location.hash.slice(1) || '/report')
  useEffect(() => {
    const on = () => setRoute(location.hash.slice(1) || '/report')
    addEventListener('hashchange', on)
    return () => removeEventListener('hashchange', on)
  }, [])
  return route
}

export const me = signal<Me | null | undefined>(undefined)

export function App() {
  const current = useSignal(me)
  const language = useSignal(lang)
  const route = useRoute()
  const [company, setCompany] = useState<Company | null>(null)

  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    document.documentElement.lang = language
    api<Me>('GET', '/session')
      .then((m) => me.set(m))
      .catch((e: unknown) => {
        if (e instanceof Problem && e.status === 401) me.set(null)
        else setError(e)
      })
  }, [])
  // The organization's name and clock, once the person may read them.
  const ready = current && !current.must_change_password
  useEffect(() => {
    if (ready) api<Company>('GET', '/company').then(setCompany, setError)
  }, [ready])

  const other: Lang = language === 'ja' ? 'en' : 'ja'
  return (
    <>
      <header>
        <a class="brand" href="#/report">
          sokuo
        </a>
        {company && <span class="company">{company.name}</span>}
        <nav>
          {current && <a href="#/report">{t('ui.nav_report')}</a>}
          {current && <a href="#/incidents">{t('ui.nav_incidents')}</a>}
          <button type="button" class="link" onClick={() => setLang(other)} lang={other}>
            {t(`ui.switch_to_${other}`)}
          </button>
        </nav>
      </header>
      <main>
        <ProblemView error={error} />
        {current === undefined ? (
          <p aria-busy="true">{t('ui.loading')}</p>
        ) : current === null || current.must_change_password ? (
          <Login account={current} onDone={(m) => me.set(m)} />
        ) : route.startsWith('/incidents') ? (
          <IncidentList zone={company?.time_zone ?? 'Asia/Tokyo'} />
        ) : (
          <Report zone={company?.time_zone ?? 'Asia/Tokyo'} />
        )}
      </main>
    </>
  )
}
