import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatMarkdown, markdownText, MARKDOWN_MAX_FINDINGS } from '../../server/src/core/report';
import { MARKDOWN_GOLDEN, markdownGoldenText } from './golden';
import { PAUSE_KLIP, runCli, TempRepo } from './helpers';

/** PAUSE_KLIP with every required section written: no finding. */
const COMPLETE = PAUSE_KLIP.replace('**Status**: WIP', '**Status**: In Discussion').replace('## Design\n', '## Design\nA flag.\n').replace('## Security Implications', '## Compatibility Implications\nNone.\n## Security Implications');
/** COMPLETE is In Discussion, a draft: an empty section is a hint. */
const EMPTY_DESIGN = (file: string, line = 18) => `${file}:${line}:1 hint empty-section Section 'Design' is empty: write it, or say why it does not apply ("N/A: <reason>").`;

describe('cli: check --changed-since REF', function () {
  this.timeout(30000);
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
    // main: two proposals, one of them with an error (the missing section).
    repo.write('design-proposals/klip-1-old.md', PAUSE_KLIP.replace('KLIP 9', 'KLIP 1'));
    repo.write('design-proposals/klip-2-done.md', COMPLETE.replace('KLIP 9', 'KLIP 2'));
    repo.commit('two proposals');
  });
  afterEach(() => repo.remove());

  it('checks only what changed since the merge base, in commits and in the working tree; the exit code is theirs alone', () => {
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('design-proposals/klip-3-new.md', COMPLETE.replace('KLIP 9', 'KLIP 3').replace('## Design\nA flag.\n', '## Design\n\n'));
    repo.commit('a new proposal');
    // main moves on after the branch: its changes are not the pull request's.
    repo.git('checkout', '-q', 'main');
    repo.write('design-proposals/klip-4-main.md', PAUSE_KLIP.replace('KLIP 9', 'KLIP 4'));
    repo.commit('another proposal on main');
    repo.git('checkout', '-q', 'feature');
    // Not committed: an edit to a proposal, and a file git does not track yet.
    repo.write('design-proposals/klip-2-done.md', COMPLETE.replace('KLIP 9', 'KLIP 2').replace('## Design\nA flag.\n', '## Design\n\n'));
    repo.write('design-proposals/klip-5-draft.md', COMPLETE.replace('KLIP 9', 'KLIP 5'));
    const r = runCli(['check', '--changed-since', 'main', '.'], repo.root);
    assert.equal(r.out, [EMPTY_DESIGN('design-proposals/klip-2-done.md'), EMPTY_DESIGN('design-proposals/klip-3-new.md'), ''].join('\n'));
    const base = repo.git('merge-base', 'main', 'feature').trim();
    assert.equal(
      r.err,
      [
        `proposal-kit: 3 of 4 markdown files added or changed since main (merge base ${base.slice(0, 12)}); only they are checked.`,
        'Checked 3 files, 3 proposals: 0 errors, 0 warnings, 2 notes.',
        '  design-proposals/klip-2-done.md: klip, 10 of 11 required sections written',
        '  design-proposals/klip-3-new.md: klip, 10 of 11 required sections written',
        '  design-proposals/klip-5-draft.md: klip, 11 of 11 required sections written',
        '',
      ].join('\n'),
    );
    // The unchanged klip-1-old.md has an error: checked in full, the run fails.
    assert.equal(r.code, 0);
    assert.equal(runCli(['check', '.'], repo.root).code, 1);
  });

  it('a file changed back to what the merge base has, or differing only in "\\r\\n" line endings, is unchanged', () => {
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('design-proposals/klip-2-done.md', 'changed');
    repo.commit('change');
    repo.write('design-proposals/klip-2-done.md', COMPLETE.replace('KLIP 9', 'KLIP 2'));
    repo.write('design-proposals/klip-1-old.md', PAUSE_KLIP.replace('KLIP 9', 'KLIP 1').replace(/\n/g, '\r\n'));
    const r = runCli(['check', '--changed-since', 'main', 'design-proposals'], repo.root);
    assert.deepEqual([r.code, r.out], [0, '']);
    assert.match(r.err, /^proposal-kit: 0 of 2 markdown files added or changed since main \(merge base [0-9a-f]{12}\); only they are checked\.\nChecked 0 files, 0 proposals: 0 errors, 0 warnings\.\n$/);
  });

  it('takes a commit id and HEAD~N; a ref that is no commit, one that looks like an option, or a folder outside git is exit 2 with one clear line', () => {
    repo.write('design-proposals/klip-6-more.md', COMPLETE.replace('KLIP 9', 'KLIP 6'));
    repo.commit('one more');
    const first = repo.git('rev-list', '--max-parents=0', 'HEAD').trim();
    for (const ref of [first, 'HEAD~1']) {
      const r = runCli(['check', '--changed-since', ref, '.'], repo.root);
      assert.equal(r.code, 0, r.err);
      assert.match(r.err, /^proposal-kit: 1 of 3 markdown files added or changed since /);
    }
    const cases: [string, string][] = [
      ['origin/main', "proposal-kit: --changed-since origin/main: 'origin/main' is no commit in this repository: fetch it first (e.g. git fetch origin main; in GitHub Actions, actions/checkout with fetch-depth: 0).\n"],
      ['--output=x', "proposal-kit: --changed-since --output=x: '--output=x' is not a git ref this command takes: give a branch, tag or commit, e.g. origin/main.\n"],
      ['main..HEAD', "proposal-kit: --changed-since main..HEAD: 'main..HEAD' is not a git ref this command takes: give a branch, tag or commit, e.g. origin/main.\n"],
      ['$(touch x)', "proposal-kit: --changed-since $(touch x): '$(touch x)' is not a git ref this command takes: give a branch, tag or commit, e.g. origin/main.\n"],
    ];
    for (const [ref, err] of cases) assert.deepEqual(runCli(['check', `--changed-since=${ref}`, '.'], repo.root), { code: 2, out: '', err });
    assert.equal(fs.existsSync(path.join(repo.root, 'x')), false);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'pk-nogit-'));
    try {
      fs.writeFileSync(path.join(outside, 'a.md'), '# A\n');
      const r = runCli(['check', '--changed-since', 'main', '.'], outside);
      assert.equal(r.code, 2);
      assert.match(r.err, /^proposal-kit: --changed-since main: fatal: not a git repository/);
      assert.equal(r.err.split('\n').length, 2);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('runs no program the repository configures (core.fsmonitor, diff drivers, pager)', () => {
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('design-proposals/klip-1-old.md', COMPLETE);
    repo.write('.gitattributes', '*.md diff=evil\n');
    // Configured last: the test's own git commands above would run them.
    const marker = path.join(repo.root, 'ran');
    const script = `${JSON.stringify(process.execPath)} -e "require('fs').writeFileSync(process.argv[1], 'x')" ${JSON.stringify(marker)}`;
    for (const key of ['core.fsmonitor', 'diff.external', 'core.pager', 'diff.evil.textconv', 'diff.evil.command']) repo.git('config', key, script);
    const r = runCli(['check', '--changed-since', 'main', '.'], repo.root);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /^proposal-kit: 1 of 2 markdown files added or changed since main/);
    assert.equal(fs.existsSync(marker), false);
    // The same configuration does run a program when git reads the working tree: the test would see it.
    repo.git('diff', '--stat');
    assert.equal(fs.existsSync(marker), true);
  });
});

describe('cli: check --format markdown', () => {
  it('the examples, as the golden file a person has read (test/golden/markdown/examples.md)', () => {
    assert.equal(markdownGoldenText(), fs.readFileSync(MARKDOWN_GOLDEN.file, 'utf8'));
    assert.equal(runCli(MARKDOWN_GOLDEN.args, path.resolve(__dirname, '..', '..')).code, 1);
  });

  it('text from documents shows as it is: no markup, mention or reference is made of it', () => {
    assert.equal(markdownText('*a* _b_ `c` [d](e) <img src=x> | @team #12 &amp; ![i](j) \\ ~~s~~\nnext'), '\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<img src=x\\> \\| \\@team \\#12 \\&amp; \\!\\[i\\](j) \\\\ \\~\\~s\\~\\~ next');
  });

  it('many findings: the first ones, and how many more; nothing checked says so', () => {
    const finding = (line: number) => ({ rule: 'placeholder' as const, severity: 'warning' as const, message: 'M.', range: { start: { line, character: 0 }, end: { line, character: 1 } } });
    const md = formatMarkdown([{ path: 'a.md', template: { id: 'rfc', confidence: 1, name: 'RFC' }, progress: { written: 1, required: 3 }, status: 'Draft', findings: Array.from({ length: MARKDOWN_MAX_FINDINGS + 2 }, (_, i) => finding(i)) }]);
    const lines = md.split('\n');
    assert.deepEqual(lines.slice(0, 8), [
      '### Proposal Kit: 1 proposal, 0 errors, 102 warnings, 0 notes',
      '',
      '| Proposal | Template | Status | Required sections written | Errors | Warnings | Notes |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      '| a.md | RFC | Draft | 1 of 3 | 0 | 102 | 0 |',
      '',
      '#### a.md',
      '',
    ]);
    assert.equal(lines.length, 8 + MARKDOWN_MAX_FINDINGS + 2);
    assert.equal(lines[8 + MARKDOWN_MAX_FINDINGS - 1], '- **warning** line 100: M. (placeholder)');
    assert.equal(lines[8 + MARKDOWN_MAX_FINDINGS], '- and 2 more findings: run `proposal-kit check` to see them all.');
    assert.equal(formatMarkdown([], { scope: 'added or changed since main' }), '### Proposal Kit: 0 proposals, 0 errors, 0 warnings, 0 notes\n\nOnly the proposals added or changed since main were checked.\n\nNo proposal was checked.\n');
  });
});
