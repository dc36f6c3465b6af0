import { diffLines, diffShapes, hasDifferences, type PayloadShape } from '../core/payloadShape';
import { STDIN } from '../node/captureFiles';
import { shapeOfCaptures } from '../node/captureShapes';
import { forTerminal, toSafeJson } from '../shared/untrustedText';
import { DIFF_HELP } from './usage';
import { parseCommand, usageError } from './commandLine';

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
