// A value that components read and re-render on: the smallest thing that does the job, so the
// page needs no state library.
import { useEffect, useState } from 'preact/hooks'

export interface Signal<T> {
  get(): T
  set(value: T): void
  subscribe(listener: () => void): () => void
}

export function signal<T>(initial: T): Signal<T> {
  let value = initial
  const listeners = new Set<() => void>()
  return {
    get: () => value,
    set(next: T) {
      value = next
      for (const l of [...listeners]) l()
    },
    subscribe(listener: () => void) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

// Runs `load` whenever `deps` change and hands its answer to `done`, unless a newer run started
// meanwhile: an older answer that arrives late must not overwrite a newer one.
export function useLoad<T>(
  load: () => Promise<T>,
  done: (value: T) => void,
  failed: (e: unknown) => void,
  deps: unknown[],
): void {
  useEffect(() => {
    let latest = true
    load().then(
      (v) => latest && done(v),
      (e: unknown) => latest && failed(e),
    )
    return () => {
      latest = false
    }
  }, deps)
}

export function useSignal<T>(s: Signal<T>): T {
  const [, rerender] = useState(0)
  useEffect(() => s.subscribe(() => rerender((n) => n + 1)), [s])
  return s.get()
}
