/** `check` matches and shows paths from the workspace root, whichever folder it runs in. */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PAUSE_KLIP, runCli } from './helpers';

describe('cli: the workspace root, not the current folder', () => {
  let root: string;
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pk-root-')));
    write('design-proposals/klip-9-pause.md', PAUSE_KLIP);
    write('design-proposals/notes/README.md', '# Notes\n\nNothing to check.\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const fromThreeFolders = (args: (rootArg: string) => string[]): { code: number; out: string; err: string }[] =>
    [root, path.join(root, 'design-proposals', 'notes'), os.tmpdir()].map((cwd) => runCli(args(path.relative(cwd, root) || '.'), cwd));

  it('with a configuration: its folder is the root, and its globs match the same files from anywhere', () => {
    write('.proposalkit.json', JSON.stringify({ files: ['design-proposals/*.md'] }));
    const runs = fromThreeFolders((r) => ['check', '--format', 'json', r]);
    const files = (JSON.parse(runs[0].out) as { files: { path: string; template: { id: string } | null }[] }).files;
    assert.deepEqual(
      files.map((f) => [f.path, f.template?.id ?? null]),
      [
        ['design-proposals/klip-9-pause.md', 'klip'],
        ['design-proposals/notes/README.md', null],
      ],
    );
    assert.equal(runs[0].code, 1);
    for (const r of runs.slice(1)) assert.deepEqual(r, runs[0]);
  });

  it('without one: the git repository\'s root; outside a repository, the current folder when it holds what is named, else the folder named', () => {
    execFileSync('git', ['init', '-q', root]);
    const runs = fromThreeFolders((r) => ['check', r]);
    assert.match(runs[0].out, /^design-proposals\/klip-9-pause\.md:22:1 error missing-section Missing required section 'Compatibility Implications'/m);
    for (const r of runs.slice(1)) assert.deepEqual(r, runs[0]);
    // Outside any repository: the current folder when the file named is inside it, else the file's folder.
    fs.rmSync(path.join(root, '.git'), { recursive: true, force: true });
    const file = path.join(root, 'design-proposals', 'klip-9-pause.md');
    const below = runCli(['check', file], os.tmpdir());
    assert.match(below.out, new RegExp(`^${path.basename(root)}/design-proposals/klip-9-pause\\.md:22:1 error missing-section`, 'm'));
    const beside = runCli(['check', file], path.join(root, 'design-proposals', 'notes'));
    assert.match(beside.out, /^klip-9-pause\.md:22:1 error missing-section/m);
  });
});
