// The webview's link to whoever hosts it: VS Code's webview API when present, otherwise nothing
// (the standalone HTML report, where reveal and export are handled in the page).
import type { HostMessage, WebviewMessage } from '../src/shared/protocol';
import { isHostMessage, readSavedState, type SavedState } from '../src/shared/webviewProtocol';

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
    loadState: () => readSavedState(api?.getState()),
    saveState: (state) => api?.setState(state),
    onMessage: (handler) => {
      window.addEventListener('message', (event: MessageEvent<unknown>) => {
        if (isHostMessage(event.data)) handler(event.data);
      });
    },
  };
}
