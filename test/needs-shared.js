/**
 * The unit, protocol and security tests read the real proposals of the shared corpus beside this
 * repository (../shared/corpus). Without it they would stop on the first file they cannot read,
 * with a stack trace: this says what is missing in one line instead, before anything runs.
 * Run by `npm test` first, and by mocha (see .mocharc.json) when run on its own.
 */
const fs = require('node:fs');
const path = require('node:path');

const corpus = path.resolve(__dirname, '..', '..', 'shared', 'corpus');
if (!fs.existsSync(path.join(corpus, 'MANIFEST.tsv'))) {
  process.stderr.write(
    `The tests need the shared corpus of real proposals at ${corpus} (the folder "shared" beside this repository), and it is not there: see "The shared corpus" in README.md.\n`,
  );
  process.exit(1);
}
