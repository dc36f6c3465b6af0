import type * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Starts a test's HTTP server on 127.0.0.1 at a free port: its `/hook` URL, and a `close` that drops open
 * connections first (a handler that never answers would otherwise keep `close` waiting). Unit and real-editor
 * tests alike.
 */
export async function listenOnLoopback(server: http.Server): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return { url, close };
}
