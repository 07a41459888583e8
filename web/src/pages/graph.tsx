// The systems' dependency graph, drawn: each system in a column by how deep it stands on
// others (power and the network first, on the left), an arrow from each system to what it
// depends on, colored by tier. What a disaster takes out first is what everything on the right
// waits for (G5.2).
import { nameOf, type System } from '../directory'
import { t } from '../i18n'

const kWidth = 210
const kLabel = 30 // how much of a name fits in a box: a wide (CJK) character counts 2
const kHeight = 34
const kGapX = 60
const kGapY = 12

// How deep each system stands: 0 for one that depends on nothing, else one more than the
// deepest it depends on. A cycle (which the organization file refuses) would stop at depth n.
function depths(systems: System[]): Map<string, number> {
  const byId = new Map(systems.map((s) => [s.id, s]))
  const depth = new Map<string, number>()
  const visit = (id: string, seen: number): number => {
    const known = depth.get(id)
    if (known !== undefined) return known
    const s = byId.get(id)
    if (!s || seen > systems.length) return 0
    const d = s.depends_on.length === 0 ? 0 : 1 + Math.max(...s.depends_on.map((x) => visit(x, seen + 1)))
    depth.set(id, d)
    return d
  }
  for (const s of systems) visit(s.id, 0)
  return depth
}

function short(name: string): string {
  let units = 0
  let out = ''
  for (const c of name) {
    units += c.codePointAt(0)! >= 0x2e80 ? 2 : 1
    if (units > kLabel) return `${out}…`
    out += c
  }
  return out
}

export function DependencyGraph({ systems }: { systems: System[] }) {
  const depth = depths(systems)
  const columns: System[][] = []
  for (const s of systems) (columns[depth.get(s.id) ?? 0] ??= []).push(s)
  const where = new Map<string, { x: number; y: number }>()
  columns.forEach((column, c) =>
    [...column]
      .sort((a, b) => a.tier.localeCompare(b.tier) || a.id.localeCompare(b.id))
      .forEach((s, r) => where.set(s.id, { x: c * (kWidth + kGapX), y: r * (kHeight + kGapY) })),
  )
  const width = columns.length * (kWidth + kGapX) - kGapX
  const height = Math.max(...columns.map((c) => c.length)) * (kHeight + kGapY)
  return (
    <figure class="graph" tabIndex={0} aria-labelledby="graph-title">
      <svg viewBox={`-2 -2 ${width + 4} ${height + 4}`} width={width + 4} role="img" aria-labelledby="graph-title">
        <title id="graph-title">{t('ui.org_graph_title')}</title>
        <defs>
          <marker id="arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="8" markerHeight="8" orient="auto">
            <path d="M0,0 L8,4 L0,8 z" class="edge-head" />
          </marker>
        </defs>
        {systems.flatMap((s) =>
          s.depends_on.map((d) => {
            const from = where.get(s.id)
            const to = where.get(d)
            if (!from || !to) return null
            return (
              <line
                key={`${s.id}-${d}`}
                class="edge"
                x1={from.x}
                y1={from.y + kHeight / 2}
                x2={to.x + kWidth}
                y2={to.y + kHeight / 2}
                marker-end="url(#arrow)"
              />
            )
          }),
        )}
        {systems.map((s) => {
          const p = where.get(s.id)!
          return (
            <g key={s.id} class={`node tier-${s.tier} ${s.category}`} transform={`translate(${p.x},${p.y})`}>
              <title>{nameOf(s, s.id)}</title>
              <rect width={kWidth} height={kHeight} rx="4" />
              <text x="8" y={kHeight / 2 + 5}>
                {s.tier.toUpperCase()} · {short(nameOf(s, s.id))}
              </text>
            </g>
          )
        })}
      </svg>
      <figcaption>{t('ui.org_graph_caption')}</figcaption>
    </figure>
  )
}
