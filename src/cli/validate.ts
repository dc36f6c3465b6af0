import type { FileDiagnostic } from '../core/chunkedInspection';
import type { Severity } from '../core/problems';
import { addCounts, type SeverityCounts } from '../core/listedProblems';
import { ChunkWorkers } from '../node/chunkWorkers';
import { forTerminal, toSafeJson } from '../shared/untrustedText';
import { inspectCapture } from '../node/captureFiles';

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
  const workers = new ChunkWorkers();
  for (const file of options.files) {
    const inspected = await inspectFile(file, options.secret, workers);
    if ('error' in inspected) {
      options.err(`call-events: ${inspected.error}`);
      unreadable = true;
      continue;
    }
    const { diagnostics, unlisted } = inspected;
    for (const d of diagnostics) counts[d.severity]++;
    // Past the listed ones, problems are counted (see listedProblems.ts): the summary and the exit code count them too.
    addCounts(counts, unlisted);
    errors += diagnostics.filter((d) => d.severity === 'error').length + unlisted.error;
    if (options.format === 'text') {
      // File names and messages carry untrusted text: escaped for the terminal (JSON output keeps them exact).
      for (const d of diagnostics) options.out(forTerminal(`${file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}`));
    }
    results.push({ file, events: inspected.events, diagnostics });
  }
  await workers.close();
  if (options.format === 'json') {
    options.out(toSafeJson({ files: results }));
  } else if (results.length > 0) {
    const events = results.reduce((sum, r) => sum + r.events, 0);
    options.err(`${results.length} file(s), ${events} event(s): ${counts.error} error(s), ${counts.warning} warning(s), ${counts.information} information, ${counts.hint} hint(s)`);
  }
  return unreadable ? 2 : errors > 0 ? 1 : 0;
}

/** Inspects one file (large captures a chunk at a time, so memory stays bounded) into the JSON contract. */
async function inspectFile(file: string, secret: string | undefined, workers: ChunkWorkers): Promise<{ events: number; diagnostics: DiagnosticJson[]; unlisted: SeverityCounts } | { error: string }> {
  // validate shows no graph and no names: its summaries keep what its flow rules read.
  const inspected = await inspectCapture(file, secret, 0, workers, 'for-flow-rules');
  if ('error' in inspected) return inspected;
  const toJson = ({ problem, event: _event, ...at }: FileDiagnostic): DiagnosticJson => ({ ...at, severity: problem.severity, code: problem.code, message: problem.message });
  return { events: inspected.events, diagnostics: inspected.diagnostics.map(toJson), unlisted: inspected.unlisted };
}
