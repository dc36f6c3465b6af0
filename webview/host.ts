// The webview's link to whoever hosts it: VS Code's webview API when present, otherwise nothing
// (the standalone HTML report, where reveal and export are handled in the page).
import type { HostMessage, WebviewMessage } from '../src/shared/protocol';
import { isFlowSort, type FlowSort } from './flowSort';

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
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  // Injected by VS Code into its webviews; absent in the report.
  function acquireVsCodeApi(): VsCodeApi;
}

/** The host, as the application sees it. */
export interface Host {
  /** True inside VS Code. */
  readonly embedded: boolean;
  post(message: WebviewMessage): void;
  loadState(): SavedState | undefined;
  saveState(state: SavedState): void;
  /** Subscribes to the host's messages (only messages whose shape is known are passed on). */
  onMessage(handler: (message: HostMessage) => void): void;
}

/** Connects to VS Code when the page runs in a webview, else returns the standalone host. */
export function connectHost(): Host {
  const api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  return {
    embedded: api !== undefined,
    post: (message) => api?.postMessage(message),
    loadState: () => {
      const state = api?.getState() as Partial<SavedState> | undefined;
      if (!state || !Array.isArray(state.selected)) return undefined;
      return {
        selected: state.selected.filter((id): id is string => typeof id === 'string'),
        query: typeof state.query === 'string' ? state.query : '',
        ...(isFlowSort(state.sort) ? { sort: { key: state.sort.key, descending: state.sort.descending } } : {}),
        ...(typeof state.document === 'string' ? { document: state.document } : {}),
        ...(state.pinned === true ? { pinned: true } : {}),
      };
    },
    saveState: (state) => api?.setState(state),
    onMessage: (handler) => {
      window.addEventListener('message', (event: MessageEvent<unknown>) => {
        const data = event.data as { type?: unknown } | null;
        if (!data || typeof data !== 'object') return;
        if (data.type === 'update' || data.type === 'highlight' || data.type === 'exported' || data.type === 'pinned') handler(data as HostMessage);
      });
    },
  };
}
