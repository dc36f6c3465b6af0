// Orders flows by their answers (computed by the core; here only compared). Unknown values (null)
// always come last, whichever the direction, so "longest wait first" never starts with "unknown".
import { VIEW_OUTCOMES, type FlowView } from '../src/shared/viewModel';
import { isFlowSort, type FlowSort, type SortKey } from '../src/shared/webviewProtocol';

export { isFlowSort, type FlowSort, type SortKey };

/** The list's sort keys, in the order the menu offers them. */
export const SORT_KEYS: readonly { key: SortKey; label: string }[] = [
  { key: 'start', label: 'Start' },
  { key: 'wait', label: 'Wait' },
  { key: 'hold', label: 'Hold' },
  { key: 'talk', label: 'Talk' },
  { key: 'transfers', label: 'Transfers' },
  { key: 'outcome', label: 'Outcome' },
];

/** The time order of the model (start, ascending). */
export const DEFAULT_SORT: FlowSort = { key: 'start', descending: false };

/** A comparable value of a flow, or null when unknown. */
export type SortValue = (flow: FlowView) => number | string | null;

const VALUES: Record<SortKey, SortValue> = {
  start: (flow) => flow.start,
  wait: (flow) => flow.answers.waitMs,
  hold: (flow) => flow.answers.holdMs,
  talk: (flow) => flow.answers.talkMs,
  transfers: (flow) => flow.answers.transfers,
  outcome: (flow) => VIEW_OUTCOMES.indexOf(flow.answers.outcome),
};

/** The sort key's value of a flow. */
export function sortValue(key: SortKey): SortValue {
  return VALUES[key];
}

/**
 * Indices of `flows` ordered by `value` (nulls last); ties keep the given order (the model's time order).
 * Sorts a copy: `indices` is left as it is.
 */
export function sortIndices(flows: readonly FlowView[], indices: readonly number[], value: SortValue, descending: boolean): number[] {
  const keyed = indices.map((index, position) => ({ index, position, value: value(flows[index]!) }));
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === b.value ? a.position - b.position : a.value === null ? 1 : -1;
    const order = typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : String(a.value).localeCompare(String(b.value), 'en', { numeric: true });
    return (descending ? -order : order) || a.position - b.position;
  });
  return keyed.map((k) => k.index);
}
