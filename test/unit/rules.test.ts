import { strict as assert } from 'node:assert';
import { RULES } from '../../server/src/core';
import { fixesFor } from '../../server/src/core/fixes';
import { applyEdits } from '../lsp/client';
import { builtinTemplates, check, show, template, tpl } from './helpers';

const RFC = tpl(
  [
    '---',
    'id: rfc',
    'name: RFC',
    'detect:',
    '  paths: ["**/rfcs/*.md"]',
    'metadata:',
    '  - name: Status',
    '    values: [Draft, Accepted, Rejected]',
    '  - name: Author',
    '    kind: people',
    '  - name: Date',
    '    kind: date',
    'aliases:',
    '  Motivation: [Why]',
    '---',
    '# RFC NNNN: Title',
    '',
    '**Status**: Draft',
    '**Author**: [Your name]',
    '**Date**: YYYY-MM-DD',
    '',
    '## Summary',
    '<!-- One paragraph: what and why. -->',
    '## Motivation',
    'Describe the problem this solves.',
    '## Design',
    '### API',
    '<!-- The interfaces. -->',
    '### Rollout',
    '<!-- How it ships. -->',
    '## Alternatives (Optional)',
    '<!-- What else was considered. -->',
    '',
  ].join('\n'),
  'rfc.md',
);

const run = (lines: string[], rule?: string) =>
  check(lines.join('\n'), RFC, { path: 'rfcs/0001-x.md' }).findings.filter((f) => !rule || f.rule === rule).map(show);

const HEAD = ['# RFC 7: Faster builds', '', '**Status**: Draft', '**Author**: Ada', '**Date**: 2026-01-02', ''];

describe('rules', () => {
  it('every rule has a stable id, a default severity and a description', () => {
    assert.deepEqual(
      RULES.map((r) => `${r.id}:${r.severity}`),
      ['missing-section:error', 'empty-section:warning', 'placeholder:warning', 'section-order:information', 'heading-level:warning', 'duplicate-section:warning', 'metadata:warning', 'template-version:information', 'too-complex:warning', 'suppression:warning', 'kep-yaml:error'],
    );
    for (const r of RULES) assert.ok(r.description.endsWith('.'));
  });

  it('a complete document has no findings and full progress', () => {
    const r = check([...HEAD, '## Summary', 'S.', '## Motivation', 'M.', '## Design', '### API', 'A.', '### Rollout', 'R.', ''].join('\n'), RFC, { path: 'rfcs/0001-x.md' });
    assert.deepEqual(r.findings.map(show), []);
    assert.deepEqual(r.progress, { written: 5, required: 5 });
  });

  describe('missing-section', () => {
    it('names the section and where it belongs, on the heading it follows', () => {
      assert.deepEqual(run([...HEAD, '## Summary', 'S.', '## Design', '### API', 'A.', '### Rollout', 'R.'], 'missing-section'), [
        "7:1-7:11 error missing-section Missing required section 'Motivation' (expected after 'Summary').",
      ]);
    });

    it('a missing parent is one finding that lists its subsections', () => {
      assert.deepEqual(run([...HEAD, '## Summary', 'S.', '## Motivation', 'M.'], 'missing-section'), [
        "9:1-9:14 error missing-section Missing required section 'Design', with its subsections 'API', 'Rollout' (expected after 'Motivation').",
      ]);
    });

    it('a subsection that counts only while its parent is missing (deeper, elsewhere) goes in with the parent', () => {
      const lines = [...HEAD, '## Summary', 'S.', '## Motivation', 'M.', '## Notes', '#### API', 'A.', ''];
      // '#### API' under 'Notes' counts as 'API' only while 'Design' is absent: the fix inserts both.
      const r = check(lines.join('\n'), RFC, { path: 'rfcs/0001-x.md' });
      assert.deepEqual(r.findings.filter((f) => f.rule === 'missing-section').map(show), [
        "9:1-9:14 error missing-section Missing required section 'Design', with its subsections 'API', 'Rollout' (expected after 'Motivation').",
      ]);
      const f = r.findings.find((x) => x.rule === 'missing-section');
      const after = applyEdits(lines.join('\n'), fixesFor(r.analysis!, f!, r.findings)[0].edits);
      assert.equal(
        after,
        [...HEAD, '## Summary', 'S.', '## Motivation', 'M.', '', '## Design', '', '### API', '', '<!-- The interfaces. -->', '', '### Rollout', '', '<!-- How it ships. -->', '', '## Notes', '#### API', 'A.', ''].join('\n'),
      );
      assert.deepEqual(run(after.split('\n'), 'missing-section'), []);
    });

    it('never right before a deeper heading that is not its own: it would take it in', () => {
      // 'Design' is a level too deep. Put right before it, 'Summary' would take it in as its own
      // subsection, and 'API' and 'Rollout' would be missing; it goes in after Design's part.
      const lines = [...HEAD, '### Design', '#### API', 'A.', '#### Rollout', 'R.', '## Alternatives', 'None.', ''];
      const r = check(lines.join('\n'), RFC, { path: 'rfcs/0001-x.md' });
      const errors = (text: string) => check(text, RFC, { path: 'rfcs/0001-x.md' }).findings.filter((x) => x.severity === 'error').map(show);
      assert.deepEqual(errors(lines.join('\n')), [
        "1:1-1:23 error missing-section Missing required section 'Summary' (expected before 'Design').",
        "1:1-1:23 error missing-section Missing required section 'Motivation' (expected before 'Design').",
      ]);
      const f = r.findings.find((x) => x.rule === 'missing-section');
      const after = applyEdits(lines.join('\n'), fixesFor(r.analysis!, f!, r.findings)[0].edits);
      assert.equal(after, [...HEAD, '### Design', '#### API', 'A.', '#### Rollout', 'R.', '', '## Summary', '', '<!-- One paragraph: what and why. -->', '', '## Alternatives', 'None.', ''].join('\n'));
      assert.deepEqual(errors(after), ["13:1-13:11 error missing-section Missing required section 'Motivation' (expected after 'Summary')."]);
    });

    it('right before deeper headings that are its own subsections, it takes them in', () => {
      const lines = [...HEAD, '### API', 'A.', '### Rollout', 'R.', ''];
      const r = check(lines.join('\n'), RFC, { path: 'rfcs/0001-x.md' });
      const f = r.findings.find((x) => x.rule === 'missing-section' && x.section === 'Design');
      assert.equal(f && show(f), "1:1-1:23 error missing-section Missing required section 'Design' (expected after the title).");
      const after = applyEdits(lines.join('\n'), fixesFor(r.analysis!, f!, r.findings)[0].edits);
      assert.equal(after, [...HEAD, '## Design', '', '### API', 'A.', '### Rollout', 'R.', ''].join('\n'));
      assert.deepEqual(run(after.split('\n'), 'missing-section'), [
        "1:1-1:23 error missing-section Missing required section 'Summary' (expected before 'Design').",
        "1:1-1:23 error missing-section Missing required section 'Motivation' (expected before 'Design').",
      ]);
    });

    it('at the start of a parent, and before the first present section', () => {
      assert.deepEqual(run([...HEAD, '## Motivation', 'M.', '## Design', '### Rollout', 'R.'], 'missing-section'), [
        "1:1-1:23 error missing-section Missing required section 'Summary' (expected before 'Motivation').",
        "9:1-9:10 error missing-section Missing required section 'API' (expected at the start of 'Design').",
      ]);
    });

    it('optional sections are never missing; aliases count as the section', () => {
      assert.deepEqual(run([...HEAD, '## Summary', 'S.', '## Why', 'M.', '## Design', '### API', 'A.', '### Rollout', 'R.'], 'missing-section'), []);
    });
  });

  describe('a part led in by a bold label above the first section', () => {
    const TLDR = tpl(
      [
        '# Design NNN: Title',
        '',
        '**Author**: _your name_ |',
        '**Status**: _Draft_',
        '',
        '**tl;dr:** _two or three sentences on why this change is worth making and who gains from it_',
        '',
        '## Motivation',
        '<!-- Why. -->',
        '## Design',
        '<!-- How. -->',
        '',
      ].join('\n'),
      'design.md',
    );
    const HEADER = ['# Design 7: Faster builds', '', '**Author**: Ada |', '**Status**: Accepted', ''];
    const findings = (lines: string[]) => check(lines.join('\n'), TLDR, { path: 'design-7.md', template: 'design' }).findings.map(show);

    it('is a part of the proposal, not a field', () => {
      assert.deepEqual(TLDR.sections.map((s) => `${s.index} ${s.name}${s.leadIn ? ' (lead-in)' : ''}`), ['0 tl;dr (lead-in)', '1 Motivation', '2 Design']);
      assert.deepEqual(TLDR.metadata.map((m) => m.name), ['Author', 'Status']);
    });

    it('is there as a line with that label, written in either form, on its own or under the fields', () => {
      assert.deepEqual(findings([...HEADER, '**tl;dr:** Cache the compiler.', '', '## Motivation', 'M.', '## Design', 'D.']), []);
      assert.deepEqual(findings([...HEADER.slice(0, -1), '**TL;DR**: Cache the compiler.', '', '## Motivation', 'M.', '## Design', 'D.']), []);
    });

    it('missing: said in the form the template asks for, and the fix puts in the template\'s line', () => {
      const lines = [...HEADER, '## Motivation', 'M.', '## Design', 'D.', ''];
      const r = check(lines.join('\n'), TLDR, { path: 'design-7.md', template: 'design' });
      assert.deepEqual(r.findings.map(show), [
        '1:1-1:26 error missing-section Missing required section \'tl;dr\' (a paragraph that starts "**tl;dr:**", under the title).',
      ]);
      const after = applyEdits(lines.join('\n'), fixesFor(r.analysis!, r.findings[0], r.findings)[0].edits);
      assert.equal(after, [...HEADER, '**tl;dr:** _two or three sentences on why this change is worth making and who gains from it_', '', '## Motivation', 'M.', '## Design', 'D.', ''].join('\n'));
      assert.deepEqual(findings(after.split('\n')).filter((f) => f.includes('missing-section')), []);
    });

    it("the template's words left after the label are guidance, not the part written", () => {
      const lines = [...HEADER.slice(0, -1), '**tl;dr:** _two or three sentences on why this change is worth', 'making and who gains from it_', '', '## Motivation', 'M.', '## Design', 'D.'];
      const r = check(lines.join('\n'), TLDR, { path: 'design-7.md', template: 'design' });
      assert.deepEqual(r.findings.map(show), ["5:1-6:30 warning placeholder Template guidance left in 'tl;dr': replace it with your own words."]);
      assert.deepEqual(r.progress, { written: 2, required: 3 });
      // No fix removes it: the label is what the template asks for.
      assert.deepEqual(fixesFor(r.analysis!, r.findings[0], r.findings), []);
    });

    it('a paragraph of fields, or a short value, is not such a part', () => {
      const t = tpl(['# T', '', '**Status:** Draft', '', '**Owner:** _the team that owns it_', '', '## Summary', 'S.', ''].join('\n'), 'fields.md');
      assert.deepEqual(t.sections.map((s) => s.name), ['Summary']);
      assert.deepEqual(t.metadata.map((m) => m.name), ['Status', 'Owner']);
    });
  });

  describe('empty-section', () => {
    it('empty, comment-only and "TODO" are not written; "N/A", with a reason or without, is an answer', () => {
      assert.deepEqual(
        run([...HEAD, '## Summary', '<!-- todo -->', '## Motivation', 'N/A', '## Design', '### API', 'N/A: no new API, the flag is internal.', '### Rollout', 'TBD']),
        [
          "7:1-7:11 warning empty-section Section 'Summary' is empty: write it, or say why it does not apply (\"N/A: <reason>\").",
          "14:1-14:12 warning empty-section Section 'Rollout' only says it is still to be written ('TBD'): write it, or say why it does not apply (\"N/A: <reason>\").",
        ],
      );
    });

    it('a note in brackets that starts with TBD is not written, however long; TBD in the middle of prose is', () => {
      const rollout = (text: string): string[] => run([...HEAD, '## Summary', 'S.', '## Motivation', 'M.', '## Design', '### API', 'A.', '### Rollout', text], 'empty-section');
      assert.deepEqual(rollout('(TBD -- will cover this in our meeting with Robin tomorrow and get an\noverview from him of the testing strategy)'), [
        "14:1-14:12 warning empty-section Section 'Rollout' only says it is still to be written ('(TBD -- will cover this in our meeting with Robin tomorro...'): write it, or say why it does not apply (\"N/A: <reason>\").",
      ]);
      assert.deepEqual(rollout('(pending)'), [
        "14:1-14:12 warning empty-section Section 'Rollout' only says it is still to be written ('(pending)'): write it, or say why it does not apply (\"N/A: <reason>\").",
      ]);
      // "Pending" alone may be an answer (a status), not a note that the text is to come.
      assert.deepEqual(rollout('Pending'), []);
      assert.deepEqual(rollout('Behind a flag (TBD which one) for two releases.'), []);
    });

    it("a heading of the author's own with nothing under it: empty before the template's next section or at the end, a label before another of the author's", () => {
      const sections = (...lines: string[]): string[] => run([...HEAD, '## Summary', 'S.', ...lines, '## Motivation', 'M.', '## Design', '### API', 'A.', '### Rollout', 'R.'], 'empty-section');
      assert.deepEqual(sections('## Benchmarks'), ["9:1-9:14 warning empty-section Section 'Benchmarks' is empty: write it, or say why it does not apply (\"N/A: <reason>\")."]);
      assert.deepEqual(sections('## Benchmarks', '## Results on x86', 'Faster.'), []);
      assert.deepEqual(run([...HEAD, '## Summary', 'S.', '## Motivation', 'M.', '## Design', '### API', 'A.', '### Rollout', 'R.', '## References'], 'empty-section'), [
        "16:1-16:14 warning empty-section Section 'References' is empty: write it, or say why it does not apply (\"N/A: <reason>\").",
      ]);
    });

    it('a parent whose subsections are written counts as written', () => {
      const r = check([...HEAD, '## Summary', 'S.', '## Motivation', 'M.', '## Design', '### API', 'A.', '### Rollout', 'R.'].join('\n'), RFC, { path: 'rfcs/1.md' });
      assert.equal(r.analysis?.present.get(2)?.state, 'written');
      assert.deepEqual(r.findings, []);
    });

    it('written prose in a subsection that is not in the template also counts', () => {
      assert.deepEqual(run([...HEAD, '## Summary', '### Background', 'Text.', '## Motivation', 'M.', '## Design', '### API', 'A.', '### Rollout', 'R.']), []);
    });
  });

  describe('placeholder', () => {
    it('the title left as the template has it', () => {
      assert.deepEqual(run(['# RFC NNNN: Title', '**Status**: Draft', '## Summary', 'S.', '## Motivation', 'M.', '## Design', '### API', 'A.', '### Rollout', 'R.']), [
        "1:3-1:18 warning placeholder The title is still the template's placeholder 'RFC NNNN: Title': write the proposal's own title.",
      ]);
    });

    it('guidance in its voice is italic; the author\'s own words in bold are theirs', () => {
      assert.deepEqual(run([...HEAD, '## Summary', '_Describe how the cache is keyed._', '## Motivation', '**Until there is demand, the decision is to leave how events are proven to applications.**', '## Design', '### API', 'A.', '### Rollout', 'R.'], 'placeholder'), [
        "8:1-8:35 warning placeholder Template guidance left in 'Summary': replace it with the section's content.",
      ]);
    });

    it('visible template guidance left in a section', () => {
      assert.deepEqual(run([...HEAD, '## Summary', 'S.', '## Motivation', 'Describe the problem this solves.', '## Design', '### API', 'A.', '### Rollout', 'R.']), [
        "10:1-10:34 warning placeholder Template guidance left in 'Motivation': replace it with the section's content.",
      ]);
    });

    it('bracketed instructions, <Insert ...>, YYYY-MM-DD, KEP-NNNN and blanks, but not links, task boxes or code', () => {
      const found = run(
        [
          ...HEAD,
          '## Summary',
          'We add [Describe the feature here] to builds.',
          'Owner: <Insert Name>. Due YYYY-MM-DD. See KEP-NNNN.',
          'We will not ______ because reasons.',
          'A [link](https://example.com), a [ref][r], `[In Code]`, and [x].',
          '- [ ] open task',
          '',
          '[r]: https://example.com',
          '## Motivation',
          'M.',
          '## Design',
          '### API',
          '```',
          '[Not A Placeholder] YYYY-MM-DD',
          '```',
          '### Rollout',
          'R.',
        ],
        'placeholder',
      );
      assert.deepEqual(found, [
        "8:8-8:35 warning placeholder Placeholder '[Describe the feature here]' left in 'Summary': replace it with your own text.",
        "9:8-9:21 warning placeholder Placeholder '<Insert Name>' left in 'Summary': replace it with your own text.",
        "9:27-9:37 warning placeholder Placeholder 'YYYY-MM-DD' left in 'Summary': replace it with a real date (YYYY-MM-DD).",
        "9:43-9:51 warning placeholder Placeholder 'KEP-NNNN' left in 'Summary': replace it with the real number in place of KEP-NNNN.",
        "10:13-10:19 warning placeholder Placeholder '______' left in 'Summary': replace it with your own words in the blank.",
      ]);
    });

    it('ellipsis-only lists count as guidance, not as writing', () => {
      const r = check([...HEAD, '## Summary', '- **Primary Goal**: ...', '- ...', '## Motivation', 'M.', '## Design', '### API', 'A.', '### Rollout', 'R.'].join('\n'), RFC, { path: 'rfcs/1.md' });
      assert.deepEqual(r.findings.map(show), [
        "8:1-9:6 warning placeholder Template guidance left in 'Summary': replace it with the section's content.",
      ]);
      assert.deepEqual(r.progress, { written: 4, required: 5 });
    });
  });

  describe('section-order, heading-level, duplicate-section', () => {
    it('out of order: the fewest sections that break the template order; of two swapped neighbours, the second', () => {
      assert.deepEqual(run([...HEAD, '## Motivation', 'M.', '## Summary', 'S.', '## Design', '### API', 'A.', '### Rollout', 'R.'], 'section-order'), [
        "9:1-9:11 information section-order Section 'Summary' is out of order: the template puts it before 'Motivation'.",
      ]);
    });

    it('out of order: a section moved far from its place is the one reported, not the neighbour it jumped', () => {
      // Alternatives moved up above Design: dropping either keeps the rest in order, but Design is where it belongs.
      assert.deepEqual(run([...HEAD, '## Summary', 'S.', '## Motivation', 'M.', '## Alternatives', 'None.', '## Design', '### API', 'A.', '### Rollout', 'R.'], 'section-order'), [
        "11:1-11:16 information section-order Section 'Alternatives' is out of order: the template puts it after 'Rollout'.",
      ]);
      // Moved to the end: named with the first section it should have come before.
      assert.deepEqual(run([...HEAD, '## Summary', 'S.', '## Design', '### API', 'A.', '### Rollout', 'R.', '## Motivation', 'M.'], 'section-order'), [
        "14:1-14:14 information section-order Section 'Motivation' is out of order: the template puts it before 'Design'.",
      ]);
    });

    it('a heading at the wrong level', () => {
      assert.deepEqual(run([...HEAD, '## Summary', 'S.', '## Motivation', 'M.', '## Design', '## API', 'A.', '### Rollout', 'R.']), [
        // '## API' closes 'Design', which is left with nothing of its own.
        "11:1-11:10 warning empty-section Section 'Design' is empty: write it, or say why it does not apply (\"N/A: <reason>\").",
        "12:1-12:7 warning heading-level Heading 'API' is level 2 (##); the template has it at level 3 (###) under 'Design'.",
      ]);
    });

    it('a section twice', () => {
      assert.deepEqual(run([...HEAD, '## Summary', 'S.', '## Motivation', 'M.', '## Why', 'More.', '## Design', '### API', 'A.', '### Rollout', 'R.']), [
        "11:1-11:7 warning duplicate-section Section 'Motivation' appears more than once (first as 'Motivation' on line 9): merge the two into one section.",
      ]);
    });

    it('headings that humans vary still match: case, numbering, colons, emphasis, optional marks', () => {
      assert.deepEqual(run([...HEAD, '## 1. summary:', 'S.', '## **Motivation**', 'M.', '## 2.1 DESIGN', '### API', 'A.', '### Rollout (optional)', 'R.', '## Alternatives:', 'None.']), []);
    });

    it('a same-named heading nested deep inside another section is just a subheading', () => {
      assert.deepEqual(run([...HEAD, '## Summary', 'S.', '#### Motivation', 'inner', '## Motivation', 'M.', '## Design', '### API', 'A.', '### Rollout', 'R.']), []);
    });
  });

  describe('metadata', () => {
    it('a status outside the allowed values, placeholders, a bad date, a missing required field', () => {
      assert.deepEqual(run(['# RFC 7: Faster builds', '', '**Status**: WIP', '**Author**: [Your name]', '**Date**: May 5th', '## Summary', 'S.', '## Motivation', 'M.', '## Design', '### API', 'A.', '### Rollout', 'R.']), [
        "3:13-3:16 warning metadata Status 'WIP' is not an allowed value: expected one of Draft, Accepted, Rejected.",
        "4:13-4:24 warning metadata Author is still the template's placeholder '[Your name]': replace it with the real value.",
        "5:11-5:18 warning metadata Date 'May 5th' is not a date: write it as YYYY-MM-DD.",
      ]);
      assert.deepEqual(run(['# RFC 7: Faster builds', '## Summary', 'S.', '## Motivation', 'M.', '## Design', '### API', 'A.', '### Rollout', 'R.']), [
        '1:1-1:23 warning metadata The Status line is missing: add "**Status**: <value>" (one of Draft, Accepted, Rejected) under the title.',
      ]);
    });

    it('emphasis around a value is not part of it; values compare without case', () => {
      assert.deepEqual(run(['# RFC 7: X', '**Status**: _accepted_ |', '**Author**: Ada', '## Summary', 'S.', '## Motivation', 'M.', '## Design', '### API', 'A.', '### Rollout', 'R.']), []);
    });

    it('a status with a note after it is that status: "Draft (Reference Implementation Available)"; a longer word is not', () => {
      const body = ['## Summary', 'S.', '## Motivation', 'M.', '## Design', '### API', 'A.', '### Rollout', 'R.'];
      assert.deepEqual(run(['# RFC 7: X', '**Status**: Draft (Reference Implementation Available)', '**Author**: Ada', ...body]), []);
      assert.deepEqual(run(['# RFC 7: X', '**Status**: Accepted - shipped in 1.2', '**Author**: Ada', ...body]), []);
      assert.deepEqual(run(['# RFC 7: X', '**Status**: Drafted', '**Author**: Ada', ...body]), [
        "2:13-2:20 warning metadata Status 'Drafted' is not an allowed value: expected one of Draft, Accepted, Rejected.",
      ]);
      // The choices left as they are: a list of values, not a value with a note.
      assert.deepEqual(run(['# RFC 7: X', '**Status**: Draft, Accepted, Rejected', '**Author**: Ada', ...body]), [
        "2:13-2:38 warning metadata Status 'Draft, Accepted, Rejected' is not an allowed value: expected one of Draft, Accepted, Rejected.",
      ]);
      assert.deepEqual(run(['# RFC 7: X', '**Status**: Draft - or Accepted', '**Author**: Ada', ...body]), [
        "2:13-2:32 warning metadata Status 'Draft - or Accepted' is not an allowed value: expected one of Draft, Accepted, Rejected.",
      ]);
    });

    it('front matter that is not valid YAML: one finding at the bad line', () => {
      assert.deepEqual(run(['---', 'title: [oops', '---', '# RFC 7: X', '**Status**: Draft', '## Summary', 'S.', '## Motivation', 'M.', '## Design', '### API', 'A.', '### Rollout', 'R.']), [
        '2:13-3:1 warning metadata Front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ]);
    });
  });

  describe('severities', () => {
    it('are configurable per rule, and off turns a rule off', () => {
      const r = check([...HEAD, '## Summary', '## Design', '### API', 'A.', '### Rollout', 'R.'].join('\n'), RFC, {
        path: 'rfcs/1.md',
        severities: { 'missing-section': 'hint', 'empty-section': 'off' },
      });
      assert.deepEqual(r.findings.map(show), ["7:1-7:11 hint missing-section Missing required section 'Motivation' (expected after 'Summary')."]);
    });
  });

  describe('not a proposal', () => {
    it('a plain README gets no findings at all', () => {
      const readme = ['# my-tool', '', 'A tool.', '', '## Installation', 'npm i', '## Usage', 'Run it.', '## Motivation', 'Why.', '## Goals', 'x', '## License', 'MIT'].join('\n');
      const r = check(readme, builtinTemplates(), { path: 'README.md' });
      assert.equal(r.detection, null);
      assert.deepEqual(r.findings, []);
      assert.equal(r.progress, null);
    });

    it('a template chosen with front matter wins over everything', () => {
      const r = check(['---', 'template: kepler', '---', '# Something', 'text'].join('\n'), builtinTemplates(), { path: 'README.md' });
      assert.equal(r.detection?.template.id, 'kepler');
      assert.equal(r.detection?.reason, 'front-matter');
      assert.equal(r.detection?.confidence, 1);
    });
  });

  it('the title pattern and the path detect a family; the headings give the confidence', () => {
    const r = check('# KLIP 42 - Something\n', builtinTemplates());
    assert.equal(r.detection?.template.id, 'klip');
    assert.equal(r.detection?.reason, 'title');
    assert.equal(template('klip').id, 'klip');
  });
});
