import { recogniseFamily, type EventFamily } from './families';
import { ExactInteger } from './redact';

/** The JSON types a field can take. */
export type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'object' | 'array';

/** What a set of captures' call events look like: each field (dotted path, array items as `[]`) with its types, and the states. */
export interface PayloadShape {
  fields: Map<string, Set<JsonType>>;
  states: Set<string>;
  /** Call events seen. */
  events: number;
  /** Events of the vendor's other families, by family: not part of the call-event shape. */
  others: Map<EventFamily, number>;
}

/** An empty shape, to add events to. */
export function emptyShape(): PayloadShape {
  return { fields: new Map(), states: new Set(), events: 0, others: new Map() };
}

/** Adds one event (a decoded object) to a shape. */
export function addToShape(shape: PayloadShape, value: Record<string, unknown>): void {
  const family = recogniseFamily(value);
  if (family) {
    shape.others.set(family, (shape.others.get(family) ?? 0) + 1);
    return;
  }
  shape.events++;
  if (typeof value.state === 'string') shape.states.add(value.state);
  addFields(shape.fields, value, '');
}

/** Adds every event of `from` to `into` (as if they had been added to it one by one, in order). */
export function mergeShape(into: PayloadShape, from: PayloadShape): void {
  into.events += from.events;
  for (const state of from.states) into.states.add(state);
  for (const [family, count] of from.others) into.others.set(family, (into.others.get(family) ?? 0) + count);
  for (const [path, types] of from.fields) {
    const known = into.fields.get(path);
    if (!known) into.fields.set(path, new Set(types));
    else for (const type of types) known.add(type);
  }
}

function addFields(fields: Map<string, Set<JsonType>>, object: Record<string, unknown>, prefix: string): void {
  for (const [key, item] of Object.entries(object)) addValue(fields, `${prefix}${key}`, item);
}

function addValue(fields: Map<string, Set<JsonType>>, path: string, value: unknown): void {
  const type = typeOf(value);
  let types = fields.get(path);
  if (!types) fields.set(path, (types = new Set()));
  types.add(type);
  if (type === 'object') addFields(fields, value as Record<string, unknown>, `${path}.`);
  else if (type === 'array') for (const item of value as unknown[]) addValue(fields, `${path}[]`, item);
}

function typeOf(value: unknown): JsonType {
  if (value === null || value === undefined) return 'null';
  if (value instanceof ExactInteger) return 'number';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  return type === 'boolean' || type === 'number' || type === 'string' ? type : 'object';
}

/** What changed between two shapes (the `call-events diff --format json` contract, `others` besides). */
export interface ShapeDiff {
  fields: { added: string[]; removed: string[]; changed: { field: string; old: JsonType[]; new: JsonType[] }[] };
  states: { added: string[]; removed: string[] };
  events: { old: number; new: number };
  /** The other families' event counts, left out of the comparison. */
  others: { old: Record<string, number>; new: Record<string, number> };
}

/** Compares the call-event fields, their types and the states of two shapes. */
export function diffShapes(old: PayloadShape, now: PayloadShape): ShapeDiff {
  const sorted = (values: Iterable<string>) => [...values].sort();
  const changed: ShapeDiff['fields']['changed'] = [];
  for (const field of sorted(old.fields.keys())) {
    const before = old.fields.get(field)!, after = now.fields.get(field);
    if (!after) continue;
    const a = sorted(before) as JsonType[], b = sorted(after) as JsonType[];
    if (a.join() !== b.join()) changed.push({ field, old: a, new: b });
  }
  return {
    fields: {
      added: sorted([...now.fields.keys()].filter((f) => !old.fields.has(f))),
      removed: sorted([...old.fields.keys()].filter((f) => !now.fields.has(f))),
      changed,
    },
    states: { added: sorted([...now.states].filter((s) => !old.states.has(s))), removed: sorted([...old.states].filter((s) => !now.states.has(s))) },
    events: { old: old.events, new: now.events },
    others: { old: Object.fromEntries([...old.others].sort()), new: Object.fromEntries([...now.others].sort()) },
  };
}

/** True when the diff found a difference in the call events' fields, types or states. */
export function hasDifferences(diff: ShapeDiff): boolean {
  const { fields, states } = diff;
  return fields.added.length + fields.removed.length + fields.changed.length + states.added.length + states.removed.length > 0;
}

/** The diff as lines of text for a terminal (payload text is escaped by the caller). */
export function diffLines(diff: ShapeDiff): string[] {
  const lines: string[] = [];
  for (const field of diff.fields.added) lines.push(`+ field ${field}`);
  for (const field of diff.fields.removed) lines.push(`- field ${field}`);
  for (const change of diff.fields.changed) lines.push(`~ field ${change.field}: ${change.old.join('|')} -> ${change.new.join('|')}`);
  for (const state of diff.states.added) lines.push(`+ state ${state}`);
  for (const state of diff.states.removed) lines.push(`- state ${state}`);
  if (lines.length === 0) lines.push('no differences in call-event fields, types or states');
  lines.push(`call events: ${diff.events.old} -> ${diff.events.new}`);
  const others = (counts: Record<string, number>) => Object.entries(counts).map(([f, n]) => `${f} ${n}`).join(', ') || 'none';
  if (Object.keys(diff.others.old).length + Object.keys(diff.others.new).length > 0) {
    lines.push(`other event families (not compared): old ${others(diff.others.old)}; new ${others(diff.others.new)}`);
  }
  return lines;
}
