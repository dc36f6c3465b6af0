import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { viewModelAsRead } from '../core/buildViewModel';
import { compactInspection, untrustedCount, type CompactInspection } from '../core/chunkedInspection';
import { inspectDocument } from '../core/inspect';
import { redactCaptures } from '../core/redactCapture';
import { defaultAssetDirectories, readWebviewAssets } from '../report/assets';
import { reportHtmlPieces } from '../report/html';
import { inspectCaptures, readCaptureFile, readsStdinTwice, STDIN, STDIN_TWICE } from '../node/captureFiles';
import { redactFilesOffThread } from '../node/redactFiles';
import { REPORT_HELP } from './usage';
import { parseCommand, usageError } from './commandLine';
import { writeOutput, type RawWriter } from './output';

export interface ReportOptions {
  files: string[];
  /** The file to write, or `-` for standard output. */
  outFile: string;
  title?: string;
  secret?: string;
  /** Replace every personal value before drawing (`call-events redact` over all the files as one run). */
  redact?: boolean;
  /** Names the tool in the report (for example `call-events 0.1.0`). */
  generator: string;
  /** Where to look for the webview bundle (defaults to next to this script, then dist/). */
  assetDirectories?: string[];
  now?: () => Date;
  out: (text: string) => void;
  /** Standard output without newlines: `--out -` writes the report in pieces through it when given. */
  write?: RawWriter;
  err: (text: string) => void;
}

/** `call-events report`: one self-contained HTML file with the graph, the timeline and every event's diagnostics. */
export async function runReport(options: ReportOptions): Promise<number> {
  const assets = readWebviewAssets(options.assetDirectories ?? defaultAssetDirectories(__dirname));
  if ('error' in assets) {
    options.err(`call-events report: ${assets.error}`);
    return 2;
  }
  const read = options.redact ? await redactedInspections(options.files, options.secret) : await inspectCaptures(options.files, options.secret);
  if ('error' in read) {
    options.err(`call-events: ${read.error}`);
    return 2;
  }
  const { inspections } = read;
  // The flows and event rows are made as they are written, each let go once out: the whole model is never held.
  const { model, flows } = viewModelAsRead(inspections.map((compact, i) => ({ name: options.files[i]!, compact })), { eventList: true });
  const untrusted = untrustedCount(inspections);
  const title = options.title ?? (options.files.length === 1 ? `Call events: ${path.basename(options.files[0]!)}` : `Call events: ${options.files.length} files`);
  const pieces = reportHtmlPieces({
    model,
    report: { title: title.slice(0, 200), generatedAt: (options.now?.() ?? new Date()).toISOString(), generator: options.generator },
  }, assets);
  if (options.outFile === '-') {
    await writeOutput(pieces, options.out, options.write);
    return 0;
  }
  try {
    writePieces(options.outFile, pieces);
  } catch (error) {
    options.err(`call-events report: cannot write ${options.outFile}: ${(error as Error).message}`);
    return 2;
  }
  const errors = model.sources.reduce((sum, s) => sum + s.counts.error, 0);
  const warnings = model.sources.reduce((sum, s) => sum + s.counts.warning, 0);
  options.err(`call-events: wrote ${options.outFile}: ${flows} flow(s), ${model.eventCount} call event(s), ${errors} error(s), ${warnings} warning(s)`
    + (untrusted > 0 ? `; ${untrusted} event(s) left out of the graph: their JWT failed verification` : ''));
  return 0;
}

/**
 * Redacts the captures as one run (`call-events redact`) and inspects the redacted copies: the report is built
 * from them alone, so nothing personal is ever drawn. A chunk at a time when every capture can be read so,
 * else (standard input, an array, a listener capture file, text not in UTF-8) whole.
 */
async function redactedInspections(files: readonly string[], secret: string | undefined): Promise<{ inspections: CompactInspection[] } | { error: string }> {
  const chunked = await redactedInChunks(files, secret);
  if (chunked !== undefined) return chunked;
  const texts: string[] = [];
  for (const file of files) {
    const read = await readCaptureFile(file);
    if ('error' in read) return read;
    texts.push(read.text);
  }
  const redacted = await redactCaptures(texts.map((text) => ({ text })), secret ? { secret } : {});
  const inspections: CompactInspection[] = [];
  for (const [source, { text }] of redacted.entries()) {
    inspections.push(compactInspection(await inspectDocument(text, secret ? { secret } : {}), source));
  }
  return { inspections };
}

/**
 * The captures redacted a chunk at a time in a worker thread (`redactFilesOffThread`), each copy written to a
 * temporary file of a private folder, inspected from there a chunk at a time like any capture, then deleted:
 * neither a capture nor its copy is ever held whole (the bench capture: 896 MB of memory when read whole).
 * Undefined, having inspected nothing, when a capture must be read whole.
 */
async function redactedInChunks(files: readonly string[], secret: string | undefined): Promise<{ inspections: CompactInspection[] } | { error: string } | undefined> {
  if (files.includes(STDIN)) return undefined;
  let folder: string;
  try {
    // mkdtemp makes the folder its owner's alone; the copies hold no personal value, but are the user's data.
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'call-events-report-'));
  } catch {
    return undefined; // no temporary folder to write to: the captures are read whole instead
  }
  // Stopped by a signal while the copies exist (Ctrl+C): the folder goes first, then the signal does what it would have.
  const removeThenStop = (signal: NodeJS.Signals) => {
    fs.rmSync(folder, { recursive: true, force: true });
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', removeThenStop);
  process.once('SIGTERM', removeThenStop);
  try {
    const copies = files.map((_file, i) => path.join(folder, `${i}.redacted`));
    const result = await redactFilesOffThread({ files: [...files], copies, ...(secret ? { secret } : {}) });
    if ('whole' in result) return undefined;
    if ('error' in result) return result;
    const inspected = await inspectCaptures(copies, secret);
    // A copy's path means nothing to the user: an error names the capture it was made from.
    if ('error' in inspected) return { error: copies.reduce((message, copy, i) => message.split(copy).join(files[i]!), inspected.error) };
    return inspected;
  } finally {
    process.off('SIGINT', removeThenStop);
    process.off('SIGTERM', removeThenStop);
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Writes the pieces to a file in order, gathered into writes of 1 MiB through one buffer: joined into strings,
 * each batch would be a large object that only a full collection frees (tens of MB of a big report's peak).
 */
function writePieces(file: string, pieces: Iterable<string>): void {
  const fd = fs.openSync(file, 'w');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let used = 0;
    const flush = () => {
      for (let at = 0; at < used;) at += fs.writeSync(fd, buffer, at, used - at);
      used = 0;
    };
    for (const piece of pieces) {
      // A UTF-16 unit takes at most 3 bytes of UTF-8 (a pair, 4 for 2 units).
      if (used + piece.length * 3 > buffer.length) flush();
      if (piece.length * 3 > buffer.length) fs.writeSync(fd, piece);
      else used += buffer.write(piece, used, 'utf8');
    }
    flush();
  } finally {
    fs.closeSync(fd);
  }
}

/** Parses `call-events report` arguments and runs it; returns the exit code. */
export async function reportCommand(args: string[], env: NodeJS.ProcessEnv, generator: string, out: (s: string) => void, err: (s: string) => void, write?: RawWriter): Promise<number> {
  const usage = usageError('report', REPORT_HELP, err);
  const parsed = parseCommand({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      secret: { type: 'string' },
      out: { type: 'string', short: 'o' },
      title: { type: 'string' },
      redact: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }, REPORT_HELP, usage, out);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (parsed.positionals.length === 0) return usage('no FILE given');
  if (readsStdinTwice(parsed.positionals)) return usage(STDIN_TWICE);
  if (values.out === undefined || values.out === '') return usage('--out FILE is required (or --out - for standard output)');
  const secret = values.secret ?? env.CALL_EVENTS_SECRET;
  return runReport({
    files: parsed.positionals, outFile: values.out, generator, out, err,
    ...(write ? { write } : {}),
    ...(values.title !== undefined ? { title: values.title } : {}),
    ...(values.redact ? { redact: true } : {}),
    ...(secret ? { secret } : {}),
  });
}
