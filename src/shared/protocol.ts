// The one message protocol between the extension host and the call-graph webview, imported by both
// sides. Host → webview messages are typed only (the host is trusted); webview → host messages are
// typed from zod schemas, and the host parses every one with `parseWebviewMessage` before acting.
// The webview imports this file with `import type` only, so zod stays out of its bundle; what it runs
// (the host message types it accepts, its saved state) is in webviewProtocol.ts, re-exported here.
import { z } from 'zod';
import { httpsLink, MAX_LINK_LENGTH } from './links';
import type { ViewModel } from './viewModel';

export { dispatchMessage, type MessageHandlers } from './dispatch';
export { isHostMessage, readSavedState, type SavedState } from './webviewProtocol';

/** Names one event: its document (index into `ViewModel.sources`) and its index in that document. */
export interface EventRef {
  source: number;
  event: number;
}

/** The formats the current view can be exported in. */
export type ExportFormat = 'svg' | 'png';

/** Host → webview: a new view model (on open, after an edit, on a live capture); `focus` picks the flow and event to show. */
export interface UpdateMessage {
  type: 'update';
  model: ViewModel;
  focus?: EventRef | null;
  /**
   * The document shown (its URI, as the host names it). The webview keeps it in its saved state, so
   * that the host's WebviewPanelSerializer can tell which document to reopen after a restart.
   */
  document?: string;
}

/** Host → webview: the editor's cursor moved onto an event (or off every event: null). */
export interface HighlightMessage {
  type: 'highlight';
  target: EventRef | null;
}

/** Host → webview: how an export the webview asked for ended (shown in the status line). */
export interface ExportedMessage {
  type: 'exported';
  format: ExportFormat;
  ok: boolean;
  /** Plain text (a file path or an error): shown as text. */
  message: string;
}

/**
 * Host → webview: whether the panel is pinned to its capture (else it follows the active editor's
 * capture). Sent after `ready` and whenever it changes; the webview shows it on its Pin button.
 */
export interface PinnedMessage {
  type: 'pinned';
  pinned: boolean;
}

/** Every message the host posts to the webview. */
export type HostMessage = UpdateMessage | HighlightMessage | ExportedMessage | PinnedMessage;

/** The largest export the host accepts (a PNG of a big graph is a few MB; this bounds a hostile page). */
export const MAX_EXPORT_CHARS = 64 * 1024 * 1024;

const index = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Webview → host: the webview has loaded and wants the model. */
export const readySchema = z.strictObject({ type: z.literal('ready') });

/** Webview → host: show this event's line in the editor (a click on a leg or an event). */
export const revealSchema = z.strictObject({
  type: z.literal('reveal'),
  source: index,
  event: index,
  /** 1-based line of the event, as the view model gave it. */
  line: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** The leg's exact decimal call id. */
  callId: z.string().regex(/^-?\d{1,40}$/),
});

/** Webview → host: save the current view (SVG text, or a PNG data URL) under a suggested file name. */
export const exportSchema = z.discriminatedUnion('format', [
  z.strictObject({
    type: z.literal('export'),
    format: z.literal('svg'),
    name: z.string().regex(/^[\w.-]{1,120}\.svg$/),
    data: z.string().max(MAX_EXPORT_CHARS).regex(/^<svg[\s>]/),
  }),
  z.strictObject({
    type: z.literal('export'),
    format: z.literal('png'),
    name: z.string().regex(/^[\w.-]{1,120}\.png$/),
    data: z.string().max(MAX_EXPORT_CHARS).regex(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/),
  }),
]);

/** Webview → host: something went wrong in the webview; the host writes it to its log. */
export const logSchema = z.strictObject({
  type: z.literal('log'),
  level: z.enum(['error', 'warning', 'info']),
  message: z.string().max(4000),
});

/** Webview → host: open a recording or voicemail URL of the answers (a plain https: URL, see src/shared/links.ts). */
export const openLinkSchema = z.strictObject({
  type: z.literal('openLink'),
  url: z.string().max(MAX_LINK_LENGTH).refine((url) => httpsLink(url) === url, 'not a plain https: URL'),
});

/** Webview → host: keep the panel on its capture (pinned), or let it follow the active editor again. */
export const pinSchema = z.strictObject({ type: z.literal('pin'), pinned: z.boolean() });

/** Every message the webview may post, validated as one union. */
export const webviewMessageSchema = z.union([readySchema, revealSchema, exportSchema, logSchema, openLinkSchema, pinSchema]);

export type ReadyMessage = z.infer<typeof readySchema>;
export type RevealMessage = z.infer<typeof revealSchema>;
export type ExportMessage = z.infer<typeof exportSchema>;
export type LogMessage = z.infer<typeof logSchema>;
export type OpenLinkMessage = z.infer<typeof openLinkSchema>;
export type PinMessage = z.infer<typeof pinSchema>;
/** Every message the webview posts to the host. */
export type WebviewMessage = z.infer<typeof webviewMessageSchema>;

/** Validates a message from the webview; never throws. The error is one line, for the log. */
export function parseWebviewMessage(raw: unknown): { ok: true; message: WebviewMessage } | { ok: false; error: string } {
  const result = webviewMessageSchema.safeParse(raw);
  if (result.success) return { ok: true, message: result.data };
  const type = typeof raw === 'object' && raw !== null && typeof (raw as { type?: unknown }).type === 'string' ? (raw as { type: string }).type.slice(0, 40) : '?';
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, error: `invalid webview message (type ${JSON.stringify(type)})${where}: ${issue?.message ?? 'unknown shape'}` };
}
