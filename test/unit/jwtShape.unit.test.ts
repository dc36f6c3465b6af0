// The one JWT-or-not decision the reader makes for a top-level string, a bare line and a captured body.
import * as assert from 'node:assert/strict';
import { jwtShapeOf } from '../../src/core/jwtShape';
import { readCapture } from '../../src/core/reader';

describe('jwtShapeOf', () => {
  it('tells a JWT, a damaged one and anything else apart', () => {
    assert.equal(jwtShapeOf('eyJhbGciOiJIUzI1NiJ9.eyJjYWxsX2lkIjoxfQ.c2ln'), 'jwt');
    assert.equal(jwtShapeOf('eyJhbGciOiJub25lIn0.eyJjYWxsX2lkIjoxfQ.'), 'jwt', 'alg none has an empty signature');
    assert.equal(jwtShapeOf('eyJhbGciOiJIUzI1NiJ9.eyJj YWxs.c2ln'), 'broken-jwt');
    assert.equal(jwtShapeOf('eyJhbGciOiJIUzI1NiJ9.a.b.c'), 'broken-jwt');
    assert.equal(jwtShapeOf('hello.world'), 'other');
    assert.equal(jwtShapeOf(''), 'other');
  });

  it('gives the same jwt.malformed to a damaged JWT as a line, a string and a captured body', () => {
    const broken = 'eyJhbGciOiJIUzI1NiJ9.eyJj YWxs.c2ln';
    const record = JSON.stringify({ type: 'call-events/capture', v: 1, received_at: '2026-11-25T10:00:00Z', body: broken });
    for (const text of [`${broken}\n`, `${JSON.stringify(broken)}\n`, `${record}\n`]) {
      const codes = readCapture(text).problems.map((p) => p.code);
      assert.deepEqual(codes, ['jwt.malformed'], text);
    }
  });
});
