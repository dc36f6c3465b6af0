import * as assert from 'node:assert/strict';
import { FlattenedSign, SignJWT, base64url } from 'jose';
import { HmacKeyCache } from '../../src/core/jwt';
import { judgeBody } from '../../src/listener/judge';
import { callEvent, codes, inspect } from './helpers';

const SECRET = 'webhook-secret-for-tests';

async function sign(claims: Record<string, unknown>, secret = SECRET, alg = 'HS256'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

/** A hand-made token: alg "none" and odd claims cannot be produced by SignJWT. */
function rawToken(header: unknown, claims: string, signature = ''): string {
  const encode = (text: string) => base64url.encode(new TextEncoder().encode(text));
  return `${encode(JSON.stringify(header))}.${encode(claims)}.${signature}`;
}

describe('JWT payloads', () => {
  const event = callEvent({ call_id: 2001, state: 'connected', date_ended: null, duration: null, total_duration: null });

  it('without a secret: decodes, validates the claims, and says the signature was not verified', async () => {
    const token = await sign({ ...event, state: 'ringin' });
    const result = await inspect(`${token}\n`);
    assert.equal(result.format, 'jwt-lines');
    assert.deepEqual(codes(result.view), ['jwt.unverified', 'schema.state.unknown']);
    assert.equal(result.view[0]!.severity, 'information');
    // Problems inside the claims land on the token itself.
    assert.equal(result.view[1]!.text, token);
    assert.equal(result.events[0]!.summary?.callId, '2001');
    assert.equal(result.graph.legs.size, 1);
  });

  it('with the right secret: verified, no JWT diagnostic', async () => {
    const result = await inspect(`${await sign(event)}\n`, { secret: SECRET });
    assert.deepEqual(result.view, []);
    assert.equal(result.events[0]!.jwt?.verdict, 'verified');
  });

  it('with a wrong secret: an error on the token, and the event stays out of the graph', async () => {
    const token = await sign(event, 'another-secret');
    const result = await inspect(`${token}\n`, { secret: SECRET });
    assert.deepEqual(result.view.map((p) => [p.code, p.severity, p.text]), [['jwt.bad-signature', 'error', token]]);
    assert.equal(result.events[0]!.trusted, false);
    assert.equal(result.events[0]!.summary?.callId, '2001');
    assert.equal(result.graph.legs.size, 0);
  });

  it('refuses alg none and other algorithms, with or without a secret', async () => {
    const none = rawToken({ alg: 'none' }, JSON.stringify(event));
    const hs512 = await sign(event, SECRET, 'HS512');
    for (const secret of [undefined, SECRET]) {
      const result = await inspect(`${none}\n${hs512}\n`, secret ? { secret } : {});
      assert.deepEqual(codes(result.view), ['jwt.alg-none', 'jwt.alg-not-allowed']);
      assert.ok(result.view.every((p) => p.severity === 'error'));
      assert.equal(result.graph.legs.size, 0);
    }
  });

  it('reports malformed tokens and claims that are not an event', async () => {
    const badHeader = `${base64url.encode('not json')}.${base64url.encode('{}')}.sig`;
    const notJson = rawToken({ alg: 'HS256' }, '{"call_id": 1,');
    const array = rawToken({ alg: 'HS256' }, '[1,2]');
    const result = await inspect(`${badHeader}\n${notJson}\n${array}\n`);
    assert.deepEqual(codes(result.view.filter((p) => p.severity === 'error')), ['jwt.malformed', 'jwt.claims-invalid', 'jwt.claims-invalid']);
  });

  it('refuses an unencoded payload (b64 false, RFC 7797) and any crit header, signed or not, with or without a secret', async () => {
    // The payload is signed as is; read as base64url it would give other claims than were signed.
    const claims = base64url.encode(JSON.stringify(event));
    const jws = await new FlattenedSign(new TextEncoder().encode(claims))
      .setProtectedHeader({ alg: 'HS256', b64: false, crit: ['b64'] }).sign(new TextEncoder().encode(SECRET));
    const unencoded = `${jws.protected}.${claims}.${jws.signature}`;
    const crit = rawToken({ alg: 'HS256', crit: ['exp'] }, JSON.stringify(event), 'c2ln');
    const b64 = rawToken({ alg: 'HS256', b64: true }, JSON.stringify(event), 'c2ln');
    for (const secret of [undefined, SECRET]) {
      const result = await inspect(`${unencoded}\n${crit}\n${b64}\n`, secret ? { secret } : {});
      assert.deepEqual(result.view.map((p) => [p.code, p.severity, p.line]), [['jwt.malformed', 'error', 1], ['jwt.malformed', 'error', 2], ['jwt.malformed', 'error', 3]]);
      assert.match(result.view[0]!.text, /^eyJ/);
      assert.match(result.problems[0]!.message, /"crit".*RFC 7797/);
      assert.match(result.problems[2]!.message, /"b64"/);
      // Nothing is read from the claims: no event in the graph, no summary.
      assert.ok(result.events.every((e) => e.jwt?.verdict === 'malformed' && !e.trusted && e.summary === undefined && e.claimsText === undefined));
      assert.equal(result.graph.legs.size, 0);
    }
    // The listener refuses it too: 401 with a secret, 400 without.
    assert.deepEqual([(await judgeBody(Buffer.from(unencoded), SECRET)).status, (await judgeBody(Buffer.from(unencoded), undefined)).status], [401, 400]);
  });

  it('reads tokens written as JSON strings, alone or in an array', async () => {
    const token = await sign(event);
    for (const text of [`"${token}"\n`, `["${token}", "${token}"]`]) {
      const result = await inspect(text, { secret: SECRET });
      assert.ok(result.events.length >= 1);
      assert.ok(result.events.every((e) => e.jwt?.verdict === 'verified'));
      assert.deepEqual(result.view, []);
    }
  });

  it('keeps the exact value of ids above 2^53 in the claims', async () => {
    const token = rawToken({ alg: 'HS256' }, '{"call_id": 9223372036854775807, "state": "calling"}', 'c2ln');
    const result = await inspect(`${token}\n`);
    assert.equal(result.events[0]!.summary?.callId, '9223372036854775807');
    assert.ok(codes(result.view).includes('number.precision-loss'));
  });

  describe('the HMAC key cache belongs to whoever holds the secret', () => {
    it('a reading fills the cache it is given; clear() leaves it holding nothing, and it still verifies afterwards', async () => {
      const keys = new HmacKeyCache();
      assert.equal(keys.holdsSecret, false);
      const text = `${await sign(event)}\n`;
      assert.equal((await inspect(text, { secret: SECRET, keys })).events[0]!.jwt?.verdict, 'verified');
      assert.equal(keys.holdsSecret, true);
      keys.clear();
      assert.equal(keys.holdsSecret, false);
      assert.equal((await inspect(text, { secret: SECRET, keys })).events[0]!.jwt?.verdict, 'verified');
    });

    it('a kept key serves only its own secret: another secret with the same cache is checked with its own key', async () => {
      const keys = new HmacKeyCache();
      const text = `${await sign(event)}\n`;
      await inspect(text, { secret: SECRET, keys });
      assert.equal((await inspect(text, { secret: 'another-secret', keys })).events[0]!.jwt?.verdict, 'bad-signature');
      assert.equal((await inspect(text, { secret: SECRET, keys })).events[0]!.jwt?.verdict, 'verified');
    });
  });
});
