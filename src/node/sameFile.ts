import * as fs from 'node:fs';

/** True when two paths name one existing file (also through another path or a link): what redact must never write over. */
export function sameFile(a: string, b: string): boolean {
  try {
    const x = fs.statSync(a), y = fs.statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}
