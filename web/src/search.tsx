// One search box for the lists that search on the server: typed freely, sent with the button or
// Enter, so that a list is not asked again at every key.
import { useState } from 'preact/hooks'
import { t } from './i18n'

export function SearchBox({ label, go }: { label: string; go: (q: string) => void }) {
  const [typed, setTyped] = useState('')
  return (
    <form
      role="search"
      class="filters"
      onSubmit={(e) => {
        e.preventDefault()
        go(typed.trim())
      }}
    >
      <label>
        {t(label)}
        <input type="search" name="q" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
      </label>
      <button type="submit">{t('ui.search_go')}</button>
    </form>
  )
}
