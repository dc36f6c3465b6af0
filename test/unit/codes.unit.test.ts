import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODES } from '../../src/core/codes';
import { renderRulesPage } from '../../src/core/rulesPage';
import { ROOT } from './helpers';

describe('diagnostic codes', () => {
  it('RULES.md is generated from the table of codes (run `npm run rules` after changing it)', () => {
    assert.equal(fs.readFileSync(path.join(ROOT, 'RULES.md'), 'utf8'), renderRulesPage());
  });

  it('every code in the table is reported somewhere in the core, and each has a one-line summary', () => {
    const dir = path.join(ROOT, 'src', 'core');
    const source = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'codes.ts')
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    for (const [code, info] of Object.entries(CODES)) {
      const dynamicJwt = code.startsWith('jwt.') && source.includes('`jwt.${');
      assert.ok(source.includes(`'${code}'`) || dynamicJwt, `${code} is never reported`);
      assert.ok(info.summary.length > 10 && !info.summary.includes('\n'), code);
    }
  });
});
