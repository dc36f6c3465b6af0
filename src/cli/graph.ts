import { buildCallGraph } from '../core/graph';
import { graphToJson } from '../core/graphJson';
import { graphEventsOf } from '../core/inspect';
import { toSafeJson } from '../shared/untrustedText';
import { inspectCaptureFiles } from './files';

export interface GraphOptions {
  files: string[];
  secret?: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** `call-events graph`: one call graph over every file; returns the exit code. */
export async function runGraph(options: GraphOptions): Promise<number> {
  const read = await inspectCaptureFiles(options.files, options.secret);
  if ('error' in read) {
    options.err(`call-events: ${read.error}`);
    return 2;
  }
  const { inspections } = read;
  const files = options.files;
  const graph = buildCallGraph(graphEventsOf(inspections));
  const untrusted = inspections.reduce((sum, i) => sum + i.events.filter((e) => !e.trusted).length, 0);
  if (untrusted > 0) options.err(`call-events: ${untrusted} event(s) left out of the graph: their JWT failed verification (run validate for details)`);
  const json = graphToJson(graph, (source, event) => {
    const inspection = inspections[source]!;
    return { file: files[source]!, line: inspection.lines.positionAt(inspection.events[event]!.start).line + 1 };
  });
  options.out(toSafeJson(json));
  return 0;
}
