import * as fs from 'node:fs';
import { redactCaptures, redactSources, type RedactCaptureOptions, type RedactedSource } from '../core/redactCapture';
import { fileSource } from '../node/fileSource';
import { forTerminal } from '../shared/untrustedText';
import { displayName, openRegularFile, readCaptureFile, STDIN } from '../node/captureFiles';
import type { RawWriter } from './output';
import { REDACT_HELP } from './usage';
import { parseCommand, usageError } from './commandLine';
import { sameFile } from '../node/sameFile';

/** Parses `call-events redact` arguments and runs it; returns the exit code. */
export async function redactCommand(args: string[], env: NodeJS.ProcessEnv, out: (s: string) => void, err: (s: string) => void, write?: RawWriter): Promise<number> {
  const usage = usageError('redact', REDACT_HELP, err);
  const parsed = parseCommand({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      secret: { type: 'string' },
      ids: { type: 'boolean' },
      out: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
  }, REDACT_HELP, usage, out);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (parsed.positionals.length !== 1) return usage(parsed.positionals.length === 0 ? 'no FILE given' : 'give one FILE (redact one capture at a time)');
  if (values.out === undefined || values.out === '') return usage('--out FILE is required (or --out - for standard output)');
  const file = parsed.positionals[0]!;
  const outFile = values.out;
  if (file === outFile && file !== STDIN || file !== STDIN && outFile !== STDIN && sameFile(file, outFile)) return usage(`--out ${outFile} is the input itself; write the redacted copy to another file`);
  const secret = values.secret ?? env.CALL_EVENTS_SECRET;
  const options: RedactCaptureOptions = { ...(secret ? { secret } : {}), ...(values.ids ? { ids: true } : {}) };
  let result: RedactedSource;
  const chunked = file === STDIN ? undefined : await redactFileInChunks(file, outFile, options, out, write);
  if (chunked !== undefined && 'error' in chunked) {
    err(chunked.error);
    return 2;
  }
  if (chunked !== undefined && !('whole' in chunked)) {
    result = chunked;
  } else {
    const read = await readCaptureFile(file);
    if ('error' in read) {
      err(`call-events: ${read.error}`);
      return 2;
    }
    const [redacted] = await redactCaptures([{ text: read.text }], options);
    result = redacted!;
    if (outFile === STDIN) {
      // The lines are written by `out`, which adds each line's end.
      if (redacted!.text !== '') out(redacted!.text.replace(/\n$/, ''));
    } else {
      try {
        fs.writeFileSync(outFile, redacted!.text);
      } catch (error) {
        err(`call-events redact: cannot write ${outFile}: ${(error as Error).message}`);
        return 2;
      }
    }
  }
  const left = result.leftOut > 0 ? `; ${result.leftOut} item(s) of ${displayName(file)} could not be read as events and were left out` : '';
  err(`call-events: ${outFile === STDIN ? 'wrote standard output' : `wrote ${outFile}`}: ${result.events} event(s) redacted (${result.format})${left}`);
  return 0;
}

/**
 * Redacts a regular file a chunk at a time (`redactSources`), writing the copy as it goes: to `outFile`,
 * or through `write` for standard output (without a raw writer, as one text through `out`). Answers
 * `whole` when the file must be read in one piece, having written nothing.
 */
async function redactFileInChunks(file: string, outFile: string, options: RedactCaptureOptions, out: (s: string) => void, write: RawWriter | undefined): Promise<RedactedSource | { whole: string } | { error: string }> {
  const opened = openRegularFile(file);
  if ('error' in opened) return { error: `call-events: ${opened.error}` };
  const pieces: string[] = [];
  let fd: number | undefined, writeError: unknown;
  try {
    const toFile = (text: string) => {
      try {
        fd ??= fs.openSync(outFile, 'w');
        fs.writeSync(fd, text);
      } catch (error) {
        writeError = error;
        throw error;
      }
    };
    const sink: RawWriter = outFile !== STDIN ? toFile : write ?? ((text: string) => { pieces.push(text); });
    let result;
    try {
      result = await redactSources([fileSource(opened.fd, opened.size)], (_source, text) => sink(text), options);
    } catch (error) {
      if (writeError !== undefined) return { error: `call-events redact: cannot write ${outFile}: ${(error as Error).message}` };
      return { error: forTerminal(`call-events: ${file}: could not be read a chunk at a time (${(error as Error).message})`) };
    }
    if ('whole' in result) return result;
    if (outFile !== STDIN && fd === undefined) {
      try {
        toFile('');
      } catch (error) {
        return { error: `call-events redact: cannot write ${outFile}: ${(error as Error).message}` };
      }
    }
    if (outFile === STDIN && !write && pieces.length > 0) out(pieces.join('').replace(/\n$/, ''));
    return result[0]!;
  } finally {
    fs.closeSync(opened.fd);
    if (fd !== undefined) fs.closeSync(fd);
  }
}
