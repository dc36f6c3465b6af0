import * as fs from 'node:fs';
import * as path from 'node:path';
import { addToShape, emptyShape, mergeShape, type PayloadShape } from '../core/payloadShape';
import { decodedEvents, eachDecodedEvent } from '../core/redactCapture';
import { forTerminal } from '../shared/untrustedText';
import { openRegularFile, readCaptureFile, STDIN } from './captureFiles';
import { fileSource } from './fileSource';

// The payload shape of captures on disk (files or folders): `call-events diff` and Compare Payload Shapes.

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
