// The self-contained HTML report: one file with the webview bundle and its stylesheet inlined under
// a per-render nonce, a strict Content-Security-Policy (nothing is loaded from anywhere), and the
// view model embedded as inert JSON. Pure: no file system, no vscode.
import type { ViewModelAsRead } from '../core/buildViewModel';
import { newNonce } from '../core/nonce';
import { EMBEDDED_DATA_ID, type EmbeddedData } from '../shared/viewModel';

/** The webview bundle and its stylesheet, as text. */
export interface WebviewAssets {
  script: string;
  css: string;
}

/** The report's Content-Security-Policy: only the inlined script and style with this nonce, images only as data: URLs. */
export function reportCsp(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** JSON for a `<script type="application/json">` element: `<` escaped so no `</script>` or `<!--` can end or confuse it. */
export function embedJson(value: unknown): string {
  return [...embedJsonPieces(value)].join('');
}

/** `embedJson` in pieces: large arrays are written an element at a time, so no single string grows past V8's limit. */
export function* embedJsonPieces(value: unknown): Generator<string> {
  for (const piece of jsonPieces(value)) yield piece.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Containers with more entries than this are written entry by entry; smaller ones by one JSON.stringify. */
const PIECE_ENTRIES = 64;

/** JSON.stringify's text of plain data (no toJSON, no cycles), in pieces whose concatenation is exactly that text. */
function* jsonPieces(value: unknown): Generator<string> {
  if (typeof value !== 'object' || value === null) {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (isGenerator(value)) {
    // A list made as it is read (see viewModelAsRead): each item is written, then let go.
    yield '[';
    let first = true;
    for (const item of value) {
      if (!first) yield ',';
      first = false;
      yield* arrayItemPieces(item);
    }
    yield ']';
    return;
  }
  if (Array.isArray(value)) {
    if (value.length <= PIECE_ENTRIES && !value.some(isLargeContainer)) {
      yield JSON.stringify(value);
      return;
    }
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      yield* arrayItemPieces(value[i]);
    }
    yield ']';
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (!entries.some(([, v]) => isLargeContainer(v))) {
    yield JSON.stringify(value);
    return;
  }
  yield '{';
  let first = true;
  for (const [key, item] of entries) {
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonPieces(item);
  }
  yield '}';
}

/** An item of a list as JSON.stringify writes it: undefined and functions in an array are null. */
function* arrayItemPieces(item: unknown): Generator<string> {
  if (item === undefined || typeof item === 'function' || typeof item === 'symbol') yield 'null';
  else yield* jsonPieces(item);
}

/** A generator stands for the list it yields (JSON.stringify would write `{}`); plain data holds no other. */
function isGenerator(value: object): value is Generator<unknown> {
  return Object.prototype.toString.call(value) === '[object Generator]';
}

/** True for an array (or an object holding one) big enough to be written in pieces, or for a generator. */
function isLargeContainer(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (isGenerator(value)) return true;
  if (Array.isArray(value)) return value.length > PIECE_ENTRIES || value.some(isLargeContainer);
  return Object.values(value).some(isLargeContainer);
}

/** Script text safe inside a `<script>` element (and without a source map link: the report loads nothing). */
export function inlineScript(script: string): string {
  const text = script.replace(/\n\/\/# sourceMappingURL=[^\n]*\s*$/, '\n').replace(/<\/(script)/gi, '<\\/$1');
  if (/<!--/.test(text)) throw new Error('the webview bundle contains "<!--", which cannot be inlined in a script element');
  return text;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Renders the report's HTML. `nonce` defaults to a fresh one (tests pass their own). */
export function renderReportHtml(data: EmbeddedData, assets: WebviewAssets, nonce: string = newNonce()): string {
  return [...reportHtmlPieces(data, assets, nonce)].join('');
}

/** The report's HTML in pieces (write them in order): a report of a million events is more than one string can hold. */
export function* reportHtmlPieces(data: EmbeddedData | { model: ViewModelAsRead; report?: EmbeddedData['report'] }, assets: WebviewAssets, nonce: string = newNonce()): Generator<string> {
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(nonce)) throw new Error('a nonce must be base64 of at least 12 random bytes');
  const title = data.report?.title ?? 'Call events report';
  const css = assets.css.replace(/\/\*# sourceMappingURL=[^*]*\*\/\s*$/, '').replace(/<\/(style)/gi, '<\\/$1');
  const script = inlineScript(assets.script);
  yield `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(reportCsp(nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="${escapeHtml(data.report?.generator ?? 'call-events')}">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">
${css}
</style>
</head>
<body>
<noscript><p>This report draws its call graphs with JavaScript, which is turned off. The events and diagnostics are in the JSON below.</p></noscript>
<div id="app"></div>
<script type="application/json" id="${EMBEDDED_DATA_ID}">`;
  yield* embedJsonPieces(data);
  yield `</script>
<script nonce="${nonce}">
${script}
</script>
</body>
</html>
`;
}
