import { render } from 'preact'
import { App } from './app'
import { loadCatalog } from './i18n'
import './style.css'

const root = document.getElementById('app')!
loadCatalog()
  .then(() => render(<App />, root))
  .catch((e: unknown) => {
    // Without the catalog there are no words to show but these.
    root.textContent = `sokuo: ${String(e)}`
  })
