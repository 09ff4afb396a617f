/**
 * '/'-separated path operations, for a workspace whose files are not on the local disk (a web
 * editor's virtual file system): the same answers as node's `path.posix`, without node.
 */
import type { PathOps } from './workspace';

function normalizeParts(p: string): string[] {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out;
}

export const posixPath: PathOps = {
  sep: '/',
  isAbsolute: (p) => p.startsWith('/'),
  resolve(...paths: string[]): string {
    let joined = '';
    for (const p of paths) {
      if (p === '') continue;
      joined = p.startsWith('/') ? p : joined === '' ? p : `${joined}/${p}`;
    }
    return `/${normalizeParts(joined).join('/')}`;
  },
  join(...paths: string[]): string {
    const joined = paths.filter((p) => p !== '').join('/');
    if (joined === '') return '.';
    const parts = normalizeParts(joined);
    return (joined.startsWith('/') ? '/' : '') + (parts.join('/') || (joined.startsWith('/') ? '' : '.'));
  },
  relative(from: string, to: string): string {
    const a = normalizeParts(posixPath.resolve(from));
    const b = normalizeParts(posixPath.resolve(to));
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
  },
  dirname(p: string): string {
    const trimmed = p.length > 1 ? p.replace(/\/+$/, '') : p;
    const i = trimmed.lastIndexOf('/');
    if (i < 0) return '.';
    return i === 0 ? '/' : trimmed.slice(0, i);
  },
  basename(p: string): string {
    const trimmed = p.replace(/\/+$/, '');
    return trimmed.slice(trimmed.lastIndexOf('/') + 1);
  },
};
