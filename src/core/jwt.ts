import { base64url, CompactSign, compactVerify, decodeProtectedHeader, errors } from 'jose';
import { forTerminal } from '../shared/untrustedText';

/** What checking one compact JWT concluded. */
export type JwtVerdict = 'verified' | 'unverified' | 'bad-signature' | 'alg-none' | 'alg-not-allowed' | 'malformed' | 'claims-invalid';

/** A decoded (and, with a secret, verified) JWT. */
export interface JwtInspection {
  verdict: JwtVerdict;
  /** One sentence for the user; never contains the secret. */
  message: string;
  header?: Record<string, unknown>;
  /** The claims' JSON text, exactly as signed. */
  claimsText?: string;
}

/** True when the verdict lets the event into the call graph. */
export function isTrustedVerdict(verdict: JwtVerdict): boolean {
  return verdict === 'verified' || verdict === 'unverified';
}

/** The only algorithm Dialpad signs webhook payloads with. */
export const WEBHOOK_ALGORITHM = 'HS256';

/**
 * Decodes a compact JWT and, when a secret is given, verifies its HS256 signature
 * (signature only: a captured event's `exp` has usually passed and is not the point here).
 * `keys` is the caller's key cache (one is made for this token when none is given).
 */
export async function inspectJwt(token: string, secret: string | undefined, keys: HmacKeyCache = new HmacKeyCache()): Promise<JwtInspection> {
  const decoded = decodeJwtParts(token);
  if ('verdict' in decoded) return decoded;
  const { header, claimsText } = decoded;
  const alg = header.alg;
  if (typeof alg === 'string' && alg.toLowerCase() === 'none') {
    return { verdict: 'alg-none', header, claimsText, message: 'Unsigned JWT (alg "none"): a webhook must never accept it.' };
  }
  if (alg !== WEBHOOK_ALGORITHM) {
    return { verdict: 'alg-not-allowed', header, claimsText, message: `JWT signed with ${typeof alg === 'string' ? `"${forTerminal(alg, 20)}"` : 'no algorithm'}; Dialpad signs webhooks with HS256 only.` };
  }
  if (secret === undefined || secret === '') {
    return { verdict: 'unverified', header, claimsText, message: 'JWT decoded without a secret: its signature was not verified.' };
  }
  try {
    await compactVerify(token, await keys.key(secret), { algorithms: [WEBHOOK_ALGORITHM] });
    return { verdict: 'verified', header, claimsText, message: 'HS256 signature verified with the webhook secret.' };
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      return { verdict: 'bad-signature', header, claimsText, message: 'Bad signature: this token was not signed with the configured webhook secret.' };
    }
    const reason = error instanceof Error ? forTerminal(error.message, 120) : 'unknown error';
    return { verdict: 'malformed', header, claimsText, message: `The token could not be verified: ${reason}.` };
  }
}

type HmacKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

/**
 * The imported HMAC key of the last secret used, kept by whoever holds that secret (a document's
 * reading, the editor's secret store): importing costs about as much as verifying, and a capture is
 * verified with one secret. The key holds the secret's bytes, so nothing module-wide keeps one:
 * `clear()` (or dropping the cache) forgets both.
 */
export class HmacKeyCache {
  #entry: { secret: string; key: Promise<HmacKey> } | undefined;

  /** The key for this secret, imported once (a different secret replaces the one kept). */
  key(secret: string): Promise<HmacKey> {
    if (this.#entry?.secret !== secret) {
      const key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
      this.#entry = { secret, key };
    }
    return this.#entry.key;
  }

  /** True while it keeps a secret and its key. */
  get holdsSecret(): boolean {
    return this.#entry !== undefined;
  }

  /** Forgets the secret and its key. */
  clear(): void {
    this.#entry = undefined;
  }
}

type DecodedParts = { header: Record<string, unknown>; claimsText: string };

/** Splits and decodes the header and claims without checking anything else. */
function decodeJwtParts(token: string): DecodedParts | JwtInspection {
  const parts = token.split('.');
  if (parts.length !== 3) return { verdict: 'malformed', message: 'A JWT has three parts separated by dots.' };
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(token) as Record<string, unknown>;
  } catch {
    return { verdict: 'malformed', message: 'The JWT header is not base64url-encoded JSON.' };
  }
  // `crit` names header extensions a verifier must understand; `b64: false` (RFC 7797) signs the payload
  // unencoded, so decoding it as base64url would read other claims than were signed. No Dialpad webhook
  // token uses either, and jose's jwtVerify refuses both for a JWT: refused here too, with or without a secret.
  if (Object.hasOwn(header, 'crit') || Object.hasOwn(header, 'b64')) {
    return { verdict: 'malformed', header, message: `The JWT header has ${Object.hasOwn(header, 'crit') ? '"crit"' : '"b64"'} (an extended or unencoded-payload JWS, RFC 7797), which no Dialpad webhook token has; it is not read.` };
  }
  let claimsText: string;
  try {
    claimsText = new TextDecoder('utf-8', { fatal: true }).decode(base64url.decode(parts[1]!));
  } catch {
    return { verdict: 'malformed', header, message: 'The JWT claims are not base64url-encoded UTF-8 text.' };
  }
  return { header, claimsText };
}

/**
 * A compact HS256 JWT whose claims are exactly this JSON text, as a webhook with a secret sends it.
 * The text is signed as it is rather than re-serialised from a parsed value, which would round ids
 * above 2^53: jose's CompactSign takes the exact bytes, and the result is the JWT SignJWT makes.
 */
export function signJsonText(json: string, secret: string): Promise<string> {
  return new CompactSign(new TextEncoder().encode(json))
    .setProtectedHeader({ alg: WEBHOOK_ALGORITHM, typ: 'JWT' })
    .sign(new TextEncoder().encode(secret));
}
