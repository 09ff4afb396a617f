import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { PAUSE_KLIP, ROOT, TempRepo } from './helpers';

interface Step {
  name: string;
  shell: string;
  run: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  inputs: Record<string, { default: string }>;
  runs: { using: string; steps: Step[] };
}
interface Hook {
  id: string;
  entry: string;
  language: string;
  types: string[];
  require_serial: boolean;
}

const ACTION = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;
const HOOKS = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

/** `${{ inputs.NAME }}` and `${{ github.action_path }}`, the only expressions the action uses, as GitHub fills them in. */
function expand(value: string, inputs: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr: string) => {
    if (expr === 'github.action_path') return ROOT;
    const m = /^inputs\.([a-z-]+)$/.exec(expr);
    if (!m || !(m[1] in ACTION.inputs)) throw new Error(`the action uses an expression this test does not know: ${expr}`);
    return inputs[m[1]] ?? ACTION.inputs[m[1]].default;
  });
}

/** Runs the action's steps as GitHub runs a composite action's bash steps; stops at the first that fails. */
function runAction(repo: TempRepo, inputs: Record<string, string>, event: Record<string, string>): { code: number; stdout: string; summary: string } {
  const summary = path.join(repo.root, '..', `${path.basename(repo.root)}-summary.md`);
  fs.writeFileSync(summary, '');
  let stdout = '';
  try {
    for (const step of ACTION.runs.steps) {
      assert.equal(step.shell, 'bash');
      assert.doesNotMatch(step.run, /\$\{\{/, 'a run script takes inputs from env, never by ${{ }} (no injection)');
      const env = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_ACTION_PATH: ROOT, GITHUB_WORKSPACE: repo.root, GITHUB_STEP_SUMMARY: summary, ...event };
      for (const [k, v] of Object.entries(step.env ?? {})) Object.assign(env, { [k]: expand(v, inputs) });
      const cwd = step['working-directory'] ? expand(step['working-directory'], inputs) : repo.root;
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], { cwd, env, encoding: 'utf8' });
      stdout += r.stdout;
      if (r.status !== 0) return { code: r.status ?? -1, stdout, summary: fs.readFileSync(summary, 'utf8') };
    }
    return { code: 0, stdout, summary: fs.readFileSync(summary, 'utf8') };
  } finally {
    fs.rmSync(summary, { force: true });
  }
}

const WITH_ERROR = PAUSE_KLIP; // 'Compatibility Implications' is missing: an error
const WITH_WARNING = PAUSE_KLIP.replace('**Status**: WIP', '**Status**: In Discussion').replace('## Security Implications', '## Compatibility Implications\nNone.\n## Security Implications');

describe('the GitHub Action (action.yml), its steps run as GitHub runs them', function () {
  this.timeout(60000);
  let repo: TempRepo;
  beforeEach(() => {
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'cli.js')), 'npm run build first');
    repo = new TempRepo();
    repo.write('design-proposals/klip-1-old.md', WITH_ERROR.replace('KLIP 9', 'KLIP 1'));
    repo.commit('an old proposal with an error');
    // What actions/checkout with fetch-depth: 0 gives: the base branch as origin/main.
    repo.git('update-ref', 'refs/remotes/origin/main', 'main');
    repo.git('checkout', '-q', '-b', 'pull-request');
  });
  afterEach(() => repo.remove());

  it('is a composite action whose build step leaves a built CLI alone', () => {
    assert.equal(ACTION.runs.using, 'composite');
    assert.deepEqual(ACTION.runs.steps.map((s) => s.name), ['Build Proposal Kit', 'Check proposals']);
    assert.deepEqual(Object.keys(ACTION.inputs), ['paths', 'base', 'format']);
  });

  it('on a pull request: only what it adds or changes, the summary in markdown, the findings in the log; the old error does not fail it', () => {
    repo.write('design-proposals/klip-2-new.md', WITH_WARNING.replace('KLIP 9', 'KLIP 2'));
    repo.commit('a new proposal');
    const r = runAction(repo, {}, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_BASE_REF: 'main' });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, "design-proposals/klip-2-new.md:18:1 hint empty-section Section 'Design' is empty: write it, or say why it does not apply (\"N/A: <reason>\").\n");
    const base = repo.git('merge-base', 'main', 'HEAD').trim().slice(0, 12);
    assert.equal(
      r.summary,
      [
        '### Proposal Kit: 1 proposal, 0 errors, 0 warnings, 1 note',
        '',
        `Only the proposals added or changed since origin/main (merge base ${base}) were checked.`,
        '',
        '| Proposal | Template | Status | Required sections written | Errors | Warnings | Notes |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        '| design-proposals/klip-2-new.md | KLIP | In Discussion | 10 of 11 | 0 | 0 | 1 |',
        '',
        '#### design-proposals/klip-2-new.md',
        '',
        '- **hint** line 18: Section \'Design\' is empty: write it, or say why it does not apply ("N/A: \\<reason\\>"). (empty-section)',
        '',
      ].join('\n'),
    );
  });

  it('a pull request that adds an error fails, with the error in the summary', () => {
    repo.write('design-proposals/klip-3-bad.md', WITH_ERROR.replace('KLIP 9', 'KLIP 3'));
    repo.commit('a proposal with an error');
    const r = runAction(repo, { paths: 'design-proposals' }, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_BASE_REF: 'main' });
    assert.equal(r.code, 1);
    // The log has the findings too (bash runs the step with -e: the summary's exit code does not stop it).
    assert.equal(
      r.stdout,
      [
        "design-proposals/klip-3-bad.md:4:13 warning metadata Status 'WIP' is not an allowed value: expected one of In Discussion, Design Approved, In development, Merged.",
        "design-proposals/klip-3-bad.md:18:1 warning empty-section Section 'Design' is empty: write it, or say why it does not apply (\"N/A: <reason>\").",
        "design-proposals/klip-3-bad.md:22:1 error missing-section Missing required section 'Compatibility Implications' (expected after 'Documentation Updates').",
        '',
      ].join('\n'),
    );
    assert.match(r.summary, /^### Proposal Kit: 1 proposal, 1 error, 2 warnings, 0 notes\n/);
    assert.match(r.summary, /\n\| design-proposals\/klip-3-bad\.md \| KLIP \| WIP \| 9 of 11 \| 1 \| 2 \| 0 \|\n/);
    assert.doesNotMatch(r.summary, /klip-1-old/);
  });

  it('on a push (no base branch), every proposal is checked; an explicit base narrows it again', () => {
    repo.write('design-proposals/klip-2-new.md', WITH_WARNING.replace('KLIP 9', 'KLIP 2'));
    repo.commit('a new proposal');
    const push = runAction(repo, {}, { GITHUB_EVENT_NAME: 'push' });
    assert.equal(push.code, 1);
    assert.match(push.summary, /^### Proposal Kit: 2 proposals, 1 error, 2 warnings, 1 note\n\n\| Proposal/);
    assert.equal(runAction(repo, { base: 'main', format: 'json' }, { GITHUB_EVENT_NAME: 'push' }).code, 0);
    // A base git does not have: exit 2 (the log says why), and nothing in the summary.
    assert.deepEqual(runAction(repo, { base: 'origin/nope' }, { GITHUB_EVENT_NAME: 'push' }), { code: 2, stdout: '', summary: '' });
  });
});

describe('the pre-commit hook (.pre-commit-hooks.yaml), its command run on the staged files', function () {
  this.timeout(60000);
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
  });
  afterEach(() => repo.remove());

  /**
   * The hook as pre-commit runs a `language: script` hook: its entry, a path in the hook's
   * repository, run in the repository being committed to with the staged files of its types
   * (markdown: *.md) as arguments. (The command line is built already: the script builds it only
   * where it is missing, in pre-commit's own copy.)
   */
  function runHook(hook: Hook): { code: number; out: string; err: string } {
    assert.deepEqual(hook.types, ['markdown']);
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'cli.js')), 'npm run build first');
    const staged = repo.git('diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z').split('\0').filter((f) => /\.(md|markdown)$/.test(f));
    const r = spawnSync(path.join(ROOT, hook.entry), staged, { cwd: repo.root, encoding: 'utf8' });
    return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
  }

  it('checks the staged proposals only, and fails the commit on an error', () => {
    assert.deepEqual(HOOKS.map((h) => [h.id, h.entry, h.language, h.require_serial]), [['proposal-kit', 'scripts/pre-commit-hook.sh', 'script', true]]);
    repo.write('design-proposals/klip-1-old.md', WITH_ERROR.replace('KLIP 9', 'KLIP 1'));
    repo.commit('an old proposal with an error');
    repo.write('design-proposals/klip-2-new.md', WITH_WARNING.replace('KLIP 9', 'KLIP 2'));
    repo.write('notes.txt', 'not markdown');
    repo.git('add', 'design-proposals/klip-2-new.md', 'notes.txt');
    const good = runHook(HOOKS[0]);
    assert.deepEqual([good.code, good.out], [0, "design-proposals/klip-2-new.md:18:1 hint empty-section Section 'Design' is empty: write it, or say why it does not apply (\"N/A: <reason>\").\n"]);
    assert.equal(good.err, 'Checked 1 file, 1 proposal: 0 errors, 0 warnings, 1 note.\n  design-proposals/klip-2-new.md: klip, 10 of 11 required sections written\n');
    repo.write('design-proposals/klip-3-bad.md', WITH_ERROR.replace('KLIP 9', 'KLIP 3'));
    repo.git('add', 'design-proposals/klip-3-bad.md');
    // In Discussion, a draft: its empty section is a hint; WIP is no status the template knows.
    const empty = (file: string, severity: string) => `design-proposals/${file}:18:1 ${severity} empty-section Section 'Design' is empty: write it, or say why it does not apply ("N/A: <reason>").`;
    const bad = runHook(HOOKS[0]);
    assert.deepEqual({ code: bad.code, out: bad.out }, {
      code: 1,
      out: [
        empty('klip-2-new.md', 'hint'),
        "design-proposals/klip-3-bad.md:4:13 warning metadata Status 'WIP' is not an allowed value: expected one of In Discussion, Design Approved, In development, Merged.",
        empty('klip-3-bad.md', 'warning'),
        "design-proposals/klip-3-bad.md:22:1 error missing-section Missing required section 'Compatibility Implications' (expected after 'Documentation Updates').",
        '',
      ].join('\n'),
    });
  });
});

describe('the README\'s examples of the action and the hook', () => {
  const blocks = [...fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).filter((b) => b.includes('proposal-kit/proposal-kit'));

  it('the workflow uses the action with its own inputs, on a checkout with the history the merge base needs', () => {
    const workflow = blocks.map((b) => parse(b) as { jobs?: { check: { steps: { uses?: string; with?: Record<string, unknown> }[] } } }).find((d) => d?.jobs);
    assert.ok(workflow?.jobs);
    const steps = workflow.jobs.check.steps;
    assert.deepEqual(steps.map((s) => s.uses), ['actions/checkout@v4', 'actions/setup-node@v4', 'proposal-kit/proposal-kit@main']);
    assert.deepEqual(steps[0].with, { 'fetch-depth': 0 });
    for (const input of Object.keys(steps[2].with ?? {})) assert.ok(input in ACTION.inputs, input);
  });

  it('the pre-commit configuration names the hook this repository has', () => {
    const config = blocks.map((b) => parse(b) as { repos?: { repo: string; hooks: { id: string }[] }[] }).find((d) => d?.repos);
    assert.deepEqual(config?.repos?.map((r) => [r.repo, r.hooks.map((h) => h.id)]), [['https://github.com/proposal-kit/proposal-kit', HOOKS.map((h) => h.id)]]);
  });
});
