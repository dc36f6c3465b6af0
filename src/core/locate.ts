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
  const trees = new Map<number, EventDocument | null>();
  const resolved: Problem[] = [];
  for (const problem of pending) {
    const { severity, code, message } = problem;
    const extra = problem.suggestion !== undefined ? { suggestion: problem.suggestion } : {};
    if (problem.at.kind === 'range') {
      resolved.push({ start: problem.at.start, end: problem.at.end, severity, code, message, ...extra });
      continue;
    }
    const { event: index, path, part } = problem.at;
    const event = events[index]!;
    let entry = trees.get(index);
    if (entry === undefined) {
      entry = parseEventDocument(document, event, event.claimsText) ?? null;
      trees.set(index, entry);
    }
    const range = entry ? locateInTree(entry.root, path, part, entry.toDocument) : undefined;
    const fallback = { start: event.start, end: Math.min(event.end, event.start + 1) };
    resolved.push({ ...(range ?? fallback), severity, code, message, event: index, ...extra });
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
