/**
 * How heading titles are compared. Humans vary case, numbering, trailing colons, emphasis,
 * optional marks and spacing; none of that changes which section a heading means.
 */

const OPTIONAL_MARK = /\s*(\\?\[\s*optional\s*\\?\]|\(\s*optional\s*\)|\(\s*if applicable\s*\))\s*/gi;

/** True when the heading carries one of the upstream optional marks. */
export function hasOptionalMark(title: string): boolean {
  OPTIONAL_MARK.lastIndex = 0;
  return OPTIONAL_MARK.test(title);
}

/** The title with optional marks removed, for display ("User Stories (Optional)" -> "User Stories"). */
export function stripOptionalMark(title: string): string {
  return title.replace(OPTIONAL_MARK, ' ').replace(/\s+/g, ' ').trim();
}

export function normalizeTitle(title: string): string {
  let t = title.normalize('NFKC').toLowerCase();
  t = t.replace(OPTIONAL_MARK, ' ');
  t = t.replace(/[*_`]/g, '');
  t = t.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"');
  // Leading numbering: "2.", "2.1", "2.1.3)", "iv.", "a)"
  t = t.replace(/^\s*(?:\d+(?:\.\d+)*[.)]?|[ivx]+[.)]|[a-z][.)])\s+/, '');
  t = t.replace(/[-\u2010-\u2015]/g, ' ');
  t = t.replace(/\s*\/\s*/g, '/');
  t = t.replace(/\s*&\s*/g, ' and ');
  t = t.replace(/\s+/g, ' ');
  t = t.replace(/^[\s:.]+|[\s:.]+$/g, '');
  return t;
}

/** Whitespace- and case-insensitive form of a block of prose, for comparing guidance text. */
export function normalizeProse(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[*_`>]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `s` as a literal inside a regular expression. */
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A file-name-safe slug: lower case ASCII words joined by `sep`. */
export function slugify(title: string, sep = '-'): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const slug = words.join(sep).slice(0, 60).replace(new RegExp(`\\${sep}+$`), '');
  return slug || 'proposal';
}
