import * as assert from 'node:assert/strict';
import { answerLinks, httpsLink } from '../../src/shared/links';
import type { ViewModel } from '../../src/shared/viewModel';

describe('links of the answers', () => {
  it('a plain https: URL in its normal form is a link, as it is', () => {
    assert.equal(httpsLink('https://dialpad.com/r/1?t=a#x'), 'https://dialpad.com/r/1?t=a#x');
    assert.equal(httpsLink('https://dialpad.com/'), 'https://dialpad.com/');
  });
  for (const text of [
    'http://dialpad.com/r/1', 'javascript:alert(1)', 'data:text/html,<script>', 'file:///etc/passwd', 'command:x', 'vscode://x',
    'https://user:pw@dialpad.com/', 'https://dialpad.com@evil.example/', 'https://dialpad.com/\u202efdp.exe', 'https://dialpad.com/a b',
    ' https://dialpad.com/', 'https://dialpad.com/abc…', 'https://', 'https:///path', 'https://DialPad.com/', 'https://dialpad.com', `https://dialpad.com/${'a'.repeat(2048)}`,
  ]) {
    it(`is text only: ${JSON.stringify(text).slice(0, 60).replace(/[^\x20-\x7e]/g, '?')}`, () => assert.equal(httpsLink(text), null));
  }
  it('the host opens only the links of the answers it showed', () => {
    const flow = (recordings: string[], voicemailLink: string | null) => ({ answers: { recordings, voicemailLink } });
    const model = { flows: [flow(['https://a.example/1', 'javascript:x'], null), flow([], 'https://b.example/v'), flow([], 'https://C.example/')] } as unknown as ViewModel;
    assert.deepEqual([...answerLinks(model)], ['https://a.example/1', 'https://b.example/v']);
  });
});
