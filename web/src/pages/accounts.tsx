// Accounts: one's own (a new password, API tokens for scripts and tools, shown once) and, for
// administrators, everyone's (add an account, a new one-time password, lock, unlock, disable,
// the administrator and auditor roles). A secret the server makes is shown once, with a way to
// copy it, and never again.
import { useEffect, useState } from 'preact/hooks'
import { api } from '../api'
import { loadDirectory, personIds, personName } from '../directory'
import { ActionForm } from '../form'
import { lang, list, t } from '../i18n'
import { ended } from '../session'
import { useSignal } from '../state'
import { showLocal } from '../time'
import { ProblemView } from './problem'

interface Token {
  id: string
  name: string
  scope: string
  created_at: string
  expires_at: string
  token?: string
}
interface Account {
  person: string
  granted: string[]
  roles: string[]
  locked: boolean
  disabled: boolean
  must_change_password: boolean
  failed_logins: number
  created_at: string
  one_time_password?: string
}

// A secret shown once: the person copies it now or makes a new one later.
function Secret({ label, value }: { label: string; value: string }) {
  return (
    <div role="status" class="secret">
      <p>{label}</p>
      <code>{value}</code>
      <p>{t('ui.account_shown_once')}</p>
    </div>
  )
}

export function MyAccount({ zone }: { zone: string }) {
  useSignal(lang)
  const [tokens, setTokens] = useState<Token[]>([])
  const [made, setMade] = useState<Token | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [version, setVersion] = useState(0)
  useEffect(() => {
    api<{ items: Token[] }>('GET', '/tokens').then((r) => setTokens(r.items), setError)
  }, [version])
  const reload = () => setVersion((v) => v + 1)

  async function revoke(id: string) {
    try {
      await api('DELETE', `/tokens/${id}`)
      reload()
    } catch (e) {
      setError(e)
    }
  }

  return (
    <section>
      <h1>{t('ui.account_title')}</h1>
      <ActionForm
        title="ui.account_password"
        method="PUT"
        path="/session/password"
        zone={zone}
        fields={[
          { name: 'old_password', kind: 'password', label: 'ui.account_old_password', required: true },
          { name: 'new_password', kind: 'password', label: 'ui.password_new', required: true },
        ]}
        onDone={ended} // the server ended every session: log in with the new password
      />
      <h2>{t('ui.tokens_title')}</h2>
      <p>{t('ui.tokens_explain')}</p>
      <ProblemView error={error} />
      {made?.token && <Secret label={t('ui.tokens_made', { name: made.name })} value={made.token} />}
      {tokens.length === 0 ? (
        <p class="none">{t('ui.tokens_none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('ui.tokens_name')}</th>
              <th scope="col">{t('ui.tokens_scope')}</th>
              <th scope="col">{t('ui.tokens_expires')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {tokens.map((k) => (
              <tr key={k.id}>
                <td>
                  {k.name} <small>{k.id}</small>
                </td>
                <td>{t(`ui.scope.${k.scope}`)}</td>
                <td>{showLocal(k.expires_at, zone)}</td>
                <td>
                  <button type="button" onClick={() => revoke(k.id)}>
                    {t('ui.tokens_revoke')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ActionForm
        title="ui.tokens_make"
        method="POST"
        path="/tokens"
        zone={zone}
        fields={[
          { name: 'name', kind: 'text', label: 'ui.tokens_name', required: true },
          { name: 'scope', kind: 'choice', label: 'ui.tokens_scope', options: ['read', 'write', 'ingest'], prefix: 'ui.scope', required: true, initial: 'read' },
          { name: 'days', kind: 'number', label: 'ui.tokens_days', initial: 90 },
        ]}
        onDone={(r) => {
          setMade(r as Token)
          reload()
        }}
      />
    </section>
  )
}

export function Accounts({ zone }: { zone: string }) {
  useSignal(lang)
  const [accounts, setAccounts] = useState<Account[] | null>(null)
  const [secret, setSecret] = useState<{ person: string; password: string } | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [version, setVersion] = useState(0)
  const [grantee, setGrantee] = useState('')
  useEffect(() => {
    Promise.all([api<{ items: Account[] }>('GET', '/users'), loadDirectory()]).then(([r]) => setAccounts(r.items), setError)
  }, [version])
  const chosen = accounts?.find((a) => a.person === grantee) ?? accounts?.[0]
  const reload = () => setVersion((v) => v + 1)
  const shown = (r: unknown) => {
    const a = r as Account
    if (a.one_time_password) setSecret({ person: a.person, password: a.one_time_password })
    reload()
  }
  async function act(method: string, path: string, body?: unknown) {
    setError(null)
    try {
      shown(await api(method, path, body))
    } catch (e) {
      setError(e)
    }
  }

  return (
    <section>
      <h1>{t('ui.accounts_title')}</h1>
      <ProblemView error={error} />
      {secret && <Secret label={t('ui.accounts_one_time', { person: personName(secret.person) })} value={secret.password} />}
      {accounts && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('term.person')}</th>
              <th scope="col">{t('ui.accounts_roles')}</th>
              <th scope="col">{t('show.status')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.person}>
                <th scope="row">
                  {personName(a.person)} <small>{a.person}</small>
                </th>
                <td>{list(a.roles.map((r) => t(`ui.account_role.${r}`)))}</td>
                <td>
                  {list(
                    [
                      a.disabled && t('ui.accounts_disabled'),
                      a.locked && t('ui.accounts_locked'),
                      a.must_change_password && t('ui.accounts_must_change'),
                    ].filter((x): x is string => Boolean(x)),
                  ) || t('ui.accounts_active')}
                  <div>
                    <small>{showLocal(a.created_at, zone)}</small>
                  </div>
                </td>
                <td class="actions">
                  <button type="button" onClick={() => act('POST', `/users/${a.person}/password`)}>
                    {t('ui.accounts_reset')}
                  </button>
                  {a.locked && (
                    <button type="button" onClick={() => act('PATCH', `/users/${a.person}`, { unlock: true })}>
                      {t('ui.accounts_unlock')}
                    </button>
                  )}
                  {!a.locked && (
                    <button type="button" onClick={() => act('PATCH', `/users/${a.person}`, { lock: true })}>
                      {t('ui.accounts_lock')}
                    </button>
                  )}
                  <button type="button" onClick={() => act('PATCH', `/users/${a.person}`, { disabled: !a.disabled })}>
                    {t(a.disabled ? 'ui.accounts_enable' : 'ui.accounts_disable')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ActionForm
        title="ui.accounts_add"
        method="POST"
        path="/users"
        zone={zone}
        fields={[
          { name: 'person', kind: 'choice', label: 'term.person', options: personIds().filter((p) => !accounts?.some((a) => a.person === p)), names: 'person', required: true },
          { name: 'roles', kind: 'choices', label: 'ui.accounts_roles', options: ['administrator', 'auditor'], prefix: 'ui.account_role' },
        ]}
        onDone={shown}
      />
      {chosen && (
        // The roles start as the chosen person has them, so that a change is only the change.
        <ActionForm
          title="ui.accounts_grant"
          method="PATCH"
          path={`/users/${chosen.person}`}
          zone={zone}
          fields={[
            { name: 'roles', kind: 'choices', label: 'ui.accounts_roles', options: ['administrator', 'auditor'], prefix: 'ui.account_role', initial: chosen.granted },
          ]}
          onDone={shown}
        >
          <label>
            {t('term.person')}
            <select name="person" value={chosen.person} onChange={(e) => setGrantee(e.currentTarget.value)}>
              {accounts!.map((a) => (
                <option key={a.person} value={a.person}>
                  {personName(a.person)}
                </option>
              ))}
            </select>
          </label>
        </ActionForm>
      )}
    </section>
  )
}
