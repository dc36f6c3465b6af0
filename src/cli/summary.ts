import { answersOfGraph, type FlowAnswers } from '../core/answers';
import { answersCsvRows, answersTextLines, answersToJson } from '../core/answersOutput';
import { combinedGraph, untrustedCount } from '../core/chunkedInspection';
import { toSafeJson } from '../shared/untrustedText';
import { inspectCaptures } from '../node/captureFiles';
import { writeOutput, type RawWriter } from './output';

export interface SummaryOptions {
  files: string[];
  format: 'text' | 'json' | 'csv';
  secret?: string;
  out: (text: string) => void;
  /** Standard output without newlines: the JSON is written in pieces through it when given. */
  write?: RawWriter;
  err: (text: string) => void;
}

/** `call-events summary`: the answers about every flow of the files (one graph over all of them); returns the exit code. */
export async function runSummary(options: SummaryOptions): Promise<number> {
  const read = await inspectCaptures(options.files, options.secret);
  if ('error' in read) {
    options.err(`call-events: ${read.error}`);
    return 2;
  }
  const { inspections } = read;
  const flows = answersOfGraph(combinedGraph(inspections));
  const untrusted = untrustedCount(inspections);
  if (untrusted > 0) options.err(`call-events: ${untrusted} event(s) left out of the answers: their JWT failed verification (run validate for details)`);
  if (options.format === 'json') await writeOutput(answersJsonPieces(flows), options.out, options.write);
  // RFC 4180 ends every record with CRLF: `out` adds the LF.
  else if (options.format === 'csv') for (const row of answersCsvRows(flows)) options.out(`${row}\r`);
  else for (const line of answersTextLines(flows)) options.out(line);
  return 0;
}

/** The text of `toSafeJson({ flows: flows.map(answersToJson) })`, one flow a piece. */
function* answersJsonPieces(flows: readonly FlowAnswers[]): Generator<string> {
  yield '{"flows":[';
  for (const [i, flow] of flows.entries()) yield (i === 0 ? '' : ',') + toSafeJson(answersToJson(flow));
  yield ']}';
}
