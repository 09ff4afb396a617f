import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './helpers';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus', 'real');

/** The bundled CLI as a user runs it (worker threads need the bundle: `npm test` builds it first). */
function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('cli: checking on several threads', function () {
  this.timeout(60000);
  let tmp: string;
  before(() => {
    assert.ok(fs.existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pk-jobs-'));
    fs.cpSync(CORPUS, path.join(tmp, 'real'), { recursive: true });
    // Files that cannot be checked, among the good ones: each still reported once, in order.
    fs.writeFileSync(path.join(tmp, 'real', 'kep', '0000-binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    fs.writeFileSync(path.join(tmp, 'real', 'klip', 'zz-latin1.md'), Buffer.from([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('gives exactly the output of one thread, in the same order, for every real proposal', () => {
    const one = cli(['check', '--jobs', '1', '--format', 'json', 'real'], tmp);
    const three = cli(['check', '--jobs', '3', '--format', 'json', 'real'], tmp);
    const auto = cli(['check', '--format', 'json', 'real'], tmp);
    assert.equal(one.code, 2);
    const files = JSON.parse(one.out).files as { path: string }[];
    assert.equal(files.length, 65);
    assert.deepEqual(
      files.map((f) => f.path),
      [...files.map((f) => f.path)].sort(),
    );
    assert.equal(
      one.err.split('\n').filter((l) => l.startsWith('proposal-kit: ')).join('\n'),
      [
        'proposal-kit: real/kep/0000-binary.md: is a binary file, not markdown; leave it out of the paths to check.',
        'proposal-kit: real/klip/zz-latin1.md: is not valid UTF-8 text; save it as UTF-8 and check it again.',
      ].join('\n'),
    );
    assert.deepEqual(three, one);
    assert.deepEqual(auto, one);
  });

  it('refuses a --jobs that is not a whole number of threads', () => {
    const r = cli(['check', '--jobs', '0', 'real'], tmp);
    assert.equal(r.code, 2);
    assert.match(r.err, /^proposal-kit: --jobs takes a whole number of threads, 1 or more; got '0'\.$/m);
  });
});
