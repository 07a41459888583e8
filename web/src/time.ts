// Times are entered and shown on the organization's clock (its `time_zone`, Asia/Tokyo for the
// example company), whatever the zone of the device; the API takes RFC 3339 with an offset.

// The offset of `zone` at `instant`, in minutes east of UTC.
function offsetMinutes(zone: string, instant: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant)
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'))
  return Math.round((asUtc - instant.getTime()) / 60000)
}

function pad(n: number): string {
  return String(Math.abs(n)).padStart(2, '0')
}

// "2026-11-26T02:10" (an <input type="datetime-local">) on `zone`'s clock → RFC 3339.
export function localToRfc3339(local: string, zone: string): string {
  const [date, clock] = local.split('T')
  const [y, mo, d] = date.split('-').map(Number)
  const [h, mi] = clock.split(':').map(Number)
  const guess = new Date(Date.UTC(y, mo - 1, d, h, mi))
  let offset = offsetMinutes(zone, guess)
  offset = offsetMinutes(zone, new Date(guess.getTime() - offset * 60000))
  const sign = offset >= 0 ? '+' : '-'
  return `${date}T${clock.slice(0, 5)}:00${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
}

// An RFC 3339 time as "2026/11/26 02:10" on `zone`'s clock.
export function showLocal(rfc3339: string, zone: string): string {
  if (!rfc3339) return '—'
  const t = new Date(rfc3339)
  if (Number.isNaN(t.getTime())) return rfc3339
  return new Intl.DateTimeFormat('ja-JP', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(t)
}

// An instant on `zone`'s clock as an <input type="datetime-local"> value ("" for no time).
export function rfc3339ToLocal(rfc3339: string | undefined, zone: string): string {
  if (!rfc3339) return ''
  const t = new Date(rfc3339)
  if (Number.isNaN(t.getTime())) return ''
  return new Date(t.getTime() + offsetMinutes(zone, t) * 60000).toISOString().slice(0, 16)
}

