import * as http from 'node:http';
import * as vscode from 'vscode';
import type { CallEventsApi } from '../../src/extension';
import { listenOnLoopback } from '../support/loopback';

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

/** A request a local handler received. */
export interface ReceivedRequest {
  body: Buffer;
  contentType: string | undefined;
}

/**
 * A handler on 127.0.0.1 (`/hook`) that keeps every request it receives and answers each with
 * `status` and `text`; `close` drops its connections.
 */
export async function startHandler(status: number, text: string): Promise<{ url: string; received: ReceivedRequest[]; close: () => Promise<void> }> {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks), contentType: req.headers['content-type'] });
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(text);
    });
  });
  const { url, close } = await listenOnLoopback(server);
  return { url, received, close };
}
