/**
 * Regular expressions and globs that come from workspace data (a template's `detect.title`,
 * `detect.paths` and `file.path`, the configuration's `files` and `templateFor`) run on RE2JS, a
 * linear-time engine: no pattern, however written, can make a match take longer than the text is
 * long. JavaScript's own engine backtracks, and `(a+)+$` on forty characters takes minutes there.
 *
 * Globs are translated here rather than by picomatch, whose output is a backtracking JavaScript
 * regular expression with lookaheads that RE2 does not run.
 */
import { RE2JS } from 're2js';
import { escapeRe } from './normalize';

/** A pattern longer than this is refused: compiling it would cost more than any real one needs. */
const MAX_PATTERN_LENGTH = 1000;
/** Brace alternatives a glob may expand to (`{a,b}{c,d}` is four). */
const MAX_BRACE_EXPANSIONS = 256;

class PatternError extends Error {}

/** A compiled pattern: `test` finds it anywhere in the text, as RegExp#test does. */
export interface Pattern {
  readonly source: string;
  test(text: string): boolean;
  /** The first match's groups (index 0 the whole match), or null. */
  exec(text: string): (string | null)[] | null;
}

/** Compiles a regular expression for the linear-time engine, or throws a PatternError saying why it cannot. */
export function compileRegex(source: string, options: { ignoreCase?: boolean } = {}): Pattern {
  if (source.length > MAX_PATTERN_LENGTH) throw new PatternError(`it is ${source.length} characters long; the limit is ${MAX_PATTERN_LENGTH}`);
  let re: RE2JS;
  try {
    re = RE2JS.compile(source, options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (e) {
    const why = e instanceof Error ? e.message.replace(/^error parsing regexp: /, '') : String(e);
    const engine = /unsupported|invalid escape/.test(why) ? ' (patterns run on a linear-time engine, without lookahead, lookbehind or backreferences)' : '';
    throw new PatternError(`${why}${engine}`);
  }
  return {
    source,
    test: (text) => re.test(text),
    exec: (text) => {
      const m = re.matcher(text);
      if (!m.find()) return null;
      const groups: (string | null)[] = [];
      for (let i = 0; i <= m.groupCount(); i++) groups.push(m.group(i));
      return groups;
    },
  };
}

/** `{a,b}c` -> [`ac`, `bc`], nested braces too; a brace without a comma is literal. */
function expandBraces(glob: string, budget: { left: number }): string[] {
  let depth = 0;
  let open = -1;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') {
      if (depth++ === 0) open = i;
    } else if (c === '}' && depth > 0 && --depth === 0) {
      const body = glob.slice(open + 1, i);
      const options = splitTopLevel(body);
      if (options.length < 2) continue; // `{n}`: literal
      const out: string[] = [];
      for (const o of options) {
        for (const rest of expandBraces(glob.slice(0, open) + o + glob.slice(i + 1), budget)) {
          if (--budget.left < 0) throw new PatternError(`its braces expand to more than ${MAX_BRACE_EXPANSIONS} alternatives`);
          out.push(rest);
        }
      }
      return [...new Set(out)];
    }
  }
  return [glob];
}

function splitTopLevel(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(body.slice(start, i));
      start = i + 1;
    }
  }
  out.push(body.slice(start));
  return out;
}

/** One path segment of a glob (no `/`, no braces) as a regular expression. */
function segmentRegex(seg: string, glob: string): string {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '\\') {
      re += escapeRe(seg[++i] ?? '\\');
    } else if ('@!+*?'.includes(c) && seg[i + 1] === '(') {
      throw new PatternError(`'${c}(...)' extended globs are not supported in '${glob}'; use braces ({a,b}) and stars`);
    } else if (c === '*') {
      while (seg[i + 1] === '*') i++;
      re += '[^/]*';
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const close = seg.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = seg.slice(i + 1, close);
      const negated = body[0] === '!' || body[0] === '^';
      if (negated) body = body.slice(1);
      const cls = body.replace(/[\\\]^[]/g, '\\$&');
      re += negated ? `[^/${cls}]` : `[${cls}]`;
      i = close;
    } else re += escapeRe(c);
  }
  return re;
}

function globRegex(glob: string): string {
  const segments = glob.split('/');
  let re = '';
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    if (seg === '**') {
      if (!last) re += '(?:[^/]*/)*';
      else re = i === 0 ? '.*' : `${re.replace(/\/$/, '')}(?:/.*)?`;
    } else re += segmentRegex(seg, glob) + (last ? '' : '/');
  });
  return re;
}

/**
 * A matcher for '/'-separated relative paths against globs: `*` and `?` within a segment (dot
 * files included), `**` across segments, `[...]` classes, `{a,b}` alternatives. Throws a
 * PatternError for what it does not support (extended globs such as `!(x)`) and for oversized ones.
 */
export function compileGlobs(globs: readonly string[], options: { ignoreCase?: boolean } = {}): (path: string) => boolean {
  if (!globs.length) return () => false;
  const alternatives: string[] = [];
  for (const glob of globs) {
    if (glob.length > MAX_PATTERN_LENGTH) throw new PatternError(`the glob '${glob.slice(0, 40)}...' is ${glob.length} characters long; the limit is ${MAX_PATTERN_LENGTH}`);
    const g = glob.replace(/^\.\//, '');
    for (const one of expandBraces(g, { left: MAX_BRACE_EXPANSIONS })) alternatives.push(globRegex(one));
  }
  const re = compileRegex(`^(?:${alternatives.join('|')})$`, options);
  return (path) => re.test(path.replace(/\\/g, '/').replace(/^\.\//, ''));
}

/** Why a glob cannot be used, or null when it can. */
export function globProblem(glob: string): string | null {
  try {
    compileGlobs([glob]);
    return null;
  } catch (e) {
    return e instanceof PatternError ? e.message : String(e);
  }
}
