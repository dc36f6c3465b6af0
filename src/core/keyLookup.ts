/**
 * A lookup by object key that remembers its answers by the key's position in the object. The events of a
 * capture write the same keys in the same order, so for them a lookup is one comparison of interned
 * strings instead of a hash lookup (these run on every key of every event). Answers exactly as `lookup`.
 */
export class KeyLookup<V> {
  private readonly keys: string[] = [];
  private readonly answers: V[] = [];

  constructor(private readonly lookup: (key: string) => V) {}

  /** The answer for `key`, the `position`-th key of its object (counted from 0). */
  get(key: string, position: number): V {
    if (this.keys[position] === key) return this.answers[position]!;
    const answer = this.lookup(key);
    // Remembered for the first positions only: an object of a million keys grows nothing.
    if (position < MAX_POSITIONS) {
      this.keys[position] = key;
      this.answers[position] = answer;
    }
    return answer;
  }
}

const MAX_POSITIONS = 256;
