import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli';
import { runReport } from '../../src/cli/report';
import { inspectDocument } from '../../src/core/inspect';
import { buildViewModel } from '../../src/core/buildViewModel';
import { newNonce } from '../../src/core/nonce';
import { embedJson, inlineScript, renderReportHtml, reportCsp } from '../../src/report/html';
import type { EmbeddedData } from '../../src/shared/viewModel';
import { callEvent, jsonLines, ROOT } from './helpers';

const HOSTILE = '</script><script>window.__pwned=1</script><!--<img src=x onerror=window.__pwned=1>';
const ASSETS = { script: 'console.log("</script>");\n//# sourceMappingURL=webview.js.map\n', css: 'body { color: red; }\n/*# sourceMappingURL=webview.css.map */' };

async function data(text: string): Promise<EmbeddedData> {
  const inspection = await inspectDocument(text);
  return { model: buildViewModel([{ name: 'x.jsonl', text, inspection }], { eventList: true }), report: { title: 'T <b>', generatedAt: '2026-01-01T00:00:00.000Z', generator: 'call-events test' } };
}

/** Runs `main` in-process. */
async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [], err: string[] = [];
  const code = await main(argv, {}, (s) => out.push(s), (s) => err.push(s));
  return { code, out, err };
}

describe('the HTML report', () => {
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'call-events-report-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has a strict CSP, the same fresh nonce on its one script and one style, and loads nothing', async () => {
    const nonce = newNonce();
    assert.notEqual(nonce, newNonce());
    const html = renderReportHtml(await data(jsonLines(callEvent())), ASSETS, nonce);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'");
    assert.equal(csp, reportCsp(nonce));
    assert.match(csp!, /^default-src 'none'; script-src 'nonce-[^']+'; style-src 'nonce-[^']+'; img-src data:/);
    assert.deepEqual(html.match(/<script[^>]*>/g), ['<script type="application/json" id="call-events-data">', `<script nonce="${nonce}">`]);
    assert.deepEqual(html.match(/<style[^>]*>/g), [`<style nonce="${nonce}">`]);
    assert.doesNotMatch(html, /\b(src|href)=/);
    assert.doesNotMatch(html, /sourceMappingURL/);
    assert.match(html, /<title>T &lt;b&gt;<\/title>/);
  });

  it('embeds payload text inertly: no "<" in the JSON, so no markup and no end of script', async () => {
    const hostile = await data(jsonLines(callEvent({ contact: { name: HOSTILE, phone: '+14155550123', type: 'local', id: 1, email: '' }, state: HOSTILE })));
    const html = renderReportHtml(hostile, ASSETS, newNonce());
    const json = /<script type="application\/json" id="call-events-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
    assert.doesNotMatch(json, /</);
    const parsed = JSON.parse(json) as EmbeddedData;
    assert.equal(parsed.model.flows[0]!.legs[0]!.contact!.name, HOSTILE.slice(0, 63) + '…');
    assert.equal(embedJson({ a: '</script>\u2028' }), '{"a":"\\u003c/script>\\u2028"}');
    // The script's own "</script" cannot end its element.
    assert.equal(inlineScript('a("</script>")'), 'a("<\\/script>")');
    assert.throws(() => inlineScript('a("<!--")'), /<!--/);
    assert.throws(() => renderReportHtml(hostile, ASSETS, 'short'), /nonce/);
  });

  it('call-events report writes the file (fake bundle), and says what is in it', async () => {
    const file = path.join(dir, 'a.jsonl');
    fs.writeFileSync(file, jsonLines(callEvent(), callEvent({ state: 'connected', duration: -1 })));
    const assetDir = path.join(dir, 'assets');
    fs.mkdirSync(assetDir);
    fs.writeFileSync(path.join(assetDir, 'webview.js'), 'void 0;');
    fs.writeFileSync(path.join(assetDir, 'webview.css'), 'body{}');
    const out = path.join(dir, 'report.html');
    const err: string[] = [];
    const code = await runReport({ files: [file], outFile: out, generator: 'call-events test', assetDirectories: [path.join(dir, 'none'), assetDir], now: () => new Date(0), out: () => {}, err: (s) => err.push(s) });
    assert.equal(code, 0);
    const html = fs.readFileSync(out, 'utf8');
    assert.match(html, /void 0;/);
    const embedded = JSON.parse(/id="call-events-data">([\s\S]*?)<\/script>/.exec(html)![1]!) as EmbeddedData;
    assert.equal(embedded.report?.generatedAt, '1970-01-01T00:00:00.000Z');
    assert.equal(embedded.report?.title, 'Call events: a.jsonl');
    assert.equal(embedded.model.sources[0]!.rows!.length, 2);
    assert.match(err.join('\n'), /wrote .*report\.html: 1 flow\(s\), 2 call event\(s\), \d+ error\(s\)/);

    const missing = await runReport({ files: [file], outFile: out, generator: 'x', assetDirectories: [path.join(dir, 'none')], out: () => {}, err: (s) => err.push(s) });
    assert.equal(missing, 2);
    assert.match(err[err.length - 1]!, /webview bundle .* is missing: run npm run build/);
    const unreadable = await runReport({ files: [path.join(dir, 'nope.jsonl')], outFile: out, generator: 'x', assetDirectories: [assetDir], out: () => {}, err: (s) => err.push(s) });
    assert.equal(unreadable, 2);
    assert.match(err[err.length - 1]!, /nope\.jsonl: no such file/);
    const stdout: string[] = [];
    assert.equal(await runReport({ files: [file], outFile: '-', generator: 'x', assetDirectories: [assetDir], out: (s) => stdout.push(s), err: () => {} }), 0);
    assert.match(stdout.join(''), /^<!DOCTYPE html>/);
  });

  it('bad usage exits 2 with the help; --help prints it', async () => {
    const noOut = await run(['report', path.join(ROOT, 'samples', 'direct-call.jsonl')]);
    assert.equal(noOut.code, 2);
    assert.match(noOut.err.join('\n'), /--out FILE is required[\s\S]*Usage: call-events report/);
    const noFile = await run(['report', '--out', 'x.html']);
    assert.equal(noFile.code, 2);
    assert.match(noFile.err.join('\n'), /no FILE given/);
    const unknown = await run(['report', '--bogus', 'a']);
    assert.equal(unknown.code, 2);
    const help = await run(['report', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.out.join('\n'), /Usage: call-events report \[--secret S\] \[--title T\] FILE\.\.\. --out report\.html/);
    const mainHelp = await run(['--help']);
    assert.match(mainHelp.out.join('\n'), /report {5}write one self-contained HTML file/);
  });

  it('the built report inlines the real webview bundle (when built)', async function () {
    const dist = path.join(ROOT, 'dist');
    if (!fs.existsSync(path.join(dist, 'webview.js'))) this.skip();
    const out = path.join(dir, 'real.html');
    const result = await run(['report', path.join(ROOT, 'samples', 'monitored-barge.jsonl'), '--out', out]);
    assert.equal(result.code, 0, result.err.join('\n'));
    const html = fs.readFileSync(out, 'utf8');
    assert.ok(html.length > 100_000);
    assert.equal(html.match(/<script nonce=/g)?.length, 1);
  });
});
