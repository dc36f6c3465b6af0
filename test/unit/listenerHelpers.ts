// Shared by the listener tests: a tiny HTTP client, temp folders, reading a capture back.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { CaptureServer, type CaptureServerOptions, type ListenerFailure, type RequestOutcome } from '../../src/listener/captureServer';
import type { ForwardOutcome } from '../../src/listener/forwarder';

/** An answer as the tests look at it. */
export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: Record<string, unknown>;
  ms: number;
}

/** Sends one request on a fresh connection (or the given agent) and reads the whole answer. */
export function request(url: string, body: string | Buffer | undefined, options: { method?: string; headers?: Record<string, string | number>; agent?: http.Agent | false } = {}): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'POST', headers: options.headers ?? {}, agent: options.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          // Not every answer is JSON.
        }
        resolve({ status: res.statusCode!, headers: res.headers, text, json, ms: performance.now() - started });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** POSTs a JSON-ish body with a content type. */
export function post(url: string, body: string | Buffer, contentType = 'application/json'): Promise<Answer> {
  return request(url, body, { headers: { 'content-type': contentType } });
}

/** A fresh temporary folder, removed by `cleanup`. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `call-events-${prefix}-`));
}

/** Parses every complete line of a capture file (a cut-off or broken line is skipped). */
export function records(file: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      out.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // A partial line (a crash) is the reader's business, not these tests'.
    }
  }
  return out;
}

/** The capture records only (not forward records). */
export function captureRecords(file: string): Record<string, unknown>[] {
  return records(file).filter((r) => r.type === 'call-events/capture');
}

/** A port nobody listens on (bound, then released). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Waits until `check` holds, polling; fails after `ms`. */
export async function until(check: () => boolean, ms = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** One HTTP response as a raw client read it off the socket. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Splits the bytes a server sent into its responses, in order (Content-Length framing; 1xx answers have no body). */
export function parseResponses(data: Buffer): RawResponse[] {
  const responses: RawResponse[] = [];
  let at = 0;
  while (at < data.length) {
    const end = data.indexOf('\r\n\r\n', at);
    if (end < 0) break;
    const [statusLine = '', ...lines] = data.subarray(at, end).toString('latin1').split('\r\n');
    const status = Number(statusLine.split(' ')[1]);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = status < 200 ? 0 : Number(headers['content-length'] ?? 0);
    if (end + 4 + length > data.length) break;
    responses.push({ status, headers, body: data.subarray(end + 4, end + 4 + length).toString('utf8') });
    at = end + 4 + length;
  }
  return responses;
}

/** A client that writes raw bytes on one connection to 127.0.0.1 and reads the responses as they come. */
export class RawClient {
  private readonly chunks: Buffer[] = [];
  private closed = false;
  private readonly socket: net.Socket;
  readonly connected: Promise<void>;

  constructor(port: number) {
    this.socket = net.connect(port, '127.0.0.1');
    this.socket.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.socket.on('close', () => { this.closed = true; });
    this.socket.on('error', () => undefined); // a reset shows as the connection closing
    this.connected = new Promise((resolve) => this.socket.once('connect', () => resolve()));
  }

  static async open(port: number): Promise<RawClient> {
    const client = new RawClient(port);
    await client.connected;
    return client;
  }

  write(data: string | Buffer): void {
    if (!this.socket.destroyed) this.socket.write(data);
  }

  /** Closes the writing side (the server sees the end of the request stream). */
  end(): void {
    this.socket.end();
  }

  /** Cuts the connection with a reset. */
  reset(): void {
    this.socket.resetAndDestroy();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get responses(): RawResponse[] {
    return parseResponses(Buffer.concat(this.chunks));
  }

  get received(): string {
    return Buffer.concat(this.chunks).toString('latin1');
  }

  /** Waits until `count` responses came (or the connection closed, or `ms` passed) and returns them. */
  async read(count: number, ms = 5_000): Promise<RawResponse[]> {
    const deadline = Date.now() + ms;
    while (this.responses.length < count && !this.closed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    return this.responses;
  }

  /** Waits for the server to close the connection; false when it did not within `ms`. */
  async closedWithin(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (!this.closed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    return this.closed;
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/**
 * Starts a capture server on a free port of 127.0.0.1 (capturing to `dir`/capture.jsonl unless told), with
 * its outcomes, failures and forwards collected; it joins `servers`, which the test's afterEach stops.
 */
export async function startServer(servers: CaptureServer[], dir: string, options: Partial<CaptureServerOptions> = {}) {
  const file = options.captureFile ?? path.join(dir, 'capture.jsonl');
  const server = new CaptureServer({ port: 0, ...options, captureFile: file });
  servers.push(server);
  const outcomes: RequestOutcome[] = [];
  const failures: ListenerFailure[] = [];
  const forwards: ForwardOutcome[] = [];
  server.onDidRecordRequest((o) => outcomes.push(o));
  server.onDidFail((f) => failures.push(f));
  server.onDidForward((f) => forwards.push(f));
  const { url, port } = await server.start();
  return { server, url, port, file, outcomes, failures, forwards };
}
