import * as fs from 'node:fs';
import * as path from 'node:path';
import { addToShape, diffLines, diffShapes, emptyShape, hasDifferences, mergeShape, type PayloadShape } from '../core/payloadShape';
import { decodedEvents, eachDecodedEvent } from '../core/redactCapture';
import { fileSource } from '../node/fileSource';
import { forTerminal, toSafeJson } from '../shared/untrustedText';
import { openRegularFile, readCaptureFile, STDIN } from './files';
import { DIFF_HELP } from './usage';
import { parseCommand, usageError } from './commandLine';

// The files of a folder that can hold captures.
const CAPTURE_EXTENSIONS = new Set(['.jsonl', '.ndjson', '.json', '.jwt', '.log', '.txt']);

/** The capture files a name stands for: the file itself, or a folder's capture files (recursively, sorted). */
function captureFiles(name: string): string[] | { error: string } {
  if (name === STDIN) return [name];
  let stat;
  try {
    stat = fs.statSync(name);
  } catch {
    return { error: `${name}: no such file or folder` };
  }
  if (!stat.isDirectory()) return [name];
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && CAPTURE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) found.push(full);
    }
  };
  walk(name);
  return found;
}

/** The shape of every event of the captures a name stands for; events whose JWT fails verification are left out. */
export async function shapeOfCaptures(name: string, secret: string | undefined): Promise<PayloadShape | { error: string }> {
  const files = captureFiles(name);
  if ('error' in files) return files;
  const shape = emptyShape();
  for (const file of files) {
    if (file !== STDIN) {
      const chunked = await shapeInChunks(file, secret);
      if ('error' in chunked) return chunked;
      if (!('whole' in chunked)) {
        mergeShape(shape, chunked);
        continue;
      }
    }
    const read = await readCaptureFile(file);
    if ('error' in read) return read;
    for (const { value, trusted } of await decodedEvents(read.text, secret)) if (trusted) addToShape(shape, value);
  }
  return shape;
}

/** The shape of one regular file read a chunk at a time, or `whole` when it must be read in one piece. */
async function shapeInChunks(file: string, secret: string | undefined): Promise<PayloadShape | { whole: string } | { error: string }> {
  const opened = openRegularFile(file);
  if ('error' in opened) return opened;
  const shape = emptyShape();
  try {
    const whole = await eachDecodedEvent(fileSource(opened.fd, opened.size), secret, (value, trusted) => { if (trusted) addToShape(shape, value); });
    return whole ?? shape;
  } catch (error) {
    return { error: forTerminal(`${file}: could not be read a chunk at a time (${(error as Error).message})`) };
  } finally {
    fs.closeSync(opened.fd);
  }
}

/** Parses `call-events diff` arguments and runs it; returns the exit code (0 same, 1 differences, 2 usage or unreadable). */
export async function diffCommand(args: string[], env: NodeJS.ProcessEnv, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const usage = usageError('diff', DIFF_HELP, err);
  const parsed = parseCommand({ args, allowPositionals: true, strict: true, options: { secret: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }, DIFF_HELP, usage, out);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (parsed.positionals.length !== 2) return usage('give two captures (files or folders): OLD NEW');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') return usage(`--format must be text or json, not "${format}"`);
  if (parsed.positionals[0] === STDIN && parsed.positionals[1] === STDIN) return usage('standard input (-) can be named only once');
  const secret = values.secret ?? env.CALL_EVENTS_SECRET;
  const shapes: PayloadShape[] = [];
  for (const name of parsed.positionals) {
    const shape = await shapeOfCaptures(name, secret || undefined);
    if ('error' in shape) {
      err(`call-events: ${shape.error}`);
      return 2;
    }
    shapes.push(shape);
  }
  const diff = diffShapes(shapes[0]!, shapes[1]!);
  if (format === 'json') out(toSafeJson(diff));
  else for (const line of diffLines(diff)) out(forTerminal(line));
  return hasDifferences(diff) ? 1 : 0;
}
