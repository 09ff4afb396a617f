import { execFileSync } from 'node:child_process';

/** The author from git config ("Name <email>" reduced to the name), or null when git has none. */
export function gitAuthor(cwd: string): string | null {
  try {
    const name = execFileSync('git', ['config', 'user.name'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 3000 }).trim();
    return name || null;
  } catch {
    return null;
  }
}
