// One pager for every list the server pages (app/page.h): previous, where we are, next.
import { t } from './i18n'

export interface Paged {
  total: number
  next_offset?: number
}

export function Pager({ page, offset, size, shown, go }: { page: Paged; offset: number; size: number; shown: number; go: (offset: number) => void }) {
  return (
    <nav class="pager" aria-label={t('ui.pager')}>
      <button type="button" disabled={offset === 0} onClick={() => go(Math.max(0, offset - size))}>
        {t('ui.pager_previous')}
      </button>
      <span>{t('ui.pager_where', { from: page.total === 0 ? 0 : offset + 1, to: offset + shown, total: page.total })}</span>
      <button type="button" disabled={page.next_offset === undefined} onClick={() => go(page.next_offset ?? offset)}>
        {t('ui.pager_next')}
      </button>
    </nav>
  )
}
