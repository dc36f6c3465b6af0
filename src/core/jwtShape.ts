/** A compact JWS: three base64url segments separated by dots (the signature may be empty for alg "none"). */
const COMPACT_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** True when the text has the shape of a compact JWT. */
export function looksLikeJwt(text: string): boolean {
  return text.length < 16 * 1024 * 1024 && COMPACT_JWT.test(text);
}

/** True when the text is probably meant as a JWT (starts like a base64url JSON header) but is damaged or too long. */
export function looksLikeBrokenJwt(text: string): boolean {
  return text.startsWith('eyJ') && text.includes('.');
}

/** What a text read as a payload is: a JWT, something meant as one but damaged (or too long), or neither. */
export type JwtShape = 'jwt' | 'broken-jwt' | 'other';

/** The one JWT-or-not decision of the reader (a top-level string, a bare line, a captured body). */
export function jwtShapeOf(text: string): JwtShape {
  return looksLikeJwt(text) ? 'jwt' : looksLikeBrokenJwt(text) ? 'broken-jwt' : 'other';
}

/** The message of `jwt.malformed`, for "This line", "This string", "The captured body". */
export function brokenJwtMessage(what: string): string {
  return `${what} starts like a JWT but is not one: a JWT is three base64url segments separated by dots (and under 16 MiB).`;
}
