import { phoneRegion } from './phoneRegions';

/**
 * Stand-ins for personal values, one per distinct value for a whole run: the same input always gets
 * the same pseudonym, two inputs never share one, and no pseudonym is a value the input holds (the
 * values to avoid are collected first).
 */
export class Pseudonyms {
  private readonly given = new Map<string, string>();
  private readonly taken = new Set<string>();
  private readonly counters = new Map<string, number>();

  constructor(private readonly avoid: Pick<ReadonlySet<string>, 'has'>) {}

  /** The pseudonym of `value` in `kind` (a name's label, "phone", "email", …), made by `make` from a counter the first time. */
  of(kind: string, value: string, make: (n: number) => string): string {
    const key = `${kind}\u0000${value}`;
    const known = this.given.get(key);
    if (known !== undefined) return known;
    let n = this.counters.get(kind) ?? 0;
    let made: string;
    do made = make(++n); while (this.avoid.has(made) || this.taken.has(made));
    this.counters.set(kind, n);
    this.given.set(key, made);
    this.taken.add(made);
    return made;
  }

  /** A name by its label: "User 3", "Call center 2". */
  name(label: string, value: string): string {
    return this.of(`name:${label}`, value, (n) => `${label} ${n}`);
  }

  email(value: string): string {
    return this.of('email', value.toLowerCase(), (n) => `email-${n}@redacted.invalid`);
  }

  /** A link keeps the shape of a URL: https://redacted.invalid/KIND/N. */
  link(kind: string, value: string): string {
    return this.of(`link:${kind}`, value, (n) => `https://redacted.invalid/${kind}/${n}`);
  }

  /** Free text (a transcription, a recap) by its field. */
  text(field: string, value: string): string {
    return this.of(`text:${field}`, value, (n) => `[redacted ${field} ${n}]`);
  }

  /** A phone number: see `fictionalNumber`. */
  phone(value: string): string {
    const e164 = /^\+[1-9]\d{6,14}$/.test(value);
    const region = e164 ? phoneRegion(value) : undefined;
    const code = region?.code ?? '';
    const kind = e164 ? `phone:${code}:${value.length}` : `phone-other:${value.replace(/\d/g, '0')}`;
    return this.of(kind, value, (n) => (e164 ? fictionalNumber(code, value.length - 1 - code.length, n) : sameShapeDigits(value, n)));
  }
}

// Area codes for NANP pseudonyms, 201 up (not the N11 service codes): 555-0100 to 555-0199 is fictional in every
// area code, so 100 numbers per code.
const NANP_AREAS = Array.from({ length: 799 }, (_, i) => 201 + i).filter((area) => area % 100 !== 11);

// Ofcom's numbers for drama (Ofcom, "Telephone numbers for use in TV and radio drama"): 1,000 each.
const UK_DRAMA = ['2079460', '1614960', '1134960', '1144960', '1154960', '1164960', '1174960', '1184960', '1214960', '1314960', '1414960', '1514960', '7700900'];

/**
 * The `n`-th fictional number (from 1) with calling code `code` and `rest` more digits. NANP (+1, ten
 * digits): +1 AAA 555 01xx, area codes from 201 up. UK (+44, ten digits): Ofcom's drama ranges, +44 20 7946 0xxx
 * first. Elsewhere no reserved range is known to this tool: the calling code and length are kept and the rest is
 * a counter (1 followed by zeros and n), which still looks like a number of that country.
 */
export function fictionalNumber(code: string, rest: number, n: number): string {
  const k = n - 1;
  if (code === '1' && rest === 10) {
    const area = NANP_AREAS[Math.floor(k / 100)];
    if (area !== undefined) return `+1${area}555${String(100 + (k % 100)).padStart(4, '0')}`;
  }
  if (code === '44' && rest === 10 && k < UK_DRAMA.length * 1000) {
    return `+44${UK_DRAMA[Math.floor(k / 1000)]}${String(k % 1000).padStart(3, '0')}`;
  }
  return `+${code}${counterDigits(rest, n)}`;
}

/** `length` digits: a 1, zeros, then n (the last digits when n is longer). */
function counterDigits(length: number, n: number): string {
  if (length <= 0) return '';
  const tail = String(n);
  if (tail.length >= length) return tail.slice(-length);
  return `1${tail.padStart(length - 1, '0')}`;
}

/** A value with digits that is not E.164 (an extension, a local format): its digits replaced by a counter, the rest kept. */
function sameShapeDigits(value: string, n: number): string {
  const count = (value.match(/\d/g) ?? []).length;
  const digits = counterDigits(count, n);
  let i = 0;
  return value.replace(/\d/g, () => digits[i++] ?? '0');
}
