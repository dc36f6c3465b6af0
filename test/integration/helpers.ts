import * as vscode from 'vscode';
import type { CallEventsApi } from '../../src/extension';

/** The extension's id (publisher.name). */
export const EXTENSION_ID = 'call-events-inspector.call-events-inspector';

/** Activates the extension (once) and returns what it exports for tests. */
export async function api(): Promise<CallEventsApi> {
  return vscode.extensions.getExtension<CallEventsApi>(EXTENSION_ID)!.activate();
}

/** Polls until the check returns a value: the extension works asynchronously after each change. */
export async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
