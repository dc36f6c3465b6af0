import { CaptureServer, DEFAULT_HOST, DEFAULT_PORT, isLoopbackHost, ListenerStartError, type RequestOutcome } from '../listener/captureServer';
import type { ForwardOutcome } from '../listener/forwarder';
import { forTerminal } from '../shared/untrustedText';
import { LISTEN_HELP } from './usage';
import { parseCommand, usageError } from './commandLine';

/** Resolves when the listener should stop; the default waits for SIGINT or SIGTERM. */
export type StopSignal = () => Promise<string>;

/** `call-events listen`: runs the capture listener until SIGINT/SIGTERM; returns the exit code. */
export async function runListen(args: string[], env: NodeJS.ProcessEnv, out: (s: string) => void, err: (s: string) => void, stopSignal: StopSignal = processSignal): Promise<number> {
  const usage = usageError('listen', LISTEN_HELP, err);
  const parsed = parseCommand({
    args,
    allowPositionals: false,
    strict: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      path: { type: 'string' },
      secret: { type: 'string' },
      'forward-to': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }, LISTEN_HELP, usage, out);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (!values.out) return usage('--out FILE is required (the capture file to append to)');
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '0') || !Number.isInteger(port) || port > 65535) return usage(`--port must be a number from 0 to 65535, not "${values.port}"`);
  if (values.path !== undefined && !values.path.startsWith('/')) return usage(`--path must start with "/", not "${values.path}"`);
  const forwardTo = values['forward-to'];
  if (forwardTo !== undefined && !/^https?:\/\/[^/]/i.test(forwardTo)) return usage(`--forward-to must be an http:// or https:// URL, not "${forwardTo}"`);
  const host = values.host ?? DEFAULT_HOST;
  const secret = values.secret ?? env.CALL_EVENTS_SECRET;

  let server: CaptureServer;
  try {
    server = new CaptureServer({
      captureFile: values.out, host, port,
      ...(values.path !== undefined ? { path: values.path } : {}),
      ...(secret ? { secret } : {}),
      ...(forwardTo !== undefined ? { forwardTo } : {}),
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  // One write per 20 ms at most instead of one per request (stdout may be a synchronous pipe): a log, not a protocol.
  let pendingLines: string[] = [];
  const flushLines = () => {
    const lines = pendingLines;
    pendingLines = [];
    if (lines.length > 0) out(lines.join('\n'));
  };
  server.onDidRecordRequest((request) => {
    if (pendingLines.push(requestLine(request)) === 1) setTimeout(flushLines, 20);
  });
  server.onDidForward((forward) => err(forwardLine(forward)));
  server.onDidFail((failure) => err(`call-events listen: ${failure.message}`));
  let started;
  try {
    started = await server.start();
  } catch (error) {
    err(`call-events listen: ${error instanceof ListenerStartError ? error.message : (error as Error).message}`);
    return 2;
  }
  // stdout's first line is the URL (scripts read the port from it); everything else about the setup goes to stderr.
  out(`listening on ${started.url}`);
  if (!isLoopbackHost(host)) {
    err(`call-events listen: warning: ${host} is not a loopback address: anyone who can reach this machine can write to ${values.out}. A tunnel to 127.0.0.1 is safer.`);
  }
  err(`call-events listen: POST ${values.path ?? 'any path'} → ${values.out}; ${secret ? 'secret set: only HS256 tokens signed with it are accepted' : 'no secret: JWTs are decoded, not verified'}${forwardTo ? `; forwarding to ${forwardTo}` : ''}. Ctrl-C stops.`);
  const signal = await stopSignal();
  err(`call-events listen: ${signal}: stopping (finishing requests in flight)`);
  await server.stop();
  flushLines();
  err(`call-events listen: stopped; ${server.storedCount} request(s) stored in ${values.out}`);
  return 0;
}

/** One stdout line per request: time, path, size, verdict, status (and why, or what validation found). */
export function requestLine(request: RequestOutcome): string {
  const status = request.status === null ? 'no-answer' : String(request.status);
  const path = request.method && request.method !== 'POST' ? `${request.method} ${request.path}` : request.path || '-';
  let line = `${request.receivedAt} ${path} ${request.size} ${request.verdict} ${status}`;
  if (request.reason) line += ` ${request.reason}`;
  else if (request.findings && (request.findings.errors > 0 || request.findings.warnings > 0)) {
    line += ` (${plural(request.findings.errors, 'validation error')}, ${plural(request.findings.warnings, 'warning')})`;
  }
  // The path, method and reason come from the sender: escaped, so a request cannot write to the terminal.
  return forTerminal(line);
}

function forwardLine(forward: ForwardOutcome): string {
  return forward.error !== null
    ? `call-events listen: forward #${forward.seq}: ${forTerminal(forward.error)}`
    : `call-events listen: forward #${forward.seq}: ${forward.status} in ${forward.latency_ms} ms`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Waits for SIGINT or SIGTERM, then removes its handlers. */
function processSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}
