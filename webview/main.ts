// Entry point of the webview bundle (dist/webview.js), used by the VS Code panel and the HTML report.
import './style.css';
import { EMBEDDED_DATA_ID, type EmbeddedData } from '../src/shared/viewModel';
import { App, appRoot } from './app';
import { connectHost } from './host';
import './testHooks';

function embedded(): EmbeddedData | undefined {
  const node = document.getElementById(EMBEDDED_DATA_ID);
  if (!node?.textContent) return undefined;
  try {
    const data = JSON.parse(node.textContent) as EmbeddedData;
    return data && typeof data === 'object' && data.model ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Chromium's "ResizeObserver loop completed with undelivered notifications" (and its older "loop limit exceeded"). */
export function isBenignResizeNotice(message: unknown): boolean {
  return typeof message === 'string' && /^(Uncaught )?ResizeObserver loop (completed with undelivered notifications|limit exceeded)/.test(message);
}

function start(): void {
  const host = connectHost();
  window.addEventListener('error', (event) => {
    // The browser's notice that a resize observer's work caused another layout pass (the panes refit
    // as they resize) is not an error: nothing failed and the next frame delivers the size.
    if (isBenignResizeNotice(event.message)) return;
    host.post({ type: 'log', level: 'error', message: String(event.message).slice(0, 4000) });
  });
  window.addEventListener('unhandledrejection', (event) => host.post({ type: 'log', level: 'error', message: String(event.reason).slice(0, 4000) }));
  const data = embedded();
  const app = new App(appRoot(), host, data?.report);
  window.callEvents = app; // the browser tests' hooks (see testHooks.ts)
  host.onMessage((message) => {
    try {
      app.onHostMessage(message);
    } catch (error) {
      host.post({ type: 'log', level: 'error', message: `${message.type}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`.slice(0, 4000) });
    }
  });
  if (data) app.setModel(data.model, null);
  if (host.embedded) host.post({ type: 'ready' });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
