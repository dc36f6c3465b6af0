import { combinedGraph, untrustedCount } from '../core/chunkedInspection';
import { graphJsonPieces } from '../core/graphJson';
import { toSafeJson } from '../shared/untrustedText';
import { inspectCaptures } from '../node/captureFiles';
import { writeOutput, type RawWriter } from './output';

export interface GraphOptions {
  files: string[];
  secret?: string;
  out: (text: string) => void;
  /** Standard output without newlines: the graph is written in pieces through it when given. */
  write?: RawWriter;
  err: (text: string) => void;
}

/** `call-events graph`: one call graph over every file; returns the exit code. */
export async function runGraph(options: GraphOptions): Promise<number> {
  const read = await inspectCaptures(options.files, options.secret);
  if ('error' in read) {
    options.err(`call-events: ${read.error}`);
    return 2;
  }
  const { inspections } = read;
  const files = options.files;
  const graph = combinedGraph(inspections);
  const untrusted = untrustedCount(inspections);
  if (untrusted > 0) options.err(`call-events: ${untrusted} event(s) left out of the graph: their JWT failed verification (run validate for details)`);
  const locate = (source: number, event: number) => ({ file: files[source]!, line: inspections[source]!.eventLines[event]! + 1 });
  await writeOutput(graphJsonPieces(graph, locate, toSafeJson), options.out, options.write);
  return 0;
}
