// Indexes over a view model: flows by id, legs by call id, events by (document, index), and the
// text each flow is searched by (call ids, phone numbers, names, states, times).
import type { EventRef } from '../src/shared/protocol';
import type { EventView, FlowView, LegView, ViewModel } from '../src/shared/viewModel';
import { roleName, searchableTime } from './format';

/** Where an event sits in the flows. */
export interface EventPlace {
  flow: FlowView;
  leg: LegView;
  /** Index in `leg.events`. */
  index: number;
  event: EventView;
}

/** A view model with its indexes. */
export interface Catalog {
  model: ViewModel;
  flowById: Map<string, FlowView>;
  legById: Map<string, { flow: FlowView; leg: LegView }>;
  place(ref: EventRef): EventPlace | undefined;
  /** Indexes of the flows matching a query, in time order. */
  search(query: string): number[];
}

/** Builds the indexes of a model. */
export function catalog(model: ViewModel): Catalog {
  const flowById = new Map<string, FlowView>();
  const legById = new Map<string, { flow: FlowView; leg: LegView }>();
  const places = new Map<string, EventPlace>();
  const texts: string[] = [];
  const digits: string[] = [];
  for (const flow of model.flows) {
    flowById.set(flow.id, flow);
    const words = new Set<string>([flow.id, searchableTime(flow.start), searchableTime(flow.end)]);
    const numbers = new Set<string>([flow.id]);
    for (const leg of flow.legs) {
      legById.set(leg.callId, { flow, leg });
      words.add(leg.callId);
      numbers.add(leg.callId);
      words.add(roleName(leg.role, leg.monitorKind));
      if (leg.role === 'entry_point') words.add('entry_point');
      if (leg.monitorKind) words.add(leg.monitorKind);
      if (leg.direction) words.add(leg.direction);
      for (const party of [leg.target, leg.contact]) {
        if (!party) continue;
        for (const part of [party.name, party.phone, party.type]) if (part) words.add(part);
        if (party.phone) numbers.add(party.phone.replace(/\D/g, ''));
      }
      leg.events.forEach((event, index) => {
        places.set(`${event.source}:${event.event}`, { flow, leg, index, event });
        words.add(event.state);
      });
    }
    if (flow.transfers > 0) words.add('transfer transferred');
    texts.push([...words].join('\n').toLowerCase());
    digits.push([...numbers].join('\n'));
  }
  return {
    model,
    flowById,
    legById,
    place: (ref) => places.get(`${ref.source}:${ref.event}`),
    search: (query) => {
      const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
      const numeric = query.replace(/[\s()+.-]/g, '');
      const digitQuery = /^\d{3,}$/.test(numeric) ? numeric : null;
      const result: number[] = [];
      for (let i = 0; i < texts.length; i++) {
        if (terms.every((term) => texts[i]!.includes(term)) || (digitQuery !== null && digits[i]!.includes(digitQuery))) result.push(i);
      }
      return result;
    },
  };
}
