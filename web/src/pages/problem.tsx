// A refusal as the server wrote it, with each problem and where it is.
import { Problem } from '../api'

export function ProblemView({ error }: { error: unknown }) {
  if (!error) return null
  const p = error instanceof Problem ? error : null
  return (
    <div role="alert" class="problem">
      <p>{p ? p.message : String(error)}</p>
      {p && p.errors.length > 0 && (
        <ul>
          {p.errors.map((e) => (
            <li key={e.where + e.message}>{e.message}</li>
          ))}
        </ul>
      )}
    </div>
  )
}
