import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseProposal, parseTemplate, TemplateError } from '../../server/src/core';
import { isLoneTitle } from '../../server/src/core/template';
import { loadTemplateDirs } from '../../server/src/node/templates';
import { builtinTemplates, CORPUS, template } from './helpers';

/** "## Title" lines of every section of an upstream template (title excluded). */
function upstreamOutline(file: string): string[] {
  const model = parseProposal(fs.readFileSync(file, 'utf8'));
  const skip = model.sections[0]?.heading.level === 1 && isLoneTitle(model) ? 1 : 0;
  return model.sections.slice(skip).map((s) => `${'#'.repeat(s.heading.level)} ${s.heading.text}`);
}

describe('built-in templates', () => {
  it('are exactly the four families', () => {
    assert.deepEqual(builtinTemplates().map((t) => t.id).sort(), ['kep', 'kepler', 'klip', 'materialize']);
  });

  for (const id of ['klip', 'kep', 'materialize', 'kepler']) {
    it(`${id}: headings have the titles, levels and order of the upstream template`, () => {
      const t = template(id);
      // A part led in by a bold label above the first section (a KLIP's tl;dr) is not a heading.
      const ours = t.sections.filter((s) => !s.leadIn).map((s) => `${'#'.repeat(s.level)} ${s.title}`);
      assert.deepEqual(ours, upstreamOutline(path.join(CORPUS, 'templates', `${id}.md`)));
      const upstreamTitle = parseProposal(fs.readFileSync(path.join(CORPUS, 'templates', `${id}.md`), 'utf8')).sections[0].heading.text;
      assert.equal(t.titleHeading, upstreamTitle);
    });

    it(`${id}: every section has guidance of our own, short`, () => {
      for (const s of template(id).sections) {
        assert.ok(s.guidance.length > 10, `${id} '${s.title}' has no guidance`);
        assert.ok(s.guidance.length < 800, `${id} '${s.title}' guidance is long (${s.guidance.length})`);
      }
    });

    it(`${id}: older versions have the outlines of the historical templates`, () => {
      const t = template(id);
      const history = fs.readdirSync(path.join(CORPUS, 'templates', 'history')).filter((f) => new RegExp(`^${id}[._-]`).test(f) && f.endsWith('.md'));
      assert.ok(t.versions.length >= 1);
      // Title and sections together: an older KLIP's title sits above a later H1, so it is not a lone title.
      const outlines = t.versions.map((v) => [...(v.titleHeading === null ? [] : [`# ${v.titleHeading}`]), ...v.sections.map((s) => `${'#'.repeat(s.level)} ${s.title}`)].join('\n'));
      for (const h of history) {
        const up = parseProposal(fs.readFileSync(path.join(CORPUS, 'templates', 'history', h), 'utf8')).sections.map((s) => `${'#'.repeat(s.heading.level)} ${s.heading.text}`).join('\n');
        assert.ok(outlines.includes(up), `${h} is not among the versions of ${id}`);
      }
    });
  }

  it('reads optional marks from the headings: (Optional), [optional], (if applicable)', () => {
    const kep = template('kep');
    const byTitle = (t: string) => kep.sections.find((s) => s.title === t);
    assert.equal(byTitle('User Stories (Optional)')?.optional, true);
    assert.equal(byTitle('Story 1 (Optional)')?.optional, true);
    assert.equal(byTitle('Summary')?.optional, false);
    assert.equal(template('kepler').sections.find((s) => s.title === 'New Configuration File (if applicable)')?.optional, true);
    const legacy = template('kepler').versions.find((v) => v.version === 'legacy-enhancements');
    assert.equal(legacy?.sections.find((s) => s.name === 'Infrastructure Needed')?.optional, true);
  });

  it('KEP headings hidden in an HTML comment are not sections', () => {
    const titles = template('kep').sections.map((s) => s.title);
    for (const hidden of ['Alpha', 'Beta', 'GA', 'Deprecation']) assert.ok(!titles.includes(hidden), hidden);
  });

  it('front matter gives the file conventions and metadata values', () => {
    assert.equal(template('klip').file.path, 'design-proposals/klip-{n}-{slug}.md');
    assert.equal(template('kep').file.path, 'keps/sig-{sig}/{n}-{slug}/README.md');
    assert.deepEqual(template('kep').file.companions, ['kep.yaml']);
    assert.equal(template('materialize').file.path, 'doc/developer/design/{yyyymmdd}_{slug_}.md');
    assert.equal(template('kepler').file.path, 'docs/developer/proposal/EP-{nnn}-{slug}.md');
    assert.deepEqual(template('klip').metadata.find((f) => f.name === 'Status')?.values, ['In Discussion', 'Design Approved', 'In development', 'Merged']);
    assert.deepEqual(template('kepler').metadata.find((f) => f.name === 'Status')?.values, ['Draft', 'Accepted', 'Implemented', 'Rejected', 'Superseded']);
    assert.deepEqual(template('kep').kepYaml?.status, ['provisional', 'implementable', 'implemented', 'deferred', 'rejected', 'withdrawn', 'replaced']);
    assert.deepEqual(template('kep').kepYaml?.stage, ['alpha', 'beta', 'stable', 'deprecated', 'disabled', 'removed']);
  });
});

describe('malformed templates', () => {
  const bad = (text: string): TemplateError => {
    try {
      parseTemplate(text, 'team/rfc.md');
    } catch (e) {
      assert.ok(e instanceof TemplateError);
      return e;
    }
    assert.fail('expected a TemplateError');
  };

  it('invalid YAML front matter: names the file and the line', () => {
    const e = bad('---\nid: rfc\nname: [unclosed\n---\n# T\n## A\n');
    assert.equal(e.file, 'team/rfc.md');
    assert.equal(e.line, 3);
    assert.match(e.message, /^team\/rfc\.md:3: Front matter is not valid YAML/);
  });

  it('no section headings', () => {
    assert.equal(bad('# Only a title\n\nSome text.\n').message, 'team/rfc.md:1: The template has no section headings: add "## Section" headings for the sections a proposal needs.');
  });

  it('an optional entry that is not a heading: points at the key', () => {
    assert.equal(
      bad('---\nid: rfc\noptional:\n  - Nope\n---\n# T\n## A\n').message,
      "team/rfc.md:3: \"optional\" names 'Nope', which is not a heading of this template.",
    );
  });

  it('a bad id, a bad kind, a bad regular expression', () => {
    assert.equal(bad('---\nid: "a b"\n---\n## A\n').message, `team/rfc.md:2: "id" is 'a b': an id may use only letters, digits, '.', '_' and '-', and starts with a letter or digit.`);
    assert.equal(bad('---\nmetadata:\n  - name: X\n    kind: colour\n---\n## A\n').message, `team/rfc.md:2: "kind" of entry 1 of "metadata" ('X') is 'colour'; expected one of text, people, date, link.`);
    assert.equal(bad('---\ndetect:\n  title: "(["\n---\n## A\n').message, 'team/rfc.md:2: "detect.title" is not a regular expression Proposal Kit can use: missing closing ]: `[`.');
  });

  it('a plain markdown template without front matter works with defaults', () => {
    const t = parseTemplate('# Title\n\n## Context\n\nWhat is the issue?\n\n## Decision\n\n## Consequences (Optional)\n', 'adr.md');
    assert.equal(t.id, 'adr');
    assert.deepEqual(t.sections.map((s) => [s.title, s.optional]), [['Context', false], ['Decision', false], ['Consequences (Optional)', true]]);
    assert.deepEqual(t.sections[0].guidanceBlocks, ['what is the issue?']);
  });

  it('a folder with a broken template and a duplicate id still loads the good ones', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pk-templates-'));
    fs.writeFileSync(path.join(dir, 'a.md'), '---\nid: rfc\n---\n## Summary\n');
    fs.writeFileSync(path.join(dir, 'b.md'), '---\nid: rfc\n---\n## Other\n');
    fs.writeFileSync(path.join(dir, 'c.md'), '---\nid: [\n---\n## X\n');
    fs.writeFileSync(path.join(dir, 'd.md'), '---\nid: adr\n---\n## Decision\n');
    const { templates, errors } = loadTemplateDirs([dir]);
    assert.deepEqual(templates.map((t) => t.id).sort(), ['adr', 'rfc']);
    assert.deepEqual(
      errors.map((e) => `${path.basename(e.file)}:${e.line}`),
      ['b.md:1', 'c.md:2'],
    );
    assert.match(errors[0].detail, /Template id 'rfc' is already used by .*a\.md; give one of them another id\./);
  });

  it('a template nested deeper than a document may be: refused at the line, before a parse that would take seconds', () => {
    const deep = Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n');
    assert.throws(
      () => parseTemplate(`---\nid: deep\n---\n# Deep\n\n## Summary\n\n${deep}\n`, 'deep.md'),
      (e: unknown) => e instanceof TemplateError && e.message === 'deep.md:108: Lists or quotes nest more than 100 levels deep here; a template may nest at most 100.',
    );
  });
});
