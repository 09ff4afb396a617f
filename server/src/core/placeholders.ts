/**
 * Placeholder text that templates leave for the author to replace. Scanned in prose only (never in
 * code spans, code blocks or HTML comments).
 */
import type { Inline } from './parse';
import type { Span } from './types';

export interface PlaceholderHit {
  span: Span;
  text: string;
  /** What the author should put there instead, in a few words. */
  expected: string;
}

interface Pattern {
  re: RegExp;
  expected: (match: string) => string;
  /** Only in headings (numbers like NNNN are normal words elsewhere). */
  titleOnly?: boolean;
  /** A further test of the match and the text around it. */
  accept?: (match: string, value: string, index: number) => boolean;
}

const INSTRUCTION_WORDS = /\b(?:describe|explain|list|provide|insert|add|enter|write|summar\w*|name|title|your|ids?|link|url|date|tbd|todo|optional|e\.g|example|here)\b/i;

/**
 * A bracketed phrase is an instruction when it reads like one (a sentence of four or more words,
 * or words like "describe", "name", "your"), or when it stands alone as the whole text. A short
 * phrase in the middle of a sentence ("the [Halting problem] and") is a link without a target.
 */
function isInstruction(match: string, value: string, index: number): boolean {
  const inner = match.slice(1, -1);
  if (INSTRUCTION_WORDS.test(inner) || inner.trim().split(/\s+/).length >= 4) return true;
  return value.slice(0, index).trim() === '' && value.slice(index + match.length).replace(/[.:]/g, '').trim() === '';
}

// [Enhancement Title], [GitHub IDs], [Describe the problem]: a bracketed instruction of two or
// more words that is not a link (`[text](url)`, `[text][ref]`, `[text] [ref]`: a text ending in a
// space before another inline is one), a task box or a citation, over one line break at most.
const BRACKETED: Pattern = {
  re: /(?<![\]\\!])\[(?!\s*[xX ]?\s*\])(?!UNRESOLVED)(?!\/)([A-Z][^\][\r\n]*(?:\r\n|\s)[^\][\r\n]*)\](?![([:])(?![ \t]\[[^\]\s][^\]]*\])(?![ \t]+$)/g,
  expected: () => 'your own text',
  accept: isInstruction,
};

const TEXT_PATTERNS: Pattern[] = [
  BRACKETED,
  { re: /\b(?:KEP|EP|KLIP)-(?:N{3,}|X{3,}|#+)(?![\w-])/g, expected: (m) => `the real number in place of ${m}` },
  { re: /\b(?:YYYY|yyyy)-(?:MM|mm)-(?:DD|dd)\b/g, expected: () => 'a real date (YYYY-MM-DD)' },
  { re: /_{4,}/g, expected: () => 'your own words in the blank' },
  { re: /\bNNNN\b/g, expected: () => 'the real number', titleOnly: true },
];

/** A bracketed note that says the text is still to be written: a TODO, or an instruction to write it. */
export const UNFINISHED_NOTE = /^\[\s*(?:TODO|TBD|FIXME|describe|explain|list|provide|insert|add|write|fill in|summari[sz]e|outline|specify|define|include)\b/i;

const HTML_PLACEHOLDER = /^<\s*(?:insert|your|enter|add|replace)\b[^>]*>$/i;

/**
 * The placeholders in a run of inlines. `brackets: false` leaves bracketed phrases alone but an
 * unfinished note (`[TODO: ...]`, `[Describe ...]`): under a template that writes no placeholder in brackets,
 * `[Petros' proposal here]` is the author's own.
 */
export function scanPlaceholders(inlines: readonly Inline[], inTitle = false, brackets = true): PlaceholderHit[] {
  const hits: PlaceholderHit[] = [];
  for (const inline of inlines) {
    if (inline.kind === 'html') {
      const v = inline.value.trim();
      if (HTML_PLACEHOLDER.test(v)) hits.push({ span: inline.span, text: v, expected: 'your own text' });
      continue;
    }
    // Text node spans cover the source, which may hold escapes ("\[optional\]"): search the
    // source slice only when its length matches the value, else report the whole node.
    for (const p of TEXT_PATTERNS) {
      if (p.titleOnly && !inTitle) continue;
      p.re.lastIndex = 0;
      for (let m = p.re.exec(inline.value); m; m = p.re.exec(inline.value)) {
        if (p.accept && !p.accept(m[0], inline.value, m.index)) continue;
        // The author's own unfinished note ("[TODO: numbers]", "[Describe the rate limit]") counts under any template.
        if (p === BRACKETED && !brackets && !UNFINISHED_NOTE.test(m[0])) continue;
        const exact = inline.span.end - inline.span.start === inline.value.length;
        const span = exact ? { start: inline.span.start + m.index, end: inline.span.start + m.index + m[0].length } : inline.span;
        if (!hits.some((h) => h.span.start < span.end && span.start < h.span.end)) {
          hits.push({ span, text: shorten(m[0]), expected: p.expected(m[0]) });
        }
      }
    }
  }
  return hits.sort((a, b) => a.span.start - b.span.start);
}

/** One line, at most 60 characters, for quoting in a message. */
export function shorten(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}
