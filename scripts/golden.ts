/**
 * Writes the golden files: the checker's findings on chosen real proposals, as the CLI prints them.
 * Run `npm run golden` after a deliberate change, read every changed line, and commit only what a
 * person has judged right. The tests never write these files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GOLDEN, goldenText } from '../test/unit/golden';

for (const g of GOLDEN) {
  const out = path.join(__dirname, '..', 'test', 'golden', g.family, `${path.basename(g.upstreamPath.replace(/\/README\.md$/, ''), '.md')}.txt`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const text = goldenText(g);
  const before = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : null;
  if (before !== text) {
    fs.writeFileSync(out, text);
    console.log(`${before === null ? 'new' : 'changed'}: ${path.relative(process.cwd(), out)}`);
  }
}
