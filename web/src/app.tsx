// The shell: who is logged in, the language switch, and the page the address names: #/ (the
// dashboard), #/report, #/incidents, #/incidents/KEY, #/organization/TAB, #/journal,
// #/disasters, #/disasters/KEY (the board), #/disasters/KEY/rollcall (the roll-call form first),
// #/alerts, #/alerts/KEY and #/rules (detection, for those who watch it), #/readiness (the
// readiness report, for the same people), #/controls, #/controls/ID and #/compliance (routine
// controls), #/notifications
// (messages), #/ack/DELIVERY (an email's acknowledge link), #/accounts (administrators),
// #/account (one's own).
import { useEffect, useState } from 'preact/hooks'
import { api, Problem } from './api'
import { lang, setLang, t, type Lang } from './i18n'
import { mayWatch } from './detection'
import { nameOf } from './directory'
import { logOut, me, type Me } from './session'
import { useSignal } from './state'
import { Accounts, MyAccount } from './pages/accounts'
import { AlertPage } from './pages/alert'
import { AlertList } from './pages/alerts'
import { CompliancePage, ControlsPage } from './pages/controls'
import { Dashboard } from './pages/dashboard'
import { DisasterPage } from './pages/disaster'
import { DisasterList } from './pages/disasters'
import { IncidentPage } from './pages/incident'
import { IncidentList } from './pages/incidents'
import { Journal } from './pages/journal'
import { Login } from './pages/login'
import { Acknowledge, Messages } from './pages/notifications'
import { Organization } from './pages/organization'
import { ProblemView } from './pages/problem'
import { ReadinessPage } from './pages/readiness'
import { Report } from './pages/report'
import { RulesPage } from './pages/rules'

export interface Company {
  name: string
  name_en?: string
  time_zone: string
}

function useRoute(): string {
  const [route, setRoute] = useState(location.hash.slice(1) || '/')
  useEffect(() => {
    const on = () => setRoute(location.hash.slice(1) || '/')
    addEventListener('hashchange', on)
    return () => removeEventListener('hashchange', on)
  }, [])
  return route
}

export function App() {
  const current = useSignal(me)
  const language = useSignal(lang)
  const route = useRoute()
  const [company, setCompany] = useState<Company | null>(null)

  const [error, setError] = useState<unknown>(null)
  // A standby at the backup site not yet promoted takes no writes: said on every page, and
  // asked again every half minute, so that the banner goes when the standby is promoted.
  const [readOnly, setReadOnly] = useState(false)
  useEffect(() => {
    const ask = () =>
      api<{ read_only: boolean }>('GET', '/health').then(
        (h) => setReadOnly(h.read_only),
        () => {},
      )
    ask()
    const timer = setInterval(ask, 30000)
    return () => clearInterval(timer)
  }, [])

  // The language the person chose on any device wins over this device's.
  useEffect(() => {
    if (current?.lang && current.lang !== lang.get()) setLang(current.lang)
  }, [current])
  function choose(l: Lang) {
    setLang(l)
    if (current) {
      me.set({ ...current, lang: l })
      // At a standby the choice stays on this device (the banner says why nothing is saved).
      if (!readOnly) api('PUT', '/session/language', { lang: l }).catch(setError)
    }
  }

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
        <a class="brand" href="#/">
          sokuo
        </a>
        {company && <span class="company">{nameOf({ id: '', ...company }, company.name)}</span>}
        <nav>
          {current && <a href="#/">{t('ui.nav_dashboard')}</a>}
          {current && <a href="#/report">{t('ui.nav_report')}</a>}
          {current && <a href="#/incidents">{t('ui.nav_incidents')}</a>}
          {current && <a href="#/disasters">{t('ui.nav_disasters')}</a>}
          {current && mayWatch(current) && <a href="#/alerts">{t('ui.nav_alerts')}</a>}
          {current && <a href="#/controls">{t('ui.nav_controls')}</a>}
          {current && <a href="#/organization">{t('ui.nav_organization')}</a>}
          {current && mayWatch(current) && <a href="#/readiness">{t('ui.nav_readiness')}</a>}
          {current?.roles.some((r) => r === 'administrator' || r === 'auditor') && (
            <a href="#/journal">{t('ui.nav_journal')}</a>
          )}
          {current?.roles.some((r) => r === 'administrator' || r === 'auditor') && (
            <a href="#/notifications">{t('ui.nav_messages')}</a>
          )}
          {current?.roles.includes('administrator') && <a href="#/accounts">{t('ui.nav_accounts')}</a>}
          {current && <a href="#/account">{t('ui.nav_account')}</a>}
          {current && (
            <button type="button" class="link" onClick={() => logOut().catch(setError)}>
              {t('ui.logout')}
            </button>
          )}
          <button type="button" class="link" onClick={() => choose(other)} lang={other}>
            {t(`ui.switch_to_${other}`)}
          </button>
        </nav>
      </header>
      {readOnly && (
        <p role="status" class="read-only">
          {t('store.read_only')}
        </p>
      )}
      <main>
        <ProblemView error={error} />
        {current === undefined ? (
          <p aria-busy="true">{t('ui.loading')}</p>
        ) : current === null || current.must_change_password ? (
          <Login account={current} onDone={(m) => me.set(m)} />
        ) : (
          <Page route={route} me={current} zone={company?.time_zone ?? 'Asia/Tokyo'} />
        )}
      </main>
    </>
  )
}

function Page({ route, me, zone }: { route: string; me: Me; zone: string }) {
  const incident = /^\/incidents\/(INC-\d{4}-\d{4,})$/.exec(route)
  if (incident) return <IncidentPage key={incident[1]} id={incident[1]} zone={zone} />
  if (route.startsWith('/incidents')) return <IncidentList zone={zone} />
  const disaster = /^\/disasters\/(DIS-\d{4}-\d{4,})(\/rollcall)?$/.exec(route)
  if (disaster) return <DisasterPage key={disaster[1]} id={disaster[1]} zone={zone} rollcall={Boolean(disaster[2])} />
  if (route.startsWith('/disasters')) return <DisasterList zone={zone} />
  const alert = /^\/alerts\/(ALR-\d{4}-\d{4,})$/.exec(route)
  if (alert) return <AlertPage key={alert[1]} id={alert[1]} zone={zone} />
  if (route.startsWith('/alerts')) return <AlertList zone={zone} />
  if (route === '/rules') return <RulesPage />
  if (route === '/readiness') return <ReadinessPage />
  const control = /^\/controls\/([a-z0-9-]+)$/.exec(route)
  if (control) return <ControlsPage key={control[1]} control={control[1]} zone={zone} />
  if (route === '/controls') return <ControlsPage zone={zone} />
  if (route === '/compliance') return <CompliancePage zone={zone} />
  if (route === '/report') return <Report zone={zone} />
  if (route.startsWith('/organization')) return <Organization tab={route.split('/')[2] ?? ''} />
  if (route === '/journal') return <Journal zone={zone} />
  if (route === '/notifications') return <Messages me={me} zone={zone} />
  const ack = /^\/ack\/(.+)$/.exec(route)
  if (ack) return <Acknowledge id={decodeURIComponent(ack[1])} zone={zone} />
  if (route === '/accounts') return <Accounts zone={zone} />
  if (route === '/account') return <MyAccount zone={zone} />
  return <Dashboard me={me} zone={zone} />
}
