import { runGraph } from './cli/graph';
import { reportCommand } from './cli/report';
import { redactCommand } from './cli/redact';
import { diffCommand } from './cli/diff';
import { runListen } from './cli/listen';
import { GRAPH_HELP, MAIN_HELP, SUMMARY_HELP, VALIDATE_HELP } from './cli/usage';
import { runSample, runSimulate } from './cli/simulate';
import { runSummary } from './cli/summary';
import { readsStdinTwice, STDIN_TWICE } from './node/captureFiles';
import { parseCommand, usageError } from './cli/commandLine';
import { runValidate } from './cli/validate';
import { forTerminalLines } from './shared/untrustedText';
import type { RawWriter } from './cli/output';

declare const CLI_VERSION: string | undefined;

/**
 * Runs the command line and returns the exit code; never throws for bad input. `write` (standard output
 * without newlines) lets large outputs go out in pieces; without it they are one line through `out`.
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv, out: (s: string) => void, writeErr: (s: string) => void, write?: RawWriter): Promise<number> {
  // Standard error is only ever read by people: whatever a message quotes (file names, arguments, payload text) is escaped.
  const err = (text: string) => writeErr(forTerminalLines(text));
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    out(MAIN_HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    out(typeof CLI_VERSION === 'string' ? CLI_VERSION : 'development');
    return 0;
  }
  switch (command) {
    case 'validate':
    case 'graph':
    case 'summary': {
      const help = command === 'validate' ? VALIDATE_HELP : command === 'graph' ? GRAPH_HELP : SUMMARY_HELP;
      const usage = usageError(command, help, err);
      const parsed = parseCommand({
        args: rest,
        allowPositionals: true,
        strict: true,
        options: {
          secret: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
          ...(command !== 'graph' ? { format: { type: 'string' as const } } : {}),
        },
      }, help, usage, out);
      if (typeof parsed === 'number') return parsed;
      const values = parsed.values as { secret?: string; format?: string };
      if (parsed.positionals.length === 0) return usage('no FILE given');
      if (readsStdinTwice(parsed.positionals)) return usage(STDIN_TWICE);
      const secret = values.secret ?? env.CALL_EVENTS_SECRET;
      const common = { files: parsed.positionals, out, err, ...(secret ? { secret } : {}) };
      if (command === 'graph') return runGraph({ ...common, ...(write ? { write } : {}) });
      const format = values.format ?? 'text';
      if (command === 'summary') {
        if (format !== 'text' && format !== 'json' && format !== 'csv') return usage(`--format must be text, json or csv, not "${format}"`);
        return runSummary({ ...common, format, ...(write ? { write } : {}) });
      }
      if (format !== 'text' && format !== 'json') return usage(`--format must be text or json, not "${format}"`);
      return runValidate({ ...common, format });
    }
    case 'listen':
      return runListen(rest, env, out, err);
    case 'report':
      return reportCommand(rest, env, `call-events ${typeof CLI_VERSION === 'string' ? CLI_VERSION : 'development'}`, out, err, write);
    case 'simulate':
      return runSimulate(rest, env, out, err);
    case 'sample':
      return runSample(rest, env, out, err);
    case 'redact':
      return redactCommand(rest, env, out, err, write);
    case 'diff':
      return diffCommand(rest, env, out, err);
    default:
      err(`call-events: unknown command "${command}"\n\n${MAIN_HELP}`);
      return 2;
  }
}

/**
 * Writes lines to a standard stream whose reader may go away (`… | head -1` closes the pipe: EPIPE on the
 * next write). The stream's error never reaches Node's default handler (a crash with a stack trace):
 * `onClosed` says what happens instead, and each line that could not be written (the one that met the
 * error, and every later one) goes to `onLost`, or nowhere.
 */
function lineWriter(stream: NodeJS.WriteStream, onClosed: (error: NodeJS.ErrnoException) => void, onLost?: (text: string) => void): (text: string) => void {
  return streamWriters(stream, onClosed, onLost).line;
}

/**
 * `lineWriter` and, sharing its state, `raw`: the text as it is, for a large output written a piece at a time.
 * Only `raw` waits for a full stream (answering a promise); lines are queued as they come.
 */
function streamWriters(stream: NodeJS.WriteStream, onClosed: (error: NodeJS.ErrnoException) => void, onLost?: (text: string) => void): { line: (text: string) => void; raw: RawWriter } {
  let closed = false;
  const close = (error: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    onClosed(error);
  };
  stream.on('error', close);
  // Without `onLost` no callback holds the text: a large output written in one go (its callbacks run only
  // after it) would otherwise be kept whole until its end.
  const written = (error?: Error | null) => {
    if (error) close(error);
  };
  /** Writes the text (`lost` is what goes to `onLost` if it cannot be); false when the stream is full (or closed). */
  const write = (text: string, lost = text): boolean => {
    if (closed) {
      onLost?.(lost);
      return false;
    }
    if (!onLost) return stream.write(text, written);
    return stream.write(text, (error) => {
      if (!error) return;
      close(error);
      onLost(lost);
    });
  };
  const raw: RawWriter = (text) => {
    if (write(text) || closed) return;
    // Full: the caller waits until it drains (or closes, which `close` reports).
    return new Promise<void>((resolve) => {
      const done = () => {
        stream.off('drain', done).off('close', done).off('error', done);
        resolve();
      };
      stream.on('drain', done).on('close', done).on('error', done);
    });
  };
  return { line: (text) => void write(`${text}\n`, text), raw };
}

if (require.main === module) {
  // Write through the streams and wait for them to drain before exiting, so large outputs are never cut.
  const argv = process.argv.slice(2);
  const err = lineWriter(process.stderr, () => {});
  let out: (text: string) => void, write: RawWriter | undefined;
  if (argv[0] === 'listen') {
    // The listener captures whatever happens to its output: once stdout is gone, its lines go to stderr.
    out = lineWriter(process.stdout, () => err('call-events listen: standard output was closed; request lines go to standard error'), err);
  } else {
    // The reader of the output has what it wanted (`validate … | head`): stop at once, quietly.
    ({ line: out, raw: write } = streamWriters(process.stdout, (error) => {
      if (error.code !== 'EPIPE') process.stderr.write(`call-events: cannot write to standard output: ${error.code ?? error.message}\n`);
      process.exit(error.code === 'EPIPE' ? 0 : 2);
    }));
  }
  main(argv, process.env, out, err, write)
    .then((code) => { process.exitCode = code; })
    .catch((error: unknown) => {
      // A bug, not bad input: say so in one line, without a stack trace.
      process.stderr.write(`call-events: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    });
}
