import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './helpers';

const CLI = path.join(ROOT, 'dist', 'cli.js');

/** Runs the bundled CLI; resolves with its exit code and output once it has exited. */
function cli(args: string[], cwd: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('proposal-kit new: creations at the same moment', function () {
  this.timeout(60000);
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pk-race-'))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('six processes at once get six different numbers, six whole files, and leave nothing else', async () => {
    const args = ['new', '--template', 'klip', '--title', 'Pause queries', '--author', 'Ada', '--date', '2026-11-21'];
    const runs = await Promise.all(Array.from({ length: 6 }, () => cli(args, tmp)));
    assert.deepEqual(runs.map((r) => [r.code, r.err]), Array.from({ length: 6 }, () => [0, '']));
    const printed = runs.map((r) => r.out.trim()).sort();
    const expected = [1, 2, 3, 4, 5, 6].map((n) => `design-proposals/klip-${n}-pause-queries.md`);
    assert.deepEqual(printed, expected);
    assert.deepEqual(fs.readdirSync(path.join(tmp, 'design-proposals')).sort(), expected.map((p) => path.basename(p)));
    // Each file is whole: the same text as a lone creation, with its own number.
    const lone = fs.mkdtempSync(path.join(os.tmpdir(), 'pk-lone-'));
    try {
      assert.equal((await cli(args, lone)).code, 0);
      const one = fs.readFileSync(path.join(lone, 'design-proposals', 'klip-1-pause-queries.md'), 'utf8');
      assert.match(one, /^# KLIP 1 - Pause queries\n/);
      for (let n = 1; n <= 6; n++) {
        assert.equal(fs.readFileSync(path.join(tmp, 'design-proposals', `klip-${n}-pause-queries.md`), 'utf8'), one.replace('# KLIP 1 - ', `# KLIP ${n} - `));
      }
    } finally {
      fs.rmSync(lone, { recursive: true, force: true });
    }
  });
});
