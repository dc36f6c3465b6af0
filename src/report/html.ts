// The self-contained HTML report: one file with the webview bundle and its stylesheet inlined under
// a per-render nonce, a strict Content-Security-Policy (nothing is loaded from anywhere), and the
// view model embedded as inert JSON. Pure: no file system, no vscode.
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
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
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
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(nonce)) throw new Error('a nonce must be base64 of at least 12 random bytes');
  const title = data.report?.title ?? 'Call events report';
  const css = assets.css.replace(/\/\*# sourceMappingURL=[^*]*\*\/\s*$/, '').replace(/<\/(style)/gi, '<\\/$1');
  return `<!DOCTYPE html>
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
<script type="application/json" id="${EMBEDDED_DATA_ID}">${embedJson(data)}</script>
<script nonce="${nonce}">
${inlineScript(assets.script)}
</script>
</body>
</html>
`;
}
