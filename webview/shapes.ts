// The silhouette of each role, as SVG path data (also drawn on canvas through Path2D), so that roles
// differ by shape and outline, not by colour alone: an entry point points onward to its operators,
// an operator is a rounded card, a monitor has cut corners and a dashed outline, a direct call is a capsule.
import type { ViewRole } from '../src/shared/viewModel';

/** What a node shows: a role, or a call referenced but missing from the capture. */
export type ShapeKind = ViewRole | 'missing';

/** Path data of a role's shape in a w×h box whose top-left corner is (x, y). */
export function shapePath(kind: ShapeKind, w: number, h: number, x = 0, y = 0): string {
  const f = (n: number) => Math.round(n * 100) / 100;
  const r = Math.min(6, h / 4);
  switch (kind) {
    case 'entry_point': {
      const tip = Math.min(14, w * 0.22);
      return `M${f(x + r)},${f(y)}H${f(x + w - tip)}L${f(x + w)},${f(y + h / 2)}L${f(x + w - tip)},${f(y + h)}H${f(x + r)}`
        + `Q${f(x)},${f(y + h)} ${f(x)},${f(y + h - r)}V${f(y + r)}Q${f(x)},${f(y)} ${f(x + r)},${f(y)}Z`;
    }
    case 'monitor': {
      const c = Math.min(10, h * 0.3, w * 0.3);
      return `M${f(x + c)},${f(y)}H${f(x + w - c)}L${f(x + w)},${f(y + c)}V${f(y + h - c)}L${f(x + w - c)},${f(y + h)}`
        + `H${f(x + c)}L${f(x)},${f(y + h - c)}V${f(y + c)}Z`;
    }
    case 'direct': {
      const rr = h / 2;
      return `M${f(x + rr)},${f(y)}H${f(x + w - rr)}A${f(rr)},${f(rr)} 0 0 1 ${f(x + w - rr)},${f(y + h)}`
        + `H${f(x + rr)}A${f(rr)},${f(rr)} 0 0 1 ${f(x + rr)},${f(y)}Z`;
    }
    case 'operator':
    case 'missing':
      return `M${f(x + r)},${f(y)}H${f(x + w - r)}Q${f(x + w)},${f(y)} ${f(x + w)},${f(y + r)}V${f(y + h - r)}`
        + `Q${f(x + w)},${f(y + h)} ${f(x + w - r)},${f(y + h)}H${f(x + r)}Q${f(x)},${f(y + h)} ${f(x)},${f(y + h - r)}`
        + `V${f(y + r)}Q${f(x)},${f(y)} ${f(x + r)},${f(y)}Z`;
  }
}

/** The outline dash of a role (monitors dashed, missing calls dotted). */
export function shapeDash(kind: ShapeKind): string | null {
  return kind === 'monitor' ? '6 3' : kind === 'missing' ? '2 3' : null;
}

/** The theme token of a role's colour. */
export function roleToken(kind: ShapeKind): 'entry' | 'operator' | 'monitor' | 'direct' | 'missing' {
  return kind === 'entry_point' ? 'entry' : kind;
}
