import type { ReplayMode } from './captureRecord';
import type { InspectedEvent } from './inspect';
import { shorten, UNSAFE_CHARACTERS } from '../shared/untrustedText';

/**
 * The handler's answer to a forwarded (or replayed) request, as the editor shows it: read from an
 * event's `record.forward`, which comes from the capture file and so is checked field by field.
 * Text from the handler (its answer, the error) is untrusted: callers show it as plain text only.
 */
export interface ForwardResult {
  url: string | undefined;
  forwardedAt: string | undefined;
  status: number | null;
  latencyMs: number | null;
  responseStart: string | null;
  error: string | null;
  replay: ReplayMode | undefined;
  /** The verdict `call-events simulate` recorded for the whole delivery (its last attempt's record), as written there. */
  simulatedVerdict: string | undefined;
}

/** The forward result of an event from the listener's capture, or undefined when it has none. */
export function forwardResultOf(event: Pick<InspectedEvent, 'record'> | undefined): ForwardResult | undefined {
  const forward = event?.record?.forward;
  if (typeof forward !== 'object' || forward === null || Array.isArray(forward)) return undefined;
  const f = forward as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  return {
    url: text(f.url),
    forwardedAt: text(f.forwarded_at),
    status: number(f.status),
    latencyMs: number(f.latency_ms),
    responseStart: text(f.response_start) ?? null,
    error: text(f.error) ?? null,
    replay: f.replay === 'as-captured' || f.replay === 'as-edited' ? f.replay : undefined,
    simulatedVerdict: text(f.simulated_verdict),
  };
}

/** "12 ms", "3.5 ms", "1.2 s". */
export function formatLatency(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  return ms >= 10 ? `${Math.round(ms)} ms` : `${Math.round(ms * 10) / 10} ms`;
}

/** "as captured" / "as edited". */
export function replayLabel(mode: ReplayMode): string {
  return mode === 'as-edited' ? 'as edited' : 'as captured';
}

/**
 * One line for a CodeLens: "Forwarded: 200 · 12 ms" (and "· replayed as captured" for a replay),
 * or "Forward failed: connection refused…".
 */
export function forwardTitle(result: ForwardResult): string {
  const replay = result.replay ? ` · replayed ${replayLabel(result.replay)}` : '';
  if (result.status === null) return `Forward failed: ${plainText(result.error ?? 'no answer', 60)}${replay}`;
  return `Forwarded: ${result.status}${result.latencyMs !== null ? ` · ${formatLatency(result.latencyMs)}` : ''}${replay}`;
}

/** A few words for the outline: "forwarded 200", "forward failed". */
export function forwardBrief(result: ForwardResult): string {
  return result.status === null ? 'forward failed' : `forwarded ${result.status}`;
}

/**
 * Untrusted text made safe to show on one line of VS Code UI text (CodeLens, hover, quick pick): the
 * unsafe characters of untrustedText turned into spaces (controls, separators) or removed (bidi,
 * zero-width, lone surrogates), `$(` (which a CodeLens title would render as an icon) broken, cut to `max`.
 * For a log line use `forTerminal`, which shows them as escapes instead.
 */
export function plainText(text: string, max = 200): string {
  // Controls are marked with NUL first (none is left in the text: NUL is unsafe too), so a run of them becomes one space.
  const clean = text.replace(UNSAFE_CHARACTERS, (c) => (c.charCodeAt(0) < 0xa0 || c === '\u2028' || c === '\u2029' ? '\0' : '')).replace(/\0+/g, ' ').replace(/\$\(/g, '$\u200b(');
  return shorten(clean, max);
}
