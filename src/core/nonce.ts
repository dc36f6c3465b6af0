import { randomBytes } from 'node:crypto';

/**
 * A fresh nonce for one render of a page under a Content-Security-Policy (the panel's webview and the
 * HTML report): 128 bits from the OS's random source, never Math.random, in base64.
 */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}
