/** A 0-based line and character (UTF-16 code units), as VS Code counts them. */
export interface Position {
  line: number;
  character: number;
}

/** Maps offsets to lines and columns; built once per text, answered by binary search. */
export class LineIndex {
  private lineStarts: Uint32Array | number[] | undefined;

  constructor(private readonly text: string) {}

  /** Built on first use: a capture validated clean never needs it. */
  private get starts(): Uint32Array | number[] {
    if (!this.lineStarts) {
      const starts: number[] = [0];
      const { text } = this;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts.length > 1024 ? Uint32Array.from(starts) : starts;
    }
    return this.lineStarts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The 0-based position of `offset` (clamped to the text). */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - starts[low]! };
  }

  /** The offset of a 0-based position (clamped to its line). */
  offsetAt(position: Position): number {
    const starts = this.starts;
    if (position.line >= starts.length) return this.text.length;
    const start = starts[Math.max(0, position.line)]!;
    const next = position.line + 1 < starts.length ? starts[position.line + 1]! : this.text.length + 1;
    return Math.min(start + Math.max(0, position.character), next - 1);
  }
}
