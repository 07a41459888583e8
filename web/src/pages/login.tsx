// Log in with the person id and password; an account given a one-time password chooses its
// own before anything else (the session ends, and the new password logs in again).
import { useState } from 'preact/hooks'
import { api, Problem } from '../api'
import type { Me } from '../session'
import { t } from '../i18n'
import { ProblemView } from './problem'

// Logs in, waiting out a few moments when the server is busy with other logins (503).
async function logInPatiently(login: string, password: string): Promise<Me> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await api<{ account: Me }>('POST', '/session', { login, password })).account
    } catch (err) {
      if (!(err instanceof Problem) || err.status !== 503 || attempt >= 5) throw err
      await new Promise((done) => setTimeout(done, 2000))
    }
  }
}

export function Login({ account, onDone }: { account: Me | null; onDone: (m: Me) => void }) {
  const [login, setLogin] = useState(account?.person ?? '')
  const [password, setPassword] = useState('')
  const [next, setNext] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  // The new password is set (and every session ended): what is left is to log in with it.
  const [changed, setChanged] = useState(false)
  const changing = account?.must_change_password === true

  async function submit(e: Event) {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      if (changing) {
        if (!changed) {
          await api('PUT', '/session/password', { old_password: password, new_password: next })
          setChanged(true)
        }
        onDone(await logInPatiently(login, next))
      } else {
        const r = await api<{ account: Me }>('POST', '/session', { login, password })
        onDone(r.account)
      }
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form class="card" onSubmit={submit}>
      <h1>{t(changing ? 'ui.password_title' : 'ui.login_title')}</h1>
      {changing && <p>{t('ui.password_explain')}</p>}
      <label>
        {t('ui.login_person')}
        <input
          name="login"
          autocomplete="username"
          required
          value={login}
          readOnly={changing}
          onInput={(e) => setLogin(e.currentTarget.value)}
        />
      </label>
      <label>
        {t(changing ? 'ui.password_current' : 'ui.login_password')}
        <input
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      {changing && (
        <label>
          {t('ui.password_new')}
          <input
            name="new_password"
            type="password"
            autocomplete="new-password"
            minLength={12}
            required
            value={next}
            onInput={(e) => setNext(e.currentTarget.value)}
          />
        </label>
      )}
      <ProblemView error={error} />
      <button type="submit" disabled={busy}>
        {t(changing ? 'ui.password_submit' : 'ui.login_submit')}
      </button>
    </form>
  )
}
