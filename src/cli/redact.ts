import * as fs from 'node:fs';
import { redactCaptures } from '../core/redactCapture';
import { displayName, readCaptureFile, STDIN } from './files';
import { REDACT_HELP } from './usage';
import { parseCommand, usageError } from './commandLine';
import { sameFile } from '../node/sameFile';

/** Parses `call-events redact` arguments and runs it; returns the exit code. */
export async function redactCommand(args: string[], env: NodeJS.ProcessEnv, out: (s: string) => void, err: (s: string) => void): Promise<number> {
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
  const read = await readCaptureFile(file);
  if ('error' in read) {
    err(`call-events: ${read.error}`);
    return 2;
  }
  const [redacted] = await redactCaptures([{ text: read.text }], { ...(secret ? { secret } : {}), ...(values.ids ? { ids: true } : {}) });
  const result = redacted!;
  if (outFile === STDIN) {
    // The lines are written by `out`, which adds each line's end.
    if (result.text !== '') out(result.text.replace(/\n$/, ''));
  } else {
    try {
      fs.writeFileSync(outFile, result.text);
    } catch (error) {
      err(`call-events redact: cannot write ${outFile}: ${(error as Error).message}`);
      return 2;
    }
  }
  const left = result.leftOut > 0 ? `; ${result.leftOut} item(s) of ${displayName(file)} could not be read as events and were left out` : '';
  err(`call-events: ${outFile === STDIN ? 'wrote standard output' : `wrote ${outFile}`}: ${result.events} event(s) redacted (${result.format})${left}`);
  return 0;
}
