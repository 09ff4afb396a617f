/**
 * Writes the golden files: the checker's findings on chosen real proposals, as the CLI prints them.
 * Run `npm run golden` after a deliberate change, read every changed line, and commit only what a
 * person has judged right. The tests never write these files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GOLDEN, goldenFile, goldenText, MARKDOWN_GOLDEN, markdownGoldenText } from '../test/unit/golden';

const goldens = [
  ...GOLDEN.map((g) => ({ out: goldenFile(g), text: () => goldenText(g) })),
  { out: MARKDOWN_GOLDEN.file, text: markdownGoldenText },
];
for (const g of goldens) {
  const out = g.out;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const text = g.text();
  const before = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : null;
  if (before !== text) {
    fs.writeFileSync(out, text);
    console.log(`${before === null ? 'new' : 'changed'}: ${path.relative(process.cwd(), out)}`);
  }
}
