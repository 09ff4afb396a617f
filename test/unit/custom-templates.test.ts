import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkModel, parseProposal, parseTemplate, type TemplateSchema } from '../../server/src/core';
import { scaffold } from '../../server/src/core/scaffold';
import { nameFromTitle, titlePatternFrom } from '../../server/src/core/template';
import { suggestedTemplateId, templateFromDocument } from '../../server/src/core/newTemplate';
import { validateTemplateId } from '../../server/src/core/names';
import { loadTemplateDirs } from '../../server/src/node/templates';
import { ROOT } from './helpers';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'custom');

/** The built-in templates and the README's two example templates, as a workspace would load them. */
function withExamples(): TemplateSchema[] {
  const loaded = loadTemplateDirs([path.join(ROOT, 'templates'), path.join(ROOT, 'docs', 'templates')]);
  assert.deepEqual(loaded.errors, []);
  return loaded.templates;
}

type Row = [number, number, number, number, string, string, string];
function findings(rel: string): { id: string | null; progress: unknown; rows: Row[] } {
  const file = path.join(FIXTURES, rel);
  const r = checkModel(parseProposal(fs.readFileSync(file, 'utf8')), withExamples(), { path: rel });
  return {
    id: r.detection?.template.id ?? null,
    progress: r.progress,
    rows: r.findings.map((f) => [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character, f.severity, f.rule, f.message]),
  };
}

describe('plain markdown templates', () => {
  it('MADR style: id from the file name, sections from the headings, guidance from the prose, metadata from the lines', () => {
    const t = withExamples().find((x) => x.id === 'madr') as TemplateSchema;
    assert.equal(t.name, 'madr');
    assert.equal(t.titlePattern, '{title}');
    assert.equal(t.titleHeading, '{Short title: the problem and the option chosen}');
    assert.deepEqual(
      t.sections.map((s) => [s.level, s.title, s.optional]),
      [
        [2, 'Context and Problem Statement', false],
        [2, 'Decision Drivers', false],
        [2, 'Considered Options', false],
        [2, 'Decision Outcome', false],
        [3, 'Consequences', false],
        [3, 'Confirmation (Optional)', true],
        [2, 'Pros and Cons of the Options', false],
        [2, 'More Information (Optional)', true],
      ],
    );
    assert.equal(t.sections[2].guidance, 'Name every option that was seriously weighed, the chosen one included.');
    assert.deepEqual(
      t.metadata.map((f) => [f.name, f.kind, f.values, f.default, f.fill, f.required]),
      [
        ['Status', 'text', ['proposed', 'rejected', 'accepted', 'deprecated', 'superseded'], 'proposed', 'default', true],
        ['Date', 'date', [], undefined, 'date', true],
        ['Decision-makers', 'text', [], undefined, undefined, true],
      ],
    );
  });

  it('Rust RFC style: every top-level heading a section, no title', () => {
    const t = withExamples().find((x) => x.id === 'rust-rfc') as TemplateSchema;
    assert.equal(t.titleHeading, null);
    assert.deepEqual(t.sections.map((s) => `${s.level} ${s.title}`), [
      '1 Summary',
      '1 Motivation',
      '1 Guide-level explanation',
      '1 Reference-level explanation',
      '1 Drawbacks',
      '1 Rationale and alternatives',
      '1 Prior art',
      '1 Unresolved questions',
      '1 Future possibilities',
    ]);
    assert.deepEqual(t.metadata.map((f) => [f.name, f.kind, f.fill]), [
      ['Feature Name', 'text', undefined],
      ['Start Date', 'date', 'date'],
      ['RFC PR', 'text', undefined],
      ['Tracking Issue', 'text', undefined],
    ]);
  });

  it('a heading that is all placeholder stands for headings the author names, and is not a section', () => {
    const t = parseTemplate('# [Title]\n\n## Options\n\n### [Option 1]\n\nPros and cons.\n\n### <Option 2>\n\n## Outcome\n', 'x.md');
    assert.deepEqual(t.sections.map((s) => [s.title, s.children]), [['Options', []], ['Outcome', []]]);
  });

  it('name and title pattern from the title heading', () => {
    assert.equal(nameFromTitle('RFC: [Title]'), 'RFC');
    assert.equal(nameFromTitle('KLIP Number - Title'), 'KLIP');
    assert.equal(nameFromTitle('{short title}'), '');
    assert.equal(nameFromTitle(null), '');
    assert.equal(titlePatternFrom('ADR-NNNN: [Short title] ({date})'), 'ADR-{n}: {title} ({date})');
    assert.equal(titlePatternFrom('KLIP Number - Title'), 'KLIP {n} - {title}');
    assert.equal(titlePatternFrom('Architecture decision'), '{title}');
    assert.equal(titlePatternFrom(null), '{title}');
    const t = parseTemplate('# Design Doc: <Title>\n\n## Goals\n\n## Design\n', 'design.md');
    assert.equal(t.name, 'Design Doc');
    assert.equal(t.titlePattern, 'Design Doc: {title}');
  });

  it('front matter adds what the headings cannot, and the rest keeps its defaults', () => {
    const text = fs.readFileSync(path.join(ROOT, 'docs', 'templates', 'madr.md'), 'utf8');
    const t = parseTemplate(`---\nname: MADR\nfile:\n  path: "docs/decisions/{nnnn}-{slug}.md"\n---\n${text}`, 'madr.md');
    assert.equal(t.name, 'MADR');
    assert.equal(t.file.path, 'docs/decisions/{nnnn}-{slug}.md');
    assert.equal(t.metadata.length, 3);
    assert.equal(t.sections.length, 8);
  });
});

describe('documents written with custom templates', () => {
  it('the end-to-end workspace uses the README\'s example template and decision, unchanged', () => {
    const e2e = path.join(ROOT, 'test', 'e2e', 'fixtures', 'workspace');
    const same = (a: string, b: string) => assert.equal(fs.readFileSync(path.join(e2e, a), 'utf8'), fs.readFileSync(path.join(ROOT, b), 'utf8'), a);
    same('.proposals/templates/madr.md', 'docs/templates/madr.md');
    same('docs/decisions/0002-adopt-feature-flags.md', 'test/fixtures/custom/decisions/0002-adopt-feature-flags.md');
  });

  it('a finished MADR decision: detected by its headings, nothing to report', () => {
    assert.deepEqual(findings('decisions/0001-store-sessions-in-redis.md'), { id: 'madr', progress: { written: 6, required: 6 }, rows: [] });
  });

  it('a half-written MADR decision: status, date placeholder, missing, empty and guidance', () => {
    assert.deepEqual(findings('decisions/0002-adopt-feature-flags.md'), {
      id: 'madr',
      progress: { written: 3, required: 6 },
      rows: [
        [2, 10, 2, 13, 'warning', 'metadata', "Status 'wip' is not an allowed value: expected one of proposed, rejected, accepted, deprecated, superseded."],
        [3, 8, 3, 20, 'warning', 'metadata', "Date is still the template's placeholder '{YYYY-MM-DD}': replace it with the real value."],
        [10, 0, 10, 19, 'error', 'missing-section', "Missing required section 'Considered Options' (expected after 'Decision Drivers')."],
        [10, 0, 10, 19, 'warning', 'empty-section', 'Section \'Decision Drivers\' is empty: write it, or say why it does not apply ("N/A: <reason>").'],
        [18, 0, 18, 82, 'warning', 'placeholder', "Template guidance left in 'Consequences': replace it with the section's content."],
      ],
    });
  });

  it('a Rust-style RFC: detected by its headings, the missing last section reported', () => {
    assert.deepEqual(findings('rfcs/0000-inline-const-patterns.md'), {
      id: 'rust-rfc',
      progress: { written: 8, required: 9 },
      rows: [[36, 0, 36, 22, 'error', 'missing-section', "Missing required section 'Future possibilities' (expected after 'Unresolved questions')."]],
    });
  });

  it('New Proposal from a plain template: title, default status and date filled, guidance kept', () => {
    const t = withExamples();
    const madr = scaffold(t.find((x) => x.id === 'madr') as TemplateSchema, { title: 'Use Bazel', date: '2024-06-01', author: 'Ana' }, []);
    assert.equal(madr.path, 'use-bazel.md');
    assert.deepEqual(madr.text.split('\n').slice(0, 8), [
      '# Use Bazel',
      '',
      '* Status: proposed',
      '* Date: 2024-06-01',
      '* Decision-makers: {the people who make this decision}',
      '',
      '## Context and Problem Statement',
      '',
    ]);
    const rfc = scaffold(t.find((x) => x.id === 'rust-rfc') as TemplateSchema, { title: 'Use Bazel', date: '2024-06-01' }, []);
    assert.deepEqual(rfc.text.split('\n').slice(0, 7), [
      '- Feature Name: {feature_name}',
      '- Start Date: 2024-06-01',
      '- RFC PR: {link to the pull request}',
      '- Tracking Issue: {link to the tracking issue}',
      '',
      '# Summary',
      '',
    ]);
  });
});

describe('Create Template from This File', () => {
  it('suggests an id from the file name (a README from its folder)', () => {
    assert.equal(suggestedTemplateId('/w/docs/ADR Template.md'), 'adr-template');
    assert.equal(suggestedTemplateId('C:\\w\\rfcs\\README.md'), 'rfcs');
    assert.equal(suggestedTemplateId('/w/0000-template.markdown'), '0000-template');
  });

  it('checks the id: its characters, and the templates already in the folder', () => {
    assert.equal(validateTemplateId('adr', ['rfc']), undefined);
    assert.equal(validateTemplateId(' ', []), 'Give the template an id, e.g. adr.');
    assert.equal(validateTemplateId('my adr', []), 'A template id has only letters, digits, ".", "_" and "-", and starts with a letter or digit.');
    assert.equal(validateTemplateId('RFC', ['rfc']), "The workspace already has a template 'RFC': choose another id.");
  });

  it('a plain document gets front matter with its id and name under proposal-kit; the rest is kept as it is', () => {
    const text = '# Design Doc: <Title>\n\n## Goals\n\nWhat it must achieve.\n\n## Design\n';
    const made = templateFromDocument(text, 'design');
    assert.deepEqual(made, { ok: true, text: `---\nproposal-kit:\n  id: design\n  name: "Design Doc"\n---\n\n${text}`, name: 'Design Doc', sections: 2 });
    const t = parseTemplate(made.ok ? made.text : '', 'design.md');
    assert.deepEqual([t.id, t.titlePattern, t.sections[0].guidance], ['design', 'Design Doc: {title}', 'What it must achieve.']);
  });

  it('settings it has in the older form move under proposal-kit: the id replaced, a name it gives kept; CRLF stays CRLF', () => {
    const text = '---\r\nid: old\r\nname: Team RFC\r\noptional: [Appendix]\r\n---\r\n# RFC\r\n\r\n## Summary\r\n\r\n## Appendix\r\n';
    const made = templateFromDocument(text, 'rfc');
    assert.deepEqual(made, {
      ok: true,
      text: '---\r\nproposal-kit:\r\n  id: rfc\r\n  name: Team RFC\r\n  optional: [Appendix]\r\n---\r\n# RFC\r\n\r\n## Summary\r\n\r\n## Appendix\r\n',
      name: 'Team RFC',
      sections: 2,
    });
  });

  it("a document's own front matter stays as it is, beside proposal-kit: its keys are the template's fields", () => {
    const text = '---\nstatus: "Draft | Review | Final"\nproposal-kit:\n  id: old\n  optional: [Appendix]\ncreated: YYYY-MM-DD\n---\n# RFC\n\n## Summary\n\n## Appendix\n';
    const made = templateFromDocument(text, 'rfc');
    assert.deepEqual(made, {
      ok: true,
      text: '---\nstatus: "Draft | Review | Final"\nproposal-kit:\n  id: rfc\n  name: "RFC"\n  optional: [Appendix]\ncreated: YYYY-MM-DD\n---\n# RFC\n\n## Summary\n\n## Appendix\n',
      name: 'RFC',
      sections: 2,
    });
    const t = parseTemplate(made.ok ? made.text : '', 'rfc.md');
    assert.deepEqual(
      t.metadata.map((f) => [f.name, f.kind, f.values.join('/'), f.source]),
      [
        ['status', 'text', 'Draft/Review/Final', 'front-matter'],
        ['created', 'date', '', 'front-matter'],
      ],
    );
  });

  it('a document that cannot be a template says why', () => {
    assert.deepEqual(templateFromDocument('Just some notes.\n', 'notes'), {
      ok: false,
      message: 'The template has no section headings: add "## Section" headings for the sections a proposal needs.',
    });
    const broken = templateFromDocument('---\nid: [\n---\n## A\n', 'x');
    assert.equal(broken.ok, false);
    assert.match(broken.ok ? '' : broken.message, /^Its front matter is not valid YAML \(line 2\): /);
  });

  it('a document nested too deep to be a template says so, without parsing it whole', () => {
    // 1,000 nested list levels: remark alone takes many seconds over them (past the test's time-out).
    const deep = Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    assert.deepEqual(templateFromDocument(`# Notes\n\n## Design\n\n${deep}\n`, 'notes'), {
      ok: false,
      message: 'Lists or quotes nest more than 100 levels deep here; a template may nest at most 100.',
    });
  });
});
