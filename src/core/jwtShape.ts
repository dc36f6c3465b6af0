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
