// Live pages: one server-sent event stream (GET /api/v1/events) per page load, shared by every
// component that wants to know when something changed. The browser reconnects by itself and
// names the last event it saw, so nothing is missed across a dropped connection.
import { useEffect } from 'preact/hooks'

export interface Change {
  seq: number
  at: string
  action: string
  subject: string
}

// A change, or null: "anything may have changed" (after a stream was lost for a while).
type Listener = (c: Change | null) => void
const listeners = new Set<Listener>()
let stream: EventSource | null = null
let last = 0 // the last change seen: a new stream starts after it
const kRetryMs = 5000

function tell(c: Change | null): void {
  for (const l of [...listeners]) l(c)
}

function open(again = false): void {
  if (stream || typeof EventSource === 'undefined') return
  stream = new EventSource(last > 0 ? `/api/v1/events?after=${last}` : '/api/v1/events')
  stream.addEventListener('change', (e) => {
    const change = JSON.parse((e as MessageEvent<string>).data) as Change
    last = Math.max(last, change.seq)
    tell(change)
  })
  // A stream opened again without a change to start after cannot replay what was missed: every
  // page reads again instead.
  if (again && last === 0) stream.addEventListener('open', () => tell(null), { once: true })
  // The browser retries a dropped stream by itself, but not one the server refused (the
  // session ended, or the server was restarting): try again a little later, from where it was.
  stream.addEventListener('error', () => {
    if (stream?.readyState !== EventSource.CLOSED) return
    stream = null
    setTimeout(() => {
      if (listeners.size > 0) open(true)
    }, kRetryMs)
  })
}

// Calls `on` (at most every 200 ms) while the component is shown, when a change passes `which`.
export function useChanges(which: (c: Change) => boolean, on: () => void, deps: unknown[]): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const listener = (c: Change | null) => {
      if ((c && !which(c)) || timer) return
      timer = setTimeout(() => {
        timer = undefined
        on()
      }, 200)
    }
    open()
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
      clearTimeout(timer)
    }
  }, deps)
}

// When the person logs out the stream ends with their session.
export function closeChanges(): void {
  stream?.close()
  stream = null
  last = 0
}
