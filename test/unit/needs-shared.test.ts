import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './helpers';

describe('without ../shared, the tests stop with one line', () => {
  const script = path.join(ROOT, 'test', 'needs-shared.js');
  let tmp = '';
  beforeEach(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pk-noshared-')));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('a repository with no shared folder beside it: exit 1, one line naming the path and where to read more', () => {
    // The same check, in a repository whose parent has no "shared".
    fs.mkdirSync(path.join(tmp, 'repo', 'test'), { recursive: true });
    fs.copyFileSync(script, path.join(tmp, 'repo', 'test', 'needs-shared.js'));
    const r = spawnSync(process.execPath, [path.join(tmp, 'repo', 'test', 'needs-shared.js')], { encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      `The tests need the shared corpus of real proposals at ${path.join(tmp, 'shared', 'corpus')} (the folder "shared" beside this repository), and it is not there: see "The shared corpus" in README.md.\n`,
    );
  });

  it('with it, nothing is said and the tests run; npm test and mocha check it first', () => {
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    assert.deepEqual([r.status, r.stdout, r.stderr], [0, '', '']);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.match(pkg.scripts.test, /^node test\/needs-shared\.js && /);
    const mocharc = JSON.parse(fs.readFileSync(path.join(ROOT, '.mocharc.json'), 'utf8')) as { require: string[] };
    assert.equal(mocharc.require[0], './test/needs-shared.js');
  });
});
