import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli';

function run(args: string[], cwd: string) {
  let out = '';
  let err = '';
  const code = main(args, { out: (s) => (out += s), err: (s) => (err += s), cwd });
  return { code, out, err };
}

describe('cli: files too large to check', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pk-size-'));
    const section = '## Motivation\n\nA paragraph of real text that goes on for a while.\n\n';
    fs.writeFileSync(path.join(tmp, 'huge.md'), `# KLIP 1 - Huge\n\n${section.repeat(Math.ceil((5.5 * 1024 * 1024) / section.length))}`);
    fs.writeFileSync(path.join(tmp, 'small.md'), `# KLIP 2 - Small\n\n${section}`);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('a file over 5 MB is not read: exit 2, its size and the limit named; the other files are checked', () => {
    const r = run(['check', '--format', 'json', '.'], tmp);
    assert.equal(r.code, 2);
    assert.deepEqual(
      JSON.parse(r.out).files.map((f: { path: string }) => f.path),
      ['small.md'],
    );
    assert.equal(
      r.err.split('\n')[0],
      'proposal-kit: huge.md: is 5.5 MB, larger than the 5 MB limit for a proposal, so it is not checked; leave it out, or raise the limit with --max-size MB.',
    );
  });

  it('--max-size raises or lowers the limit', () => {
    assert.notEqual(run(['check', '--max-size', '6', 'huge.md'], tmp).code, 2);
    const r = run(['check', '--max-size', '0.00005', 'small.md'], tmp);
    assert.equal(r.code, 2);
    assert.match(r.err, /^proposal-kit: small\.md: is 85 bytes, larger than the 52 bytes limit for a proposal, so it is not checked;/m);
    assert.match(run(['check', '--max-size', 'big', 'small.md'], tmp).err, /^proposal-kit: --max-size takes a size in MB greater than 0, e.g. --max-size 10; got 'big'\.$/m);
  });
});
