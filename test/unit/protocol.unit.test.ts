import * as assert from 'node:assert/strict';
import { dispatchMessage, parseWebviewMessage, type HostMessage, type WebviewMessage } from '../../src/shared/protocol';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('the host ↔ webview protocol', () => {
  const valid: WebviewMessage[] = [
    { type: 'ready' },
    { type: 'reveal', source: 0, event: 12, line: 13, callId: '4708925536329728' },
    { type: 'reveal', source: 2, event: 0, line: 1, callId: '-5' },
    { type: 'export', format: 'svg', name: 'call-flow-4708925536329728.svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
    { type: 'export', format: 'png', name: 'call-flows.png', data: PNG },
    { type: 'log', level: 'error', message: 'TypeError: x is undefined' },
    { type: 'openLink', url: 'https://dialpad.com/recordings/abc?token=1' },
    { type: 'pin', pinned: true },
    { type: 'pin', pinned: false },
  ];
  for (const message of valid) {
    it(`accepts ${JSON.stringify(message).slice(0, 80)}`, () => {
      const parsed = parseWebviewMessage(message);
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
      assert.deepEqual(parsed.message, message);
    });
  }

  const invalid: [string, unknown][] = [
    ['not an object', 'reveal'],
    ['null', null],
    ['an unknown type', { type: 'openFile', path: '/etc/passwd' }],
    ['an extra key', { type: 'ready', command: 'x' }],
    ['a fractional event index', { type: 'reveal', source: 0, event: 1.5, line: 2, callId: '1' }],
    ['a negative document index', { type: 'reveal', source: -1, event: 1, line: 2, callId: '1' }],
    ['line 0', { type: 'reveal', source: 0, event: 1, line: 0, callId: '1' }],
    ['a call id that is not decimal', { type: 'reveal', source: 0, event: 1, line: 2, callId: '1; rm -rf /' }],
    ['a number as call id', { type: 'reveal', source: 0, event: 1, line: 2, callId: 1 }],
    ['an SVG export that is not SVG', { type: 'export', format: 'svg', name: 'a.svg', data: '<html><script>alert(1)</script>' }],
    ['a PNG export that is not a PNG data URL', { type: 'export', format: 'png', name: 'a.png', data: 'data:text/html;base64,PHNjcmlwdD4=' }],
    ['a file name with a path', { type: 'export', format: 'svg', name: '../../.bashrc.svg', data: '<svg></svg>' }],
    ['a file name with the wrong extension', { type: 'export', format: 'png', name: 'a.svg', data: PNG }],
    ['an unknown export format', { type: 'export', format: 'pdf', name: 'a.pdf', data: '%PDF' }],
    ['an unknown log level', { type: 'log', level: 'debug', message: 'x' }],
    ['an over-long log message', { type: 'log', level: 'info', message: 'x'.repeat(4001) }],
    ['a javascript: link', { type: 'openLink', url: 'javascript:alert(1)' }],
    ['an http: link', { type: 'openLink', url: 'http://dialpad.com/r/1' }],
    ['a file: link', { type: 'openLink', url: 'file:///etc/passwd' }],
    ['a command: link', { type: 'openLink', url: 'command:workbench.action.terminal.new' }],
    ['a link with a user name (https://bank@evil)', { type: 'openLink', url: 'https://bank.example@evil.example/' }],
    ['a link with a bidi override', { type: 'openLink', url: 'https://dialpad.com/\u202eexe.gpj' }],
    ['a link with a space', { type: 'openLink', url: 'https://dialpad.com/a b' }],
    ['a shortened link', { type: 'openLink', url: 'https://dialpad.com/abc…' }],
    ['a link not in its normal form', { type: 'openLink', url: 'https://DIALPAD.com' }],
    ['an over-long link', { type: 'openLink', url: `https://dialpad.com/${'a'.repeat(2048)}` }],
    ['a pin without its flag', { type: 'pin' }],
    ['a pin flag that is not a boolean', { type: 'pin', pinned: 'yes' }],
    ['a pin naming a document', { type: 'pin', pinned: true, document: 'file:///etc/passwd' }],
  ];
  for (const [name, message] of invalid) {
    it(`rejects ${name}, saying why in one line`, () => {
      const parsed = parseWebviewMessage(message);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) {
        assert.match(parsed.error, /^invalid webview message/);
        assert.doesNotMatch(parsed.error, /\n/);
      }
    });
  }

  it('dispatches each message to the handler of its type, narrowed', async () => {
    const seen: string[] = [];
    const handlers = {
      update: (m: Extract<HostMessage, { type: 'update' }>) => { seen.push(`update ${m.model.flows.length}`); },
      highlight: (m: Extract<HostMessage, { type: 'highlight' }>) => { seen.push(`highlight ${m.target?.event ?? 'none'}`); },
      exported: (m: Extract<HostMessage, { type: 'exported' }>) => { seen.push(`exported ${m.ok}`); },
      pinned: (m: Extract<HostMessage, { type: 'pinned' }>) => { seen.push(`pinned ${m.pinned}`); },
    };
    void dispatchMessage<HostMessage>(handlers, { type: 'highlight', target: { source: 0, event: 4 } });
    void dispatchMessage<HostMessage>(handlers, { type: 'highlight', target: null });
    void dispatchMessage<HostMessage>(handlers, { type: 'update', model: { version: 1, sources: [], flows: [], eventCount: 0 } });
    void dispatchMessage<HostMessage>(handlers, { type: 'exported', format: 'png', ok: true, message: '/tmp/a.png' });
    void dispatchMessage<HostMessage>(handlers, { type: 'pinned', pinned: true });
    assert.deepEqual(seen, ['highlight 4', 'highlight none', 'update 0', 'exported true', 'pinned true']);
  });
});
