import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkModel, parseProposal } from '../../server/src/core';
import { nextNumber, scaffold, usedNumbers } from '../../server/src/core/scaffold';
import { createProposal, resolveInside } from '../../server/src/node/create';
import { builtinTemplates, CORPUS, template } from './helpers';

const FAMILIES = ['klip', 'kep', 'materialize', 'kepler'];
const INPUT = { title: 'Faster Builds', author: 'Ada Lovelace', date: '2026-11-20', sig: 'node' };

function flaggedSections(text: string, id: string, p?: string) {
  const r = checkModel(parseProposal(text), builtinTemplates(), { template: id, path: p });
  const a = r.analysis;
  assert.ok(a);
  const flagged = new Set(r.findings.filter((f) => f.rule === 'empty-section' || f.rule === 'placeholder').map((f) => f.section));
  return {
    missing: r.findings.filter((f) => f.rule === 'missing-section').map((f) => f.message),
    unflagged: a.version.sections.filter((s) => a.required(s) && !flagged.has(s.name)).map((s) => s.name),
    findings: r.findings,
  };
}

describe('blank templates and new proposals', () => {
  for (const id of FAMILIES) {
    it(`${id}: the blank upstream template has every section and every required one flagged`, () => {
      const r = flaggedSections(fs.readFileSync(path.join(CORPUS, 'templates', `${id}.md`), 'utf8'), id);
      assert.deepEqual(r.missing, []);
      // Upstream's italic words after "**tl;dr:**" are not this template's: authors keep those
      // italics for their own tl;dr, so only the built-in template's words count as left in.
      assert.deepEqual(r.unflagged, id === 'klip' ? ['tl;dr'] : []);
    });

    it(`${id}: a new proposal has every section and every required one flagged`, () => {
      const s = scaffold(template(id), INPUT, []);
      const r = flaggedSections(s.text, id, s.path);
      assert.deepEqual(r.missing, []);
      assert.deepEqual(r.unflagged, []);
      // What the scaffolder fills in is not reported; the rest is left for the author, and said so.
      const filled = /^(Author|Authors|Status|Created|Last Updated) /;
      assert.deepEqual(r.findings.filter((f) => f.rule === 'metadata' && filled.test(f.message)).map((f) => f.message), []);
      // It is detected as its family from the file name it gets, without being told.
      const detected = checkModel(parseProposal(s.text), builtinTemplates(), { path: s.path }).detection;
      assert.equal(detected?.template.id, id);
    });
  }

  it('fills title, number, author, date and default status', () => {
    const klip = scaffold(template('klip'), INPUT, ['design-proposals/klip-3-a.md', 'design-proposals/klip-12-b.md', 'design-proposals/klip-template.md']);
    assert.equal(klip.path, 'design-proposals/klip-13-faster-builds.md');
    assert.equal(klip.number, 13);
    const lines = klip.text.split('\n');
    assert.equal(lines[0], '# KLIP 13 - Faster Builds');
    assert.ok(lines.some((l) => /^\*\*Author\*\*: Ada Lovelace\b/.test(l)), 'author');
    assert.ok(lines.some((l) => /^\*\*Status\*\*: In Discussion\b/.test(l)), 'status');

    const kepler = scaffold(template('kepler'), INPUT, ['docs/developer/proposal/EP-001-x.md', 'docs/developer/proposal/EP-002-y.md']);
    assert.equal(kepler.path, 'docs/developer/proposal/EP-003-faster-builds.md');
    assert.equal(kepler.text.split('\n')[0], '# EP-003: Faster Builds');
    assert.match(kepler.text, /^\*\*Status\*\*: Draft$/m);
    assert.match(kepler.text, /^\*\*Created\*\*: 2026-11-20$/m);
    assert.match(kepler.text, /^\*\*Last Updated\*\*: 2026-11-20$/m);

    const mz = scaffold(template('materialize'), INPUT, []);
    assert.equal(mz.path, 'doc/developer/design/20261120_faster_builds.md');
    assert.equal(mz.number, null);
    assert.equal(mz.text.split('\n')[0], '# Faster Builds');
  });

  it('KEP: numbered across every SIG, in its own folder, with a kep.yaml beside it', () => {
    const kep = scaffold(template('kep'), INPUT, ['keps/sig-apps/4242-job-retry', 'keps/sig-apps/4242-job-retry/README.md', 'keps/sig-node/5001-x/README.md', 'keps/NNNN-kep-template/README.md']);
    assert.equal(kep.path, 'keps/sig-node/5002-faster-builds/README.md');
    assert.equal(kep.text.split('\n')[0], '# KEP-5002: Faster Builds');
    assert.deepEqual(kep.companions.map((c) => c.path), ['keps/sig-node/5002-faster-builds/kep.yaml']);
    const yaml = kep.companions[0].text;
    assert.match(yaml, /^title: "Faster Builds"$/m);
    assert.match(yaml, /^kep-number: 5002$/m);
    assert.match(yaml, /^ {2}- "Ada Lovelace"$/m);
    assert.match(yaml, /^owning-sig: sig-node$/m);
    assert.match(yaml, /^creation-date: 2026-11-20$/m);
  });

  it('numbers: one more than the highest in use; 1 in an empty folder', () => {
    assert.equal(nextNumber('design-proposals/klip-{n}-{slug}.md', []), 1);
    assert.deepEqual(usedNumbers('EP-{nnn}-{slug}.md', ['EP-007-a.md', 'EP-010-b.md', 'notes.md']), [7, 10]);
    assert.equal(nextNumber('EP-{nnn}-{slug}.md', ['EP-007-a.md', 'EP-010-b.md']), 11);
  });

  it('titles become safe file names', () => {
    const name = (title: string) => scaffold(template('klip'), { ...INPUT, title }, []).path;
    assert.equal(name('../../etc/passwd'), 'design-proposals/klip-1-etc-passwd.md');
    assert.equal(name('Use "quotes" & slashes / here'), 'design-proposals/klip-1-use-quotes-slashes-here.md');
    assert.equal(name('🚀🚀'), 'design-proposals/klip-1-proposal.md');
    assert.equal(name('!!!'), 'design-proposals/klip-1-proposal.md');
    assert.equal(name('Café déjà vu'), 'design-proposals/klip-1-cafe-deja-vu.md');
  });
});

describe('creating files', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pk-new-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('never overwrites: a clash takes the next number, and the other file is untouched', () => {
    fs.mkdirSync(path.join(root, 'design-proposals'));
    fs.writeFileSync(path.join(root, 'design-proposals', 'klip-2-mine.md'), 'my text');
    const a = createProposal(template('klip'), { ...INPUT, number: 2 }, { root });
    assert.equal(path.relative(root, a.file), path.join('design-proposals', 'klip-3-faster-builds.md'));
    assert.equal(fs.readFileSync(path.join(root, 'design-proposals', 'klip-2-mine.md'), 'utf8'), 'my text');
    const b = createProposal(template('klip'), INPUT, { root });
    assert.equal(path.basename(b.file), 'klip-4-faster-builds.md');
    assert.deepEqual(fs.readdirSync(path.join(root, 'design-proposals')).sort(), ['klip-2-mine.md', 'klip-3-faster-builds.md', 'klip-4-faster-builds.md']);
  });

  it('a KEP gets a new numbered folder with README.md and kep.yaml', () => {
    fs.mkdirSync(path.join(root, 'keps', 'sig-node', '7-taken'), { recursive: true });
    const c = createProposal(template('kep'), INPUT, { root });
    assert.equal(path.relative(root, c.file), path.join('keps', 'sig-node', '8-faster-builds', 'README.md'));
    assert.deepEqual(c.companions.map((f) => path.relative(root, f)), [path.join('keps', 'sig-node', '8-faster-builds', 'kep.yaml')]);
  });

  it('an unnumbered name that is taken gets a suffix', () => {
    const first = createProposal(template('materialize'), INPUT, { root });
    const second = createProposal(template('materialize'), INPUT, { root });
    assert.equal(path.basename(first.file), '20261120_faster_builds.md');
    assert.equal(path.basename(second.file), '20261120_faster_builds-2.md');
  });

  it('in a chosen folder, only the file name pattern is used', () => {
    const dir = path.join(root, 'rfcs');
    fs.mkdirSync(dir);
    const c = createProposal(template('kepler'), INPUT, { root, dir });
    assert.equal(path.relative(root, c.file), path.join('rfcs', 'EP-001-faster-builds.md'));
  });

  it('leaves no temporary files behind, and refuses paths outside the folder', () => {
    createProposal(template('klip'), INPUT, { root });
    assert.deepEqual(fs.readdirSync(path.join(root, 'design-proposals')), ['klip-1-faster-builds.md']);
    assert.throws(() => resolveInside(root, '../escape.md'), /outside/);
  });
});
