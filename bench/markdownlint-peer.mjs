// The peer for the cold-check figure, as a command like `proposal-kit check`: markdownlint with
// only MD043 (required headings, set to the KEP template's headings, passed as JSON in argv[2])
// over every markdown file under the folders in argv[3...]. Prints the number of files and errors.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from 'markdownlint/sync';

const headings = JSON.parse(process.argv[2]);
const files = [];
const walk = (p) => {
  if (fs.statSync(p).isDirectory()) for (const n of fs.readdirSync(p).sort()) walk(path.join(p, n));
  else if (p.endsWith('.md')) files.push(p);
};
for (const p of process.argv.slice(3)) walk(p);
const result = lint({ files, config: { default: false, MD043: { headings } } });
let errors = 0;
for (const f of files) errors += result[f].length;
console.log(`${files.length} files, ${errors} errors`);
