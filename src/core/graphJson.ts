import type { CallFlow, CallGraph } from './graph';

/** One leg in the `call-events graph` contract (ids as exact decimal strings). */
export interface LegJson {
  call_id: string;
  role: string;
  /** False for an operator its entry point has not named (yet, or not in the capture): the best guess. */
  role_confirmed: boolean;
  monitor_kind: string | null;
  master_call_id: string | null;
  entry_point_call_id: string | null;
  operator_call_id: string | null;
  states: string[];
  /** 1-based line of each event, in the order of `states`. */
  lines: number[];
  /** The file of each event, in the order of `states`. */
  files: string[];
  transfer_index: number;
  direction: string | null;
  start: number | null;
  end: number | null;
}

/** The `call-events graph` output: a contract that scripts depend on. */
export interface GraphJson {
  flows: { id: string; legs: LegJson[]; transfers: number; start: number | null }[];
}

type Locate = (source: number, event: number) => { file: string; line: number };

/** Serialisable form of a call graph; `locate` gives an event's file and 1-based line. */
export function graphToJson(graph: CallGraph, locate: Locate): GraphJson {
  return { flows: graph.flows.map((flow) => flowToJson(flow, locate)) };
}

/**
 * The text of `graphToJson(graph, locate)` (as `serialise` writes a value) in pieces, one flow each: a
 * million flows are written without their whole JSON, as objects or as one string, ever being held.
 */
export function* graphJsonPieces(graph: CallGraph, locate: Locate, serialise: (value: unknown) => string): Generator<string> {
  yield '{"flows":[';
  let first = true;
  for (const flow of graph.flows) {
    yield (first ? '' : ',') + serialise(flowToJson(flow, locate));
    first = false;
  }
  yield ']}';
}

function flowToJson(flow: CallFlow, locate: Locate): GraphJson['flows'][number] {
  return {
    id: flow.id,
    legs: flow.legs.map((leg) => {
      const where = leg.events.map((e) => locate(e.source, e.event));
      return {
        call_id: leg.callId,
        role: leg.role,
        role_confirmed: leg.roleConfirmed,
        monitor_kind: leg.monitorKind,
        master_call_id: leg.masterCallId,
        entry_point_call_id: leg.entryPointCallId,
        operator_call_id: leg.operatorCallId,
        states: leg.states,
        lines: where.map((w) => w.line),
        files: where.map((w) => w.file),
        transfer_index: leg.transferIndex,
        direction: leg.direction,
        start: leg.start,
        end: leg.end,
      };
    }),
    transfers: flow.transfers,
    start: flow.start,
  };
}
