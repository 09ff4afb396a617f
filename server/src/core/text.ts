import type { Position, Range, Span } from './types';

/**
 * Converts between string offsets and zero-based line/character positions. This is the one place
 * where positions are computed: everything else passes offsets or ranges made here.
 */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    if (!text.includes('\r')) {
      // The common case, built on the engine's own search: a few times faster than a loop.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 /* \n */) starts.push(i + 1);
        else if (c === 13 /* \r */) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = floorIndex(this.starts, o);
    return { line, character: o - this.starts[line] };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line];
    return Math.min(start + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset of the end of the line's content (before its line break). */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** The range of a whole line's content. */
  lineRange(line: number): Range {
    return this.rangeOf({ start: this.lineStart(line), end: this.lineEnd(line) });
  }

  /** The line break the document uses most: "\n", "\r\n" or a lone "\r" (on a tie "\n", then "\r\n"; "\n" with none). */
  eol(): string {
    let lf = 0;
    let crlf = 0;
    let cr = 0;
    const t = this.text;
    for (let i = 1; i < this.starts.length; i++) {
      const s = this.starts[i];
      if (t.charCodeAt(s - 1) === 13) cr++;
      else if (t.charCodeAt(s - 2) === 13) crlf++;
      else lf++;
    }
    if (lf >= crlf && lf >= cr) return '\n';
    return crlf >= cr ? '\r\n' : '\r';
  }

  /** The offset where the line after `offset`'s line starts, or the end of the text on the last line. */
  nextLineStart(offset: number): number {
    const line = this.positionAt(offset).line;
    return line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
  }
}

/**
 * A line break as CommonMark, remark and LSP count them: "\n", "\r\n" or a lone "\r" (old Mac
 * files, or a mix). Every scan of the text line by line splits where these do.
 */
export const LINE_BREAK = String.raw`(?:\r\n?|\n)`;

/**
 * YAML text with each lone "\r" made a "\n". YAML counts a lone "\r" as a line break, as markdown
 * does, but the yaml package does not; the text keeps its length, so offsets into it still hold.
 */
export function loneCrAsLf(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** The text's lines, without their line breaks. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n?|\n/);
}

/**
 * Walks a text line by line, front to back, in time linear in the text: `end(pos)` is where the
 * line starting at `pos` ends (its line break, or the end of the text), `next(end)` where the line
 * after it starts. The positions asked for must not go backwards. A text without any "\r" costs
 * a single search for one.
 */
export class LineScanner {
  /** The next "\n" and "\r" at or after the last position asked for (the text's length when none). */
  private lf = -1;
  private cr = -1;

  constructor(private readonly text: string) {}

  end(pos: number): number {
    const t = this.text;
    if (this.lf < pos) {
      const i = t.indexOf('\n', pos);
      this.lf = i < 0 ? t.length : i;
    }
    if (this.cr < pos) {
      const i = t.indexOf('\r', pos);
      this.cr = i < 0 ? t.length : i;
    }
    return this.lf < this.cr ? this.lf : this.cr;
  }

  next(end: number): number {
    return this.text.charCodeAt(end) === 13 && this.text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
  }
}

/** The index of the last of the ascending `values` that is at most `x` (0 if none is). */
export function floorIndex(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (values[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
