/**
 * An untrusted repository can do no harm: everything in the workspace is the attacker's
 * (templates, configuration, documents, symlinks), and `proposal-kit check` or `new` run on it
 * read and write nothing outside it, never hang, and say what they refused.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseTemplate, TemplateError } from '../../server/src/core';
import { readProjectConfig } from '../../server/src/core/config';
import { loadTemplateDirs } from '../../server/src/node/templates';
import { runCli } from '../unit/helpers';

/** Milliseconds since `start`: what a pathological input may cost is bounded here, far above a normal run. */
const since = (start: number): number => Date.now() - start;

describe('security: an untrusted workspace', function () {
  this.timeout(20_000);
  let tmp = '';
  let ws = '';
  let outside = '';
  beforeEach(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pk-security-')));
    ws = path.join(tmp, 'repo');
    outside = path.join(tmp, 'outside');
    fs.mkdirSync(ws);
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(ws, '.proposalkit.json'), '{}\n');
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    fs.writeFileSync(path.join(ws, rel), text);
  };
  const listOutside = (): string[] => fs.readdirSync(outside, { recursive: true }).map(String).sort();

  describe('containment', () => {
    it('a companion entry that climbs out of the template folder is refused: no file from outside is copied in', () => {
      fs.writeFileSync(path.join(outside, 'secret.txt'), 'SECRET\n');
      write('.proposals/templates/rfc.md', '---\nfile:\n  path: "docs/{slug}.md"\n  companions: ["/../../../outside/secret.txt"]\n---\n# RFC\n\n## Summary\n\nSay it.\n');
      const r = runCli(['new', '--template', 'rfc', '--title', 'Steal'], ws);
      assert.equal(r.code, 2);
      assert.match(r.err, /rfc\.md:2: "file\.companions" holds plain file names such as kep\.yaml \(letters, digits, '\.', '_' and '-'\); got '\/\.\.\/\.\.\/\.\.\/outside\/secret\.txt'\./);
      assert.equal(fs.existsSync(path.join(ws, 'docs')), false);
    });

    it('a companion that is a symbolic link out of the template folder is not read', () => {
      fs.writeFileSync(path.join(outside, 'secret.txt'), 'SECRET\n');
      write('.proposals/templates/rfc.md', '---\nfile:\n  path: "docs/{slug}.md"\n  companions: ["notes.txt"]\n---\n# RFC\n\n## Summary\n\nSay it.\n');
      fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, '.proposals/templates/rfc.notes.txt'));
      const { templates, errors } = loadTemplateDirs([{ dir: path.join(ws, '.proposals/templates'), within: ws }]);
      assert.deepEqual(templates, []);
      assert.equal(errors.length, 1);
      assert.match(errors[0].message, /named in "file\.companions" is a symbolic link out of the template's folder; companions are read only from the template's own folder\.$/);
    });

    it('new does not write through a folder that is a symbolic link out of the workspace', () => {
      fs.symlinkSync(outside, path.join(ws, 'design-proposals'));
      const r = runCli(['new', '--template', 'klip', '--title', 'Escape', '--author', 'Ada'], ws);
      assert.equal(r.code, 2);
      assert.match(r.err, /Refusing to create .*klip-1-escape\.md: a folder on its way is a symbolic link out of .*repo; proposals are created only inside the workspace\./);
      assert.deepEqual(listOutside(), []);
    });

    it('newProposalFolders may not name a folder outside the workspace', () => {
      write('.proposalkit.json', '{ "newProposalFolders": { "*": "../outside" } }\n');
      const r = runCli(['new', '--template', 'klip', '--title', 'Escape', '--author', 'Ada'], ws);
      assert.equal(r.code, 2);
      assert.equal(
        r.err.split('\n')[0],
        `.proposalkit.json:1:32 error config "newProposalFolders" maps "*" to '../outside', which is outside the workspace; name a folder inside it, relative to the workspace root, without '..'.`,
      );
      assert.deepEqual(listOutside(), []);
    });

    it("a template's file.path may not leave the workspace", () => {
      assert.throws(
        () => parseTemplate('---\nfile:\n  path: "../../outside/{slug}.md"\n---\n# RFC\n\n## Summary\n', 'rfc.md'),
        (e: unknown) => e instanceof TemplateError && e.message === `rfc.md:2: "file.path" must be a path inside the workspace, relative to its root and without '..'; got '../../outside/{slug}.md'.`,
      );
    });

    it('the command line reads no template folder or template file that resolves outside the workspace', () => {
      fs.writeFileSync(path.join(outside, 'leak.md'), '# Leak\n\n## Secret\n\nText.\n');
      fs.mkdirSync(path.join(ws, '.proposals'));
      fs.symlinkSync(outside, path.join(ws, '.proposals', 'templates'));
      const r = runCli(['templates'], ws);
      assert.doesNotMatch(r.out, /leak/);
      assert.match(r.err, /template error: .*\.proposals\/templates:1: The template folder resolves outside the workspace \(.*repo\), through a symbolic link or otherwise, so it is not read; move the templates into the workspace\./);

      fs.rmSync(path.join(ws, '.proposals', 'templates'));
      write('.proposals/templates/ok.md', '# OK\n\n## Summary\n\nSay it.\n');
      fs.symlinkSync(path.join(outside, 'leak.md'), path.join(ws, '.proposals/templates/leak.md'));
      const r2 = runCli(['templates'], ws);
      assert.match(r2.out, /^ok /m);
      assert.doesNotMatch(r2.out, /leak/);
      assert.match(r2.err, /leak\.md:1: The template is a symbolic link to a file outside the workspace/);
    });

    it("a configuration's template folder outside the workspace is refused by the command line", () => {
      fs.writeFileSync(path.join(outside, 'leak.md'), '# Leak\n\n## Secret\n\nText.\n');
      write('.proposalkit.json', '{ "templates": ["../outside"] }\n');
      const r = runCli(['templates'], ws);
      assert.equal(r.code, 2);
      assert.equal(
        r.err,
        "proposal-kit: The template folder '../outside' in the workspace's configuration is outside the workspace (or a symbolic link out of it); the command line reads only template folders inside the workspace. Name it with --templates DIR to use it, or move the templates into the workspace.\n",
      );
      // The user's own --templates folder is theirs to name.
      assert.match(runCli(['templates', '--templates', outside], tmp).out, /^leak /m);
    });
  });

  describe('bounded reads', () => {
    it('a document that is a link to /dev/zero is refused at once, not read without end', () => {
      fs.symlinkSync('/dev/zero', path.join(ws, 'zero.md'));
      const start = Date.now();
      const r = runCli(['check', 'zero.md'], ws);
      assert.equal(r.code, 2);
      assert.equal(r.err.split('\n')[0], 'proposal-kit: zero.md: is not a regular file (a device, pipe or socket), so it is not read; leave it out of the paths to check.');
      assert.ok(since(start) < 5000);
    });

    it('a named pipe does not block the check', () => {
      execFileSync('mkfifo', [path.join(ws, 'pipe.md')]);
      const r = runCli(['check', 'pipe.md'], ws);
      assert.equal(r.code, 2);
      assert.match(r.err, /pipe\.md: is not a regular file/);
    });

    it('a template, a configuration and a kep.yaml that are devices or pipes are refused with a message', () => {
      fs.mkdirSync(path.join(ws, '.proposals/templates'), { recursive: true });
      fs.symlinkSync('/dev/zero', path.join(ws, '.proposals/templates/zero.md'));
      execFileSync('mkfifo', [path.join(ws, '.proposals/templates/pipe.md')]);
      write('keps/sig-node/1-a/README.md', '# KEP-1: A\n\n## Summary\n\nText.\n');
      fs.symlinkSync('/dev/zero', path.join(ws, 'keps/sig-node/1-a/kep.yaml'));
      const r = runCli(['check', 'keps'], ws);
      assert.match(r.err, /zero\.md:1: The template is a symbolic link to a file outside the workspace \(.*repo\), so it is not read; copy the template into the workspace\./);
      assert.match(r.err, /pipe\.md:1: The template is not a regular file \(a device, pipe or socket\), so it is not read\./);
      // The README is checked; the kep.yaml beside it is not read.
      assert.match(r.err, /^Checked 1 file, 1 proposal: /m);

      fs.rmSync(path.join(ws, '.proposalkit.json'));
      fs.symlinkSync('/dev/zero', path.join(ws, '.proposalkit.json'));
      const r2 = runCli(['check', 'keps'], ws);
      assert.equal(r2.code, 2);
      assert.match(r2.err, /^\.proposalkit\.json:1:1 error config The configuration is not a regular file, so it is not read; make it a small JSON file\.$/m);
    });

    it('a template larger than 1 MB is not loaded', () => {
      write('.proposals/templates/big.md', `# Big\n\n## Summary\n\n${'word '.repeat(250_000)}\n`);
      const { errors } = loadTemplateDirs([path.join(ws, '.proposals/templates')]);
      assert.deepEqual(errors.map((e) => e.message.replace(ws, '<ws>')), ['<ws>/.proposals/templates/big.md:1: The template is larger than 1 MB, the limit for a template (the largest real template is 33 KB), so it is not read.']);
    });
  });

  describe('linear-time patterns', () => {
    it('a catastrophic detect.title runs in linear time', () => {
      write('.proposals/templates/rfc.md', '---\ndetect:\n  title: "^(a+)+$"\n---\n# RFC\n\n## Summary\n\nSay it.\n');
      write('docs/x.md', `# ${'a'.repeat(5000)}!\n\n## Summary\n\nText.\n`);
      const start = Date.now();
      const r = runCli(['check', 'docs'], ws);
      assert.equal(r.code, 0);
      assert.ok(since(start) < 5000, `took ${since(start)} ms`);
    });

    it('a detect.title the engine cannot run is refused with the reason', () => {
      assert.throws(
        () => parseTemplate('---\ndetect:\n  title: "(a)\\\\1"\n---\n# RFC\n\n## Summary\n', 'rfc.md'),
        (e: unknown) =>
          e instanceof TemplateError &&
          e.message === 'rfc.md:2: "detect.title" is not a regular expression Proposal Kit can use: invalid escape sequence: `\\1` (patterns run on a linear-time engine, without lookahead, lookbehind or backreferences).',
      );
    });

    it('an extended glob in the configuration is an error at its place, not a backtracking pattern', () => {
      const { issues } = readProjectConfig('{ "files": ["docs/+(a|aa)+(a|aa)+(a|aa)*.md"] }', 'file');
      assert.deepEqual(issues, [
        { span: { start: 12, end: 44 }, message: `"files" holds a glob Proposal Kit cannot use: '+(...)' extended globs are not supported in 'docs/+(a|aa)+(a|aa)+(a|aa)*.md'; use braces ({a,b}) and stars.` },
      ]);
    });

    it('a file.path of many slots numbers new proposals in linear time', () => {
      write('.proposals/templates/rfc.md', `---\nfile:\n  path: "docs/${'{slug}'.repeat(60)}{n}.md"\n---\n# RFC\n\n## Summary\n\nSay it.\n`);
      write(`docs/${'a'.repeat(200)}-x.md`, '# Not it\n');
      const start = Date.now();
      const r = runCli(['new', '--template', 'rfc', '--title', 'F', '--author', 'Ada'], ws);
      assert.equal(r.code, 0, r.err);
      assert.ok(since(start) < 5000, `took ${since(start)} ms`);
    });
  });

  describe('a work budget', () => {
    /** Deterministic text of unpaired emphasis, link and code marks: what the parser pairs slowest. */
    const marks = (bytes: number): string => {
      const parts = ['*a ', '_b_ ', '**c', '*d*e_', '__f', '***g ', '_*h* ', 'x* ', '[*i](', '`j '];
      let out = '';
      for (let i = 0; out.length < bytes; i++) out += parts[(i * 7 + (i >> 3)) % parts.length] + (i % 30 === 29 ? '\n' : '');
      return out;
    };

    it('2 MB of emphasis marks is left out as too complex, not parsed for minutes', () => {
      write('design-proposals/klip-1-x.md', `# KLIP 1 - X\n\n## Motivation and background\n\n${marks(2_000_000)}\n`);
      const start = Date.now();
      const r = runCli(['check', '--format', 'json', 'design-proposals'], ws);
      const found = JSON.parse(r.out).files[0].findings.filter((f: { rule: string }) => f.rule === 'too-complex');
      assert.equal(found.length, 1);
      assert.match(found[0].message, /^Lines 5-\d+ are too complex to check fully: they hold \d+ emphasis, link and code marks without a heading between them, and the checker reads at most 4000 in one part \(the parser's time grows much faster than their number\)\. Nothing in them is checked; the rest of the document is\.$/);
      assert.ok(since(start) < 10_000, `took ${since(start)} ms`);
    });
    it('a template too complex to read within the budget is refused at the line where it becomes so', () => {
      const heavy = '*_ '.repeat(501);
      assert.throws(
        () => parseTemplate(`# RFC\n\n## Summary\n\nSay it.\n\n## Design\n\n${heavy}\n`, 'rfc.md'),
        (e: unknown) =>
          e instanceof TemplateError &&
          e.message === 'rfc.md:9: The template is too complex to read from here on: it holds 1002 emphasis, link and code marks without a heading between them, more than the 1000 a template may.',
      );
    });
  });

  describe('plain names and nesting', () => {
    it('constructor, __proto__ and toString are ordinary headings and keys', () => {
      write('.proposals/templates/odd.md', '---\naliases:\n  constructor: [Builder]\n---\n# Odd\n\n## constructor\n\nSay it.\n\n## \\_\\_proto\\_\\_\n\nSay it.\n\n## toString\n\nSay it.\n');
      const { templates, errors } = loadTemplateDirs([path.join(ws, '.proposals/templates')]);
      assert.deepEqual(errors, []);
      assert.deepEqual(templates[0].sections.map((s) => s.title), ['constructor', '__proto__', 'toString']);
      write('docs/a.md', '---\ntemplate: odd\n---\n# A\n\n## Builder\n\nText.\n\n## \\_\\_proto\\_\\_\n\nText.\n');
      const r = runCli(['check', 'docs'], ws);
      assert.equal(r.out, "docs/a.md:10:1 error missing-section Missing required section 'toString' (expected after '__proto__').\n");
    });

    it('a configuration nested 100,000 levels deep is an error at its place, not a stack overflow', () => {
      write('.proposalkit.json', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`);
      const r = runCli(['check', '.'], ws);
      assert.equal(r.code, 2);
      assert.equal(r.err.split('\n')[0], '.proposalkit.json:1:321 error config Not valid JSON: Objects and lists are nested more than 64 levels deep here; a configuration needs only a few levels.');
    });

    it('front matter nested 100,000 levels deep is a metadata finding at its place', () => {
      write('design-proposals/klip-1-x.md', `---\nstatus: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n---\n# KLIP 1 - X\n`);
      const r = runCli(['check', 'design-proposals'], ws);
      assert.match(r.out, /^design-proposals\/klip-1-x\.md:2:73 warning metadata Front matter is nested more than 64 levels deep here; front matter needs only a few levels\.$/m);
    });
  });
  describe('git history', () => {
    it('reading a template\'s history and a document\'s first commit runs nothing the repository names: no signature program, pager, fsmonitor, diff or textconv driver', () => {
      const marker = path.join(outside, 'ran');
      const program = path.join(tmp, 'evil.sh');
      fs.writeFileSync(program, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`, { mode: 0o755 });
      const env = { ...process.env, GIT_AUTHOR_NAME: 'Eve', GIT_AUTHOR_EMAIL: 'eve@example.com', GIT_COMMITTER_NAME: 'Eve', GIT_COMMITTER_EMAIL: 'eve@example.com', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull };
      const git = (...args: string[]): string => execFileSync('git', args, { cwd: ws, env, encoding: 'utf8' });
      git('init', '-q', '-b', 'main');
      write('.gitattributes', '*.md diff=evil\n');
      write('.proposals/templates/adr.md', '# ADR: [Title]\n\n## Context\n\nWhy?\n\n## Decision\n\nWhat?\n\n## Consequences\n\nSo?\n');
      git('add', '-A');
      git('commit', '-q', '-m', 'template');
      write('.proposals/templates/adr.md', '# ADR: [Title]\n\n## Context\n\nWhy?\n\n## Decision\n\nWhat?\n\n## Options\n\nWhich?\n\n## Consequences\n\nSo?\n');
      write('adr/0001-first.md', '# ADR: First\n\n## Context\n\nA.\n\n## Decision\n\nB.\n\n## Consequences\n\nC.\n');
      git('add', '-A');
      git('commit', '-q', '-m', 'options');
      // The newest commit carries a signature, which `git log --show-signature` would hand to gpg.program.
      const raw = git('cat-file', 'commit', 'HEAD');
      const signed = raw.replace(/^(committer [^\n]*\n)/m, '$1gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n');
      const id = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: ws, env, input: signed, encoding: 'utf8' }).trim();
      git('update-ref', 'refs/heads/main', id);
      for (const [key, value] of [
        ['log.showSignature', 'true'],
        ['gpg.program', program],
        ['gpg.ssh.program', program],
        ['core.fsmonitor', program],
        ['core.pager', program],
        ['pager.log', program],
        ['diff.external', program],
        ['diff.evil.textconv', program],
        ['diff.evil.command', program],
      ]) git('config', key, value);
      const r = runCli(['check', '--format', 'json', '.'], ws);
      const files = (JSON.parse(r.out) as { files: { path: string; findings: { rule: string; message: string }[] }[] }).files;
      // The history was read: the document, committed with the change, is held to the current template.
      assert.deepEqual(
        files.map((f) => [f.path, f.findings.map((x) => `${x.rule} ${x.message}`)]),
        [['adr/0001-first.md', ["missing-section Missing required section 'Options' (expected after 'Decision')."]]],
      );
      assert.deepEqual(listOutside(), []);
    });
  });
});
