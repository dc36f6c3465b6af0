// What the browser tests may reach in the page, as one declared type: the app puts itself on
// `window.callEvents` (main.ts), and test/browser reads it through this declaration, never a cast.
// Only what the tests use is listed, so a change to it shows up as a type error in the tests.
import type { GraphView } from './graph';
import type { TimelineView } from './timeline';

/** The test hooks: draw timings and the two views' handles the tests measure and drive. */
export interface CallEventsTestHooks {
  /** Milliseconds of the last draw of the graph, the timeline and the model. */
  readonly timings: { readonly graph: number; readonly timeline: number; readonly model: number };
  readonly graph: Pick<GraphView, 'current' | 'zoomBy'>;
  readonly timeline: Pick<TimelineView, 'draw' | 'zoomBy' | 'fit' | 'eventX' | 'laneY' | 'visibleDomain' | 'plot'>;
}

declare global {
  interface Window {
    /** Set by main.ts in every page (the panel and the report). */
    callEvents?: CallEventsTestHooks;
  }
}
