// The webview's half of the protocol (src/shared/protocol.ts re-exports it): what the page runs, so
// no zod here. Which host messages it accepts, and the state VS Code keeps for it across reloads.
import type { HostMessage } from './protocol';

// A record rather than a list, so the compiler says when a host message type is added and not accepted.
const HOST_MESSAGE_TYPES: Record<HostMessage['type'], true> = { update: true, highlight: true, exported: true, pinned: true };

/** True for data whose `type` is one of the host's messages (the host is trusted: the type is checked, not the shape). */
export function isHostMessage(data: unknown): data is HostMessage {
  if (!data || typeof data !== 'object') return false;
  const type = (data as { type?: unknown }).type;
  return typeof type === 'string' && Object.hasOwn(HOST_MESSAGE_TYPES, type);
}

/** What the flow list can be sorted by. */
export type SortKey = 'start' | 'wait' | 'hold' | 'talk' | 'transfers' | 'outcome';

/** A sort of the flow list, as the webview state keeps it. */
export interface FlowSort {
  key: SortKey;
  descending: boolean;
}

const SORT_KEY_SET: Record<SortKey, true> = { start: true, wait: true, hold: true, talk: true, transfers: true, outcome: true };

/** True for a value the webview state may hold as a sort. */
export function isFlowSort(value: unknown): value is FlowSort {
  if (typeof value !== 'object' || value === null) return false;
  const { key, descending } = value as Partial<FlowSort>;
  return typeof key === 'string' && Object.hasOwn(SORT_KEY_SET, key) && typeof descending === 'boolean';
}

/** What the panel's upper pane shows. */
export type PaneView = 'graph' | 'ladder';

/** How many documents' chosen flows the state remembers (the most recently shown). */
export const REMEMBERED_DOCUMENTS = 20;

/** The flows chosen in `document` remembered, as the most recent of at most REMEMBERED_DOCUMENTS documents. */
export function rememberFlows(byDocument: Readonly<Record<string, string[]>>, document: string, selected: readonly string[]): Record<string, string[]> {
  const entries = Object.entries(byDocument).filter(([name]) => name !== document);
  entries.push([document, [...selected]]);
  return Object.fromEntries(entries.slice(-REMEMBERED_DOCUMENTS));
}

/** The flows remembered for `document`, if any (own entries only). */
export function rememberedFlows(byDocument: Readonly<Record<string, string[]>>, document: string): string[] | undefined {
  return Object.hasOwn(byDocument, document) ? byDocument[document] : undefined;
}

/** The state VS Code keeps for the webview across reloads and restarts. */
export interface SavedState {
  selected: string[];
  query: string;
  /** The flow list's sort (absent: time order). */
  sort?: FlowSort;
  /** The document the host said it shows (see UpdateMessage.document). */
  document?: string;
  /** The panel is pinned to that document (see PinnedMessage), so that a restart keeps the pin. */
  pinned?: boolean;
  /** The upper pane shows the ladder (absent: the graph). */
  view?: PaneView;
  /** The flows last chosen in each document shown (by document, oldest first), so that switching back restores them. */
  flowsByDocument?: Record<string, string[]>;
}

function readFlowsByDocument(raw: unknown): Record<string, string[]> | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const entries = Object.entries(raw as Record<string, unknown>)
    .filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1]))
    .map(([name, ids]) => [name, ids.filter((id): id is string => typeof id === 'string')] as const);
  return entries.length > 0 ? Object.fromEntries(entries.slice(-REMEMBERED_DOCUMENTS)) : undefined;
}

/** The saved state read back (it may come from an older build): undefined when it is not one, unknown parts dropped. */
export function readSavedState(raw: unknown): SavedState | undefined {
  const state = raw as Partial<SavedState> | null | undefined;
  if (!state || typeof state !== 'object' || !Array.isArray(state.selected)) return undefined;
  const flowsByDocument = readFlowsByDocument(state.flowsByDocument);
  return {
    selected: state.selected.filter((id): id is string => typeof id === 'string'),
    query: typeof state.query === 'string' ? state.query : '',
    ...(isFlowSort(state.sort) ? { sort: { key: state.sort.key, descending: state.sort.descending } } : {}),
    ...(typeof state.document === 'string' ? { document: state.document } : {}),
    ...(state.pinned === true ? { pinned: true } : {}),
    ...(state.view === 'ladder' || state.view === 'graph' ? { view: state.view } : {}),
    ...(flowsByDocument ? { flowsByDocument } : {}),
  };
}
