import { isUtf8 } from 'node:buffer';
import { formatCaptureRecord } from '../core/captureRecord';
import { analyseDocument, type AnalysedDocument } from '../core/inspect';
import { inspectJwt, type HmacKeyCache } from '../core/jwt';
import { looksLikeBrokenJwt, looksLikeJwt } from '../core/jwtShape';
import { readCaptureStreaming, type CaptureFormat, type ReadEvent } from '../core/reader';
import { isSpace } from '../core/scan';

/**
 * What the listener concluded about one request: `accepted` (2xx), `invalid` (400, not one
 * readable event), `unsigned` / `forged` (401, with a secret: no token / a token that fails
 * verification), `too-large` (413), `timed-out` (408), `aborted` (the client left mid-body),
 * `bad-request` (400, the HTTP framing broke inside the body, for example a bad chunk size).
 */
export type Verdict = 'accepted' | 'invalid' | 'unsigned' | 'forged' | 'too-large' | 'timed-out' | 'aborted' | 'bad-request';

/** The verdict on a complete body, the status to answer with, and validation findings of an accepted event. */
export interface Judgement {
  verdict: Verdict;
  status: number;
  /** Short reason for a refusal (sent in the answer and kept in the record). */
  reason?: string;
  /** Problems the core found in an accepted event (schema, timing, …): shown, never a reason to refuse. */
  findings: { errors: number; warnings: number };
}

/** Codes of problems that make a body unreadable as one event (as opposed to an event with validation problems). */
const UNREADABLE = /^(input|syntax|json|jwt|capture)\./;

/**
 * Judges a webhook body exactly as the core will read it back from the capture file, so the verdict
 * and what the editor shows never disagree. JSON or JWT is told from the body itself; with a secret,
 * only an HS256 token signed with it passes, and nothing else of the body is read before it does.
 */
export async function judgeBody(body: Buffer<ArrayBufferLike>, secret: string | undefined, keys?: HmacKeyCache): Promise<Judgement> {
  return (await refuseUnsigned(body, secret, keys)) ?? analyseBody(body, secret, keys);
}

/**
 * With a secret: the refusal of a body that is not a token signed with it, decided from the token's
 * signature alone (the claims are neither parsed nor validated), or undefined when it is signed.
 * It concludes what the whole judgement would, at the cost of one HMAC.
 */
export async function refuseUnsigned(body: Buffer<ArrayBufferLike>, secret: string | undefined, keys?: HmacKeyCache): Promise<Judgement | undefined> {
  if (!secret) return undefined;
  // A capture record's body is a token when its trimmed text is one (see the reader's capture records).
  const token = isUtf8(body) ? body.toString('utf8').trim() : '';
  if (looksLikeJwt(token)) {
    const jwt = await inspectJwt(token, secret, keys);
    return jwt.verdict === 'verified' ? undefined : refuse(jwt.verdict === 'alg-none' ? 'unsigned' : 'forged', 401, jwt.message);
  }
  // A damaged token: the record reading says why in its own words, without decoding anything.
  if (looksLikeBrokenJwt(token)) return judgeAsRecord(body, secret, keys);
  return refuse('unsigned', 401, NOT_A_JWT);
}

/**
 * The judgement of a body that `refuseUnsigned` let through, bounded by a few reads of the body and
 * the analysis of at most one event: only its first item is read, and a body that is more than that
 * item is judged as a record's body (it cannot be one event; its other items are never read). One the
 * reader cannot read is refused as the analysis would refuse it (the reader's problems come first in it).
 */
export async function analyseBody(body: Buffer<ArrayBufferLike>, secret: string | undefined, keys?: HmacKeyCache): Promise<Judgement> {
  const text = isUtf8(body) ? body.toString('utf8') : undefined;
  if (text === undefined || text.charCodeAt(0) === 0xfeff) return judgeAsRecord(body, secret, keys);
  let from = 0;
  while (from < text.length && isSpace(text.charCodeAt(from))) from++;
  let first: ReadEvent | undefined;
  let read: ReturnType<typeof readCaptureStreaming>;
  try {
    // Items starting before `from + 1`: the first one only. When it spans the whole body, it is all a full read would see.
    read = readCaptureStreaming(text, (event) => {
      if (first) throw SECOND_EVENT; // an array of events: no need to read the others
      first = event;
    }, { from, to: from + 1 });
  } catch (error) {
    if (error !== SECOND_EVENT) throw error;
    return judgeAsRecord(body, secret, keys);
  }
  if (read.count !== 1 || !readsAsOneEvent(read.format, first!, text)) return judgeAsRecord(body, secret, keys);
  const unreadable = read.problems.find((p) => p.severity === 'error' && UNREADABLE.test(p.code));
  if (unreadable) return refuse('invalid', 400, unreadable.message);
  // The analysis without the call graph or line numbers: one event has no flows, and offsets are not needed here.
  return conclude(await analyseDocument(text, secret ? { secret, ...(keys ? { keys } : {}) } : {}), secret);
}

/** The reference judgement (what `judgeBody` shortens when it can): the body read as the body of a capture record. */
export async function judgeAsRecord(body: Buffer<ArrayBufferLike>, secret: string | undefined, keys?: HmacKeyCache): Promise<Judgement> {
  const line = formatCaptureRecord({ received_at: '', ...(isUtf8(body) ? { body: body.toString('utf8') } : { body_base64: body.toString('base64') }) });
  return conclude(await analyseDocument(line, secret ? { secret, ...(keys ? { keys } : {}) } : {}), secret);
}

/**
 * True when a body read on its own is one JSON object or one JWT spanning all of it (JSON white
 * space aside): then the same JSON and JWT readers see the same text as inside its record, so it
 * reads the same, at half the cost. Anything else is left to the record reading.
 */
function readsAsOneEvent(format: CaptureFormat, event: ReadEvent, text: string): boolean {
  if (format !== 'json-object' && format !== 'jwt-lines') return false;
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  // `textStart` differs for a token written as a JSON string, which a record's body does not read as a JWT.
  return event.start === start && event.end === end && event.textStart === start;
}

function conclude(analysed: AnalysedDocument, secret: string | undefined): Judgement {
  const event = analysed.events[0];
  const unreadable = analysed.pending.find((p) => p.severity === 'error' && UNREADABLE.test(p.code));
  const findings = { errors: 0, warnings: 0 };
  for (const problem of analysed.pending) {
    if (UNREADABLE.test(problem.code)) continue;
    if (problem.severity === 'error') findings.errors++;
    else if (problem.severity === 'warning') findings.warnings++;
  }

  if (secret) {
    // A receiver with a secret checks the signature first: anything else is unauthorised, whatever it holds.
    if (event?.payload === 'jwt' && event.jwt?.verdict === 'verified') {
      return unreadable ? refuse('invalid', 400, unreadable.message) : { verdict: 'accepted', status: 200, findings };
    }
    if (event?.payload === 'jwt' && event.jwt) {
      return refuse(event.jwt.verdict === 'alg-none' ? 'unsigned' : 'forged', 401, event.jwt.message);
    }
    if (unreadable?.code === 'jwt.malformed') return refuse('forged', 401, unreadable.message);
    return refuse('unsigned', 401, NOT_A_JWT);
  }
  if (unreadable) return refuse('invalid', 400, unreadable.message);
  if (!event) return refuse('invalid', 400, 'The body is not an event.');
  return { verdict: 'accepted', status: 200, findings };
}

const SECOND_EVENT = new Error('a second event');

const NOT_A_JWT = 'Not a JWT: with a webhook secret set, only HS256 tokens signed with it are accepted (plain JSON included).';

function refuse(verdict: Verdict, status: number, reason: string): Judgement {
  return { verdict, status, reason: shorten(reason), findings: { errors: 0, warnings: 0 } };
}

/** A core message made into a short answer: one line, at most 200 characters, about "the body". */
function shorten(message: string): string {
  const text = message.replace(/ \(in the captured body\)$/, '').replace(/^The captured body/, 'The body').replace(/\s+/g, ' ');
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
