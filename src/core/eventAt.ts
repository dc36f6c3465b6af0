/** Where an item lies in its document: `start` is its first character, `end` the offset just after its last. */
export interface OffsetRange {
  start: number;
  end: number;
}

/**
 * The event under an offset, the one rule for every caller (hover, navigation, code actions, the
 * panel's cursor, diagnostics without an event): an event covers `[start, end]`, both ends included,
 * so a cursor just after its last character (at the end of its line) is still on it and an empty
 * event (`start === end`) covers its one offset. Where one event ends exactly where the next starts,
 * the offset belongs to the next. Events are sorted by start and do not overlap; binary search.
 */
export function eventAt<T extends OffsetRange>(events: readonly T[], offset: number): T | undefined {
  let low = 0, high = events.length - 1;
  // The last event that starts at or before the offset.
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (events[mid]!.start <= offset) low = mid;
    else high = mid - 1;
  }
  const event = events[low];
  return event && event.start <= offset && offset <= event.end ? event : undefined;
}
