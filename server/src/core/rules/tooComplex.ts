import type { UncheckedReason } from '../parse';
import type { Rule } from './rule';

function why(r: UncheckedReason, them: string): string {
  switch (r.kind) {
    case 'depth':
      return `lists or quotes nest ${r.depth > r.limit ? `more than ${r.limit}` : r.depth} levels deep there, and the checker reads at most ${r.limit}`;
    case 'time':
      return `checking this version of the document took more than ${r.budgetMs / 1000} s before it reached ${them}; ${them === 'it' ? 'it is' : 'they are'} checked again after the next edit`;
    case 'marks':
      return `${them === 'it' ? 'it holds' : 'they hold'} ${r.marks} emphasis, link and code marks without a heading between them, and the checker reads at most ${r.limit} in one part (the parser's time grows much faster than their number)`;
    case 'error':
      return `the markdown parser could not read ${them} (${r.message})`;
  }
}

export const tooComplex: Rule = {
  id: 'too-complex',
  severity: 'warning',
  description: 'A part of the document is too complex to check fully, and was left out.',
  check(a) {
    return a.model.unchecked.map((u) => {
      const range = a.model.lines.rangeOf(u.span);
      const first = range.start.line + 1;
      const last = range.end.line + 1;
      const lines = first === last ? `Line ${first} is` : `Lines ${first}-${last} are`;
      const them = first === last ? 'it' : 'them';
      const index = a.model.lines;
      const lineEnd = index.rangeOf({ start: u.span.start, end: Math.min(u.span.end, index.lineEnd(range.start.line)) });
      return {
        rule: 'too-complex' as const,
        message: `${lines} too complex to check fully: ${why(u.reason, them)}. Nothing in ${them} is checked; the rest of the document is.`,
        range: lineEnd,
      };
    });
  },
};
