import { inspectDocument } from '../core/inspect';
import { inspectInChunks, place, type ChunkedResult, type FileDiagnostic } from './chunkedInspection';
import type { Severity } from '../core/problems';
import { forTerminal, toSafeJson } from '../shared/untrustedText';
import { readCaptureFile, STDIN } from './files';

/** One diagnostic in the `validate --format json` contract (1-based lines and columns). */
export interface DiagnosticJson {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

export interface ValidateOptions {
  files: string[];
  format: 'text' | 'json';
  secret?: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** `call-events validate`: returns the exit code. */
export async function runValidate(options: ValidateOptions): Promise<number> {
  const results: { file: string; events: number; diagnostics: DiagnosticJson[] }[] = [];
  let unreadable = false;
  let errors = 0;
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const file of options.files) {
    const inspected = await inspectFile(file, options.secret);
    if ('error' in inspected) {
      options.err(`call-events: ${inspected.error}`);
      unreadable = true;
      continue;
    }
    const { diagnostics } = inspected;
    for (const d of diagnostics) counts[d.severity]++;
    errors += diagnostics.filter((d) => d.severity === 'error').length;
    if (options.format === 'text') {
      // File names and messages carry untrusted text: escaped for the terminal (JSON output keeps them exact).
      for (const d of diagnostics) options.out(forTerminal(`${file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}`));
    }
    results.push({ file, events: inspected.events, diagnostics });
  }
  if (options.format === 'json') {
    options.out(toSafeJson({ files: results }));
  } else if (results.length > 0) {
    const events = results.reduce((sum, r) => sum + r.events, 0);
    options.err(`${results.length} file(s), ${events} event(s): ${counts.error} error(s), ${counts.warning} warning(s), ${counts.information} information, ${counts.hint} hint(s)`);
  }
  return unreadable ? 2 : errors > 0 ? 1 : 0;
}

/** Inspects one file: large captures a chunk at a time (so memory stays bounded), others whole. */
async function inspectFile(file: string, secret: string | undefined): Promise<{ events: number; diagnostics: DiagnosticJson[] } | { error: string }> {
  const options = secret ? { secret } : {};
  let chunked: ChunkedResult;
  try {
    // Standard input is read once, whole: chunks are read again to place flow problems.
    chunked = file === STDIN ? { whole: 'standard input' } : await inspectInChunks(file, options);
  } catch (error) {
    // A read that failed half-way (or a fault of the chunked reader) is said, not hidden behind a whole read of a large file.
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    return { error: forTerminal(`${file}: could not be read a chunk at a time (${reason})`) };
  }
  const toJson = ({ problem, ...at }: FileDiagnostic): DiagnosticJson => ({ ...at, severity: problem.severity, code: problem.code, message: problem.message });
  if (!('whole' in chunked)) return { events: chunked.events, diagnostics: chunked.diagnostics.map(toJson) };
  const read = await readCaptureFile(file);
  if ('error' in read) return read;
  const inspection = await inspectDocument(read.text, options);
  return { events: inspection.events.length, diagnostics: inspection.problems.map((problem) => toJson(place(inspection.lines, 0, problem))) };
}
