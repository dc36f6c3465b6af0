import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { parseEventDocument, type EventDocument } from './eventDocument';
import type { PayloadLocation } from './eventSource';
import type { PendingProblem, Problem } from './problems';

/** An event as `resolveProblems` needs it. */
export interface LocatableEvent extends PayloadLocation {
  start: number;
  end: number;
  claimsText?: string;
}

/**
 * Turns pending problems into offsets. Path locators are resolved with one position-tracking
 * parse per event that has any (the fast path never builds trees for clean events).
 */
export function resolveProblems(document: string, events: readonly LocatableEvent[], pending: readonly PendingProblem[]): Problem[] {
  // One event's tree at a time: an event's problems come together (kept, every tree stayed to the end: a file of
  // many invalid events held hundreds of MB of them). One out of turn only costs its event a parse more.
  let treeOf = -1;
  let tree: EventDocument | null = null;
  const resolved: Problem[] = [];
  for (const problem of pending) {
    const { severity, code, message } = problem;
    // Objects of one shape, written out (spreads cost a microsecond each: a second on 700,000 problems).
    let located: Problem;
    if (problem.at.kind === 'range') {
      located = { start: problem.at.start, end: problem.at.end, severity, code, message };
    } else {
      const { event: index, path, part } = problem.at;
      const event = events[index]!;
      if (treeOf !== index) {
        tree = parseEventDocument(document, event, event.claimsText) ?? null;
        treeOf = index;
      }
      const range = tree ? locateInTree(tree.root, path, part, tree.toDocument) : undefined;
      located = range
        ? { start: range.start, end: range.end, severity, code, message, event: index }
        : { start: event.start, end: Math.min(event.end, event.start + 1), severity, code, message, event: index };
    }
    if (problem.suggestion !== undefined) located.suggestion = problem.suggestion;
    resolved.push(located);
  }
  return resolved;
}

function locateInTree(
  tree: Node | undefined,
  path: readonly (string | number)[],
  part: 'key' | 'value' | undefined,
  toDocument: (offset: number, length: number) => { start: number; end: number },
): { start: number; end: number } | undefined {
  if (!tree) return undefined;
  // Walk up to the deepest node that exists: a missing field is reported on its object's opening brace.
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? tree : findNodeAtLocation(tree, path.slice(0, depth) as (string | number)[]);
    if (!node) continue;
    if (depth < path.length || (depth === 0 && path.length === 0)) return toDocument(node.offset, 1);
    const target = part === 'key' && node.parent?.type === 'property' ? node.parent.children?.[0] ?? node : node;
    return toDocument(target.offset, target.length);
  }
  return undefined;
}
