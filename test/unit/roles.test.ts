/**
 * Sections under other words where the template expects them, undivided sections, the version a
 * document follows, link fields and metadata in a <pre> block: each as a reader of the document
 * would judge it.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sameRole } from '../../server/src/core/roles';
import { check, CORPUS, show, template, tpl } from './helpers';

const RFC = tpl(
  [
    '# RFC: {title}',
    '',
    '**Status**: Draft',
    '',
    '## Summary',
    'One paragraph.',
    '## Motivation',
    'Why.',
    '## Design',
    'How.',
    '## Test plan',
    'How it is tested.',
    '## Problem Statement',
    'What hurts.',
    '### Current Limitations',
    'What is missing today.',
    '## Implementation History',
    'Dates.',
    '',
  ].join('\n'),
  'rfc-template.md',
);

const doc = (...lines: string[]): string => ['# RFC: Retries', '', '**Status**: Draft', '', ...lines, ''].join('\n');
const missing = (text: string): string[] => check(text, RFC).findings.filter((f) => f.rule === 'missing-section').map(show);

describe('sections under other words', () => {
  it('sameRole: shared words, or the same part of a proposal; not a word in common alone', () => {
    const spec = (title: string) => RFC.sections.find((s) => s.title === title)!;
    assert.equal(sameRole(spec('Test plan'), 'testing'), true);
    assert.equal(sameRole(spec('Design'), 'approach'), true);
    assert.equal(sameRole(spec('Design'), 'proposal: eager state sync'), true);
    assert.equal(sameRole(spec('Motivation'), 'background'), true);
    assert.equal(sameRole(spec('Implementation History'), 'implementation'), false);
    assert.equal(sameRole(spec('Test plan'), 'rollout'), false);
  });

  it('a one-word title qualified by a word or two of the author\'s: "Draft implementation", "Appendix 1: Registrar implementation"', () => {
    const t = tpl(['# EIP', '', '## Specification', 'What.', '## Implementation', 'Code.', ''].join('\n'), 'eip.md');
    const impl = t.sections.find((x) => x.title === 'Implementation')!;
    assert.equal(sameRole(impl, 'draft implementation'), true);
    assert.equal(sameRole(impl, 'appendix 1: registrar implementation'), true);
    // The last word says what the section is: these are examples, and a history.
    assert.equal(sameRole(impl, 'relevant implementation examples'), false);
    assert.equal(sameRole(impl, 'implementation history'), false);
  });

  it('a design heading with nothing under it, followed at its level by the author\'s own headings, is written in them', () => {
    const t = tpl(['# EIP', '', '## Motivation', 'Why.', '## Specification', 'What.', '## Rationale', 'Because.', ''].join('\n'), 'eip.md');
    const findings = (text: string) => check(text, t, { path: 'eip-20.md', template: 'eip' }).findings.map(show);
    const lines = ['# EIP 20: Token', '', '## Motivation', 'M.', '## Specification', '', '## Token', '### Methods', 'transfer.', '## Events', 'Transfer.', '## Rationale', 'R.', ''];
    assert.deepEqual(findings(lines.join('\n')), []);
    // Without them, it is empty; a section of the template next is not one of its parts.
    assert.deepEqual(findings(['# EIP 20: Token', '', '## Motivation', 'M.', '## Specification', '', '## Rationale', 'R.', ''].join('\n')), [
      "5:1-5:17 warning empty-section Section 'Specification' is empty: write it, or say why it does not apply (\"N/A: <reason>\").",
    ]);
    // Nor is a heading of its own under a section that is not the design.
    assert.deepEqual(findings(['# EIP 20: Token', '', '## Motivation', '', '## Users', 'Wallets.', '## Specification', 'S.', '## Rationale', 'R.', ''].join('\n')), [
      "3:1-3:14 warning empty-section Section 'Motivation' is empty: write it, or say why it does not apply (\"N/A: <reason>\").",
    ]);
  });

  it('a heading where the template expects the section stands for it: "### Testing" under Design, "## Approach"', () => {
    const text = doc('## Summary', 'S.', '## Motivation', 'M.', '## Approach', 'A.', '### Testing', 'Unit tests.', '## Problem Statement', 'P.', '### Current Limitations', 'L.', '## Implementation History', 'H.');
    assert.deepEqual(missing(text), []);
    const r = check(text, RFC);
    assert.equal(r.progress?.written, r.progress?.required);
    // Found elsewhere, so neither out of order nor at a wrong level.
    assert.deepEqual(r.findings.map(show), []);
  });

  it('words in common count only between the sections around it: a "History" heading before the Motivation is not the Implementation History', () => {
    const text = doc('## Summary', 'S.', '## History', 'T.', '## Motivation', 'M.', '## Design', 'D.', '## Test plan', 'T.', '## Problem Statement', 'P.', '### Current Limitations', 'L.');
    assert.deepEqual(missing(text), ["15:1-15:21 error missing-section Missing required section 'Implementation History' (expected after 'Problem Statement')."]);
  });

  it('a heading that names the part outright stands for it anywhere: "## Approach" above the Test plan, "## Appendix A. Alternative proposals"', () => {
    const early = doc('## Summary', 'S.', '## Approach', 'A.', '## Motivation', 'M.', '## Test plan', 'T.', '## Problem Statement', 'P.', '### Current Limitations', 'L.', '## Implementation History', 'H.');
    assert.deepEqual(missing(early), []);
    const ALT = tpl(['# Title', '', '## Context', 'C.', '## Alternative Approaches', 'Others.', '## Decision', 'D.', ''].join('\n'), 'adr-template.md');
    const adr = ['# ADR 58: Hashing', '', '## Context', 'C.', '## Decision', 'D.', '## Appendix A. Alternative proposals', 'Two others.', ''].join('\n');
    assert.deepEqual(check(adr, ALT).findings.filter((f) => f.rule === 'missing-section').map(show), []);
  });

  it("the design under the author's own headings: the first section after the one before it stands for it, unless another part has its place", () => {
    const own = doc('## Summary', 'S.', '## Motivation', 'M.', '## Ledger Entry', 'Fields.', '## Transaction', 'Flags.', '## Test plan', 'T.', '## Problem Statement', 'P.', '### Current Limitations', 'L.', '## Implementation History', 'H.');
    assert.deepEqual(missing(own), []);
    // Placed by the document's own heading.
    const noTests = doc('## Summary', 'S.', '## Motivation', 'M.', '## Ledger Entry', 'Fields.', '## Problem Statement', 'P.', '### Current Limitations', 'L.', '## Implementation History', 'H.');
    assert.deepEqual(missing(noTests), ["9:1-9:16 error missing-section Missing required section 'Test plan' (expected after 'Ledger Entry')."]);
    // A heading naming another part is that part; an empty heading is no design; nor is one after the Test plan.
    for (const text of [
      doc('## Summary', 'S.', '## Motivation', 'M.', '## Security', 'Keys.', '## Test plan', 'T.', '## Problem Statement', 'P.', '### Current Limitations', 'L.', '## Implementation History', 'H.'),
      doc('## Summary', 'S.', '## Motivation', 'M.', '## Ledger Entry', '## Test plan', 'T.', '## Problem Statement', 'P.', '### Current Limitations', 'L.', '## Implementation History', 'H.'),
    ]) {
      assert.deepEqual(missing(text).map((f) => f.split(' error ')[1]), ["missing-section Missing required section 'Design' (expected after 'Motivation')."]);
    }
  });

  it('one body for two: "## Design" is the Proposal and the Design Details beside it; "## Proposal" under its own title is not', () => {
    const KEPISH = tpl(['# Title', '', '## Summary', 'S.', '## Proposal', 'P.', '### Risks and Mitigations', 'R.', '## Design Details', 'D.', '## History', 'H.', ''].join('\n'), 'kepish.md');
    const text = (...lines: string[]): string => ['# Ingress', '', '## Summary', 'Ingress goes GA.', ...lines, '## History', '2019: beta.', ''].join('\n');
    const one = check(text('## Design', 'How it works.', '### Risks and Mitigations', 'Few.'), KEPISH);
    assert.deepEqual(one.findings.map(show), []);
    assert.equal(one.progress?.written, one.progress?.required);
    const own = check(text('## Proposal', 'How it works.', '### Risks and Mitigations', 'Few.'), KEPISH);
    assert.deepEqual(own.findings.map(show), ["5:1-5:12 error missing-section Missing required section 'Design Details' (expected after 'Proposal')."]);
  });

  it('a part written inside another: its subsections under one heading hold it (Goals and Non-Goals under the Summary)', () => {
    const GOALS = tpl(['# Title', '', '## Summary', 'S.', '## Motivation', 'M.', '### Goals', 'G.', '### Non-Goals', 'N.', '## Design', 'D.', ''].join('\n'), 'goals.md');
    const text = (...lines: string[]): string => ['# Retries', '', '## Summary', 'Jobs retry.', ...lines, '## Design', 'A budget.', ''].join('\n');
    assert.deepEqual(check(text('### Goals', 'Fewer pages.', '### Non-Goals', 'No new API.'), GOALS).findings.map(show), []);
    // One of them alone is not enough to tell.
    assert.deepEqual(check(text('### Goals', 'Fewer pages.'), GOALS).findings.filter((f) => f.rule === 'missing-section').map(show), [
      "3:1-3:11 error missing-section Missing required section 'Motivation', with its subsection 'Non-Goals' (expected after 'Summary').",
    ]);
  });

  it('a question that asks why is the motivation, one that asks why not is the rationale', () => {
    const spec = (title: string) => RFC.sections.find((s) => s.title === title)!;
    assert.equal(sameRole(spec('Motivation'), 'why do we need a cve process?'), true);
    assert.equal(sameRole(spec('Motivation'), 'why not bech32?'), false);
    const WHY = tpl(['# Title', '', '## Abstract', 'A.', '## Background', 'B.', '## Proposal', 'P.', '## Rationale', 'R.', ''].join('\n'), 'why.md');
    const text = ['# CVE Process', '', '## Abstract', 'A process.', '## Proposal', 'Disclose privately.', '## Why do we need a CVE Process?', 'Users depend on it.', '## Why not a public tracker?', 'Exploits.', ''].join('\n');
    assert.deepEqual(check(text, WHY).findings.filter((f) => f.rule === 'missing-section').map(show), []);
  });

  it('a section divided by bold lead-in lines of its own is not told the template\'s subsections are missing', () => {
    const text = (...body: string[]): string[] => missing(doc('## Summary', 'S.', '## Motivation', 'M.', '## Design', 'D.', '## Test plan', 'T.', '## Problem Statement', ...body, '## Implementation History', 'H.'));
    assert.deepEqual(text('**Today:**', '', 'Nothing retries.', '', '**Limits:**', '', '- No budget.'), []);
    // One lead-in, or bold questions, are not a division of its own.
    assert.deepEqual(text('**Today:**', '', 'Nothing retries.'), ["Missing required section 'Current Limitations' (expected at the start of 'Problem Statement')."].map((m) => `13:1-13:21 error missing-section ${m}`));
  });

  it('a section written as one undivided text under its own heading is not told its subsections are missing', () => {
    const flat = doc('## Summary', 'S.', '## Motivation', 'M.', '## Design', 'D.', '## Test plan', 'T.', '## Problem', 'Today nothing retries.', '## Implementation History', 'H.');
    assert.deepEqual(missing(flat), []);
    // Under the template's own title the subsection is still asked for.
    const same = doc('## Summary', 'S.', '## Motivation', 'M.', '## Design', 'D.', '## Test plan', 'T.', '## Problem Statement', 'Today nothing retries.', '## Implementation History', 'H.');
    assert.deepEqual(missing(same), ["13:1-13:21 error missing-section Missing required section 'Current Limitations' (expected at the start of 'Problem Statement')."]);
  });
});

describe('a document older than every version of its template', () => {
  it('is held to the oldest version known, the nearest to what it was written with', () => {
    const t = tpl(
      [
        '---',
        'proposal-kit:',
        '  versions:',
        '    - version: "2018"',
        '      date: "2018-11-15"',
        '      outline: |',
        '        ## Changelog',
        '        ## Context',
        '        ## Decision',
        '---',
        '# ADR {n}: {title}',
        '',
        '## Changelog',
        '- {date}: {changelog}',
        '## Context',
        '> The forces at play.',
        '## Alternative Approaches',
        '> What else was considered.',
        '## Decision',
        '> What was decided.',
        '',
      ].join('\n'),
      'adr.md',
    );
    // Its changelog dates it August 2018, three months before the template's first version.
    const text = ['# ADR 16: Protocol versions', '', '## Changelog', '- 03-08-2018: first draft', '## Context', 'C.', '## Decision', 'D.', ''].join('\n');
    const r = check(text, t, { path: 'adr-016.md', template: 'adr' });
    assert.equal(r.detection?.version.version, '2018');
    assert.deepEqual(r.findings.map(show), [
      "1:1-1:28 information template-version Written with an older ADR template (2018): the current template adds 'Alternative Approaches'. Add it to follow the current template.",
    ]);
  });
});

describe('the version a 2019 KLIP follows', () => {
  const file = path.join(CORPUS, 'trees', 'ksql', 'design-proposals', 'klip-10-suppress.md');
  const text = fs.readFileSync(file, 'utf8');

  it('its Performance Implications tells the 2019 template; the note names what the current one added', () => {
    const r = check(text, template('klip'), { path: 'design-proposals/klip-10-suppress.md' });
    assert.equal(r.detection?.version.version, '2019-05-28');
    assert.deepEqual(r.findings.filter((f) => f.rule === 'template-version' || f.rule === 'metadata').map(show), [
      "1:1-1:33 information template-version Written with an older KLIP template (2019-05-28): the current template adds 'LOEs and Delivery Milestones'. Add it to follow the current template.",
      "6:17-6:51 warning metadata Discussion is still the template's placeholder '_link to the design discussion PR_': replace it with the real value.",
    ]);
  });
});

describe('link fields', () => {
  const klip = (discussion: string): string[] =>
    check(['# KLIP 9 - Pause', '', '**Author**: Ada |', '**Release Target**: 0.30 |', '**Status**: In Discussion |', `**Discussion**: ${discussion}`, '', '## Motivation and background', 'M.', ''].join('\n'), template('klip'))
      .findings.filter((f) => f.rule === 'metadata')
      .map((f) => f.message);

  it('a value with no address, link or reference is not a link', () => {
    assert.deepEqual(klip('link'), ["Discussion 'link' is not a link: give the address (https://...) or a [text](address) link."]);
  });

  it('an address, a markdown link, a reference link or a pull request number is', () => {
    for (const ok of ['https://github.com/confluentinc/ksql/pull/8550', '[GitHub PR](https://github.com/confluentinc/ksql/pull/8550)', '[#3117][pr]', '#3117', 'confluentinc/ksql#3117']) {
      assert.deepEqual(klip(ok), [], ok);
    }
  });
});

describe('metadata in a <pre> block (XRPL XLS)', () => {
  const XLS = tpl(
    [
      '<pre>',
      '  xls: [XLS number]',
      '  title: [The title is a few words]',
      '  status: [Draft | Final | Living]',
      '  created: YYYY-MM-DD',
      '</pre>',
      '',
      '# [Title]',
      '',
      '## 1. Abstract',
      '_[What it is.]_',
      '## 2. Specification',
      '_[How it works.]_',
      '## 3. Security Considerations',
      '_[What could go wrong.]_',
      '',
    ].join('\n'),
    'XLS_TEMPLATE.md',
  );

  it('the template reads its keys as the documents\' fields, and keeps the block in a new proposal\'s body', () => {
    assert.deepEqual(
      XLS.metadata.map((f) => [f.name, f.kind, f.values]),
      [
        ['xls', 'text', []],
        ['title', 'text', []],
        ['status', 'text', ['Draft', 'Final', 'Living']],
        ['created', 'date', []],
      ],
    );
    assert.equal(XLS.frontMatter, null);
    assert.ok(XLS.body.startsWith('<pre>\n  xls: [XLS number]\n'));
  });

  it('a field the template calls optional is not asked of a document that would follow it by its fields', () => {
    const WITH_OPTIONAL = tpl(
      ['<pre>', '  xls: [XLS number]', '  title: [The title]', '  implementation: [optional - link to the PR]', '  author: [Authors]', '  requires: [optional - XLS number(s) this depends on]', '  status: [Draft | Final]', '  created: YYYY-MM-DD', '</pre>', '', '# [Title]', '', '## 1. Abstract', '_[What.]_', '## 2. Specification', '_[How.]_', '## 3. Security Considerations', '_[Risks.]_', ''].join('\n'),
      'XLS_TEMPLATE.md',
    );
    // Every field but the optional ones (5 of 7 fields in all), and one section of the template's, in XLS-0012-...: its document.
    const text = ['<pre>', '  xls: 12', '  title: Secret Numbers', '  author: Wietse Wind', '  status: Final', '  created: 2020-05-13', '</pre>', '', '# XLS-12: Secret Numbers', '', '##### Abstract', 'Keys.', '## Background', 'B.', '## Encoding', 'E.', ''].join('\n');
    assert.equal(check(text, WITH_OPTIONAL, { path: 'XLS-0012-secret-numbers/README.md' }).detection?.template.id, 'XLS_TEMPLATE');
  });

  it('a document\'s block gives its status and dates; a value that is not allowed is reported at its place', () => {
    const text = ['<pre>', '  xls: 5', '  title: Tagged Addresses', '  status: Finished', '  created: 2019-06-04', '</pre>', '', '# Abstract', 'A.', '# Specification', 'S.', '# Security Considerations', 'None.', ''].join('\n');
    const r = check(text, XLS, { path: 'XLS-0005-tagged-addresses/README.md' });
    assert.equal(r.detection?.template.id, 'XLS_TEMPLATE');
    assert.deepEqual(r.findings.filter((f) => f.rule === 'metadata').map(show), [
      "4:11-4:19 warning metadata status 'Finished' is not an allowed value: expected one of Draft, Final, Living.",
    ]);
  });
});

describe('the author\'s own text and the template\'s notes on writing', () => {
  const SAMPLE = tpl(['# Title', '', '## Abstract', 'What it is.', '## Motivation', 'Why.', '## Rationale', 'Why this way.', '## Markdown Formatting Requirements', 'How to write it.', ''].join('\n'), 'eep-sample.md');
  const doc = (abstract: string): string =>
    ['# EEP 99: Retries', '', '## Abstract', abstract, '', '[why]: https://example.org/why', '## Motivation', 'M.', '## Rationale', 'R.', ''].join('\n');

  it('a section on how to format the document is not one a proposal must have', () => {
    assert.equal(SAMPLE.sections.find((s) => s.title === 'Markdown Formatting Requirements')?.optional, true);
    assert.deepEqual(check(doc('A.'), SAMPLE).findings.map(show), []);
  });

  it('"[Some words] [ref]" with the reference defined is a link, not a placeholder; without the reference it is one, under a template that writes placeholders in brackets', () => {
    const BRACKETS = tpl(['# Title', '', '## Abstract', '[Say what it is in a few words.]', '## Motivation', 'Why.', '## Rationale', 'Why this way.', ''].join('\n'), 'eep-sample.md');
    assert.equal(BRACKETS.bracketPlaceholders, true);
    assert.deepEqual(check(doc('For example: [Why no retry macro] [why].'), BRACKETS).findings.map(show), []);
    assert.deepEqual(check(doc('For example: [Why no retry macro].'), BRACKETS).findings.map(show), [
      "4:14-4:34 warning placeholder Placeholder '[Why no retry macro]' left in 'Abstract': replace it with your own text.",
    ]);
  });

  it("under a template with no placeholder in brackets, the author's bracketed words are their own; a bracketed TODO or instruction is still unfinished", () => {
    assert.equal(SAMPLE.bracketPlaceholders, false);
    assert.deepEqual(check(doc("See [Petros' proposal here]."), SAMPLE).findings.map(show), []);
    assert.deepEqual(check(doc('Retries cost [TODO: measure the latency].'), SAMPLE).findings.map(show), [
      "4:14-4:41 warning placeholder Placeholder '[TODO: measure the latency]' left in 'Abstract': replace it with your own text.",
    ]);
    assert.deepEqual(check(doc('Retries need a limit: [Describe the limit from the review.]'), SAMPLE).findings.map(show), [
      "4:23-4:60 warning placeholder Placeholder '[Describe the limit from the review.]' left in 'Abstract': replace it with your own text.",
    ]);
    assert.deepEqual(check(doc('[No changes to this step]'), SAMPLE).findings.map(show), []);
  });
});

describe('fields above the title (Erlang EEPs)', () => {
  const EEP = tpl(
    ['    Author: A N Author <a(at)example(dot)org>', '    Status: Draft', '    Type: Standards Track', '    Created: 31-Mar-2010', '    Post-History:', '****', 'EEP 33: Sample', '----', '', 'Abstract', '========', '', 'What it is.', '', 'Rationale', '=========', '', 'Why.', '', 'Copyright', '=========', '', 'Public domain.', ''].join('\n'),
    'eep-0033.md',
  );

  it('a document with nearly all the fields above its title and two sections in common follows the template', () => {
    const doc = ['    Author: Per Gustafsson', '    Status: Final', '    Type: Standards Track', '    Created: 10-Aug-2007', '    Post-History:', '****', 'EEP 4: New BIFs', '----', '', 'Abstract', '========', '', 'Bit strings.', '', 'Specifications', '==============', '', 'BIFs.', '', 'Rationale', '=========', '', 'Symmetry.', ''].join('\n');
    const r = check(doc, EEP, { path: 'eeps/eep-0004.md' });
    assert.equal(r.detection?.template.id, 'eep-0033');
    assert.deepEqual(r.findings.filter((f) => f.rule === 'missing-section').map(show), ["20:1-21:10 error missing-section Missing required section 'Copyright' (expected after 'Rationale')."]);
    // Two sections in common and no fields: not enough to tell.
    assert.equal(check(doc.split('\n').slice(6).join('\n'), EEP, { path: 'eeps/eep-0004.md' }).detection, null);
  });
});

describe("what the template's guidance says a kind of proposal need not have (Chia CHIPs)", () => {
  const CHIP = tpl(
    [
      'CHIP Number   | < Creator must leave this blank. Editor will assign a number.>',
      ':-------------|:----',
      'Title         | <Short title>',
      'Category      | Standards Track \\| Process \\| Informational',
      'Status        | Draft',
      '',
      '## Abstract',
      'What it does.',
      '## Specification',
      'How.',
      '## Test Cases',
      '  * Most Standards Track proposals will require a suite of test cases.',
      '  * Informational proposals typically will not require test cases.',
      '## Security',
      'This section is mandatory for all CHIPs.',
      '',
    ].join('\n'),
    'chip-template.md',
  );
  const doc = (category: string): string =>
    ['CHIP Number   | 0033', ':-------------|:----', 'Title         | Partial headers', `Category      | ${category}`, 'Status        | Final', '', '## Abstract', 'Headers.', '## Specification', 'Fields.', '## Security', 'None.', ''].join('\n');

  it('the rows of a table without outer bars are the fields; escaped bars separate the values', () => {
    assert.deepEqual(CHIP.metadata.find((f) => f.name === 'Category')?.values, ['Standards Track', 'Process', 'Informational']);
  });

  it('an Informational CHIP is not asked for Test Cases; a Standards Track one is', () => {
    assert.deepEqual(check(doc('Informational'), CHIP, { path: 'CHIPs/chip-0033.md' }).findings.map(show), []);
    assert.deepEqual(check(doc('Standards Track'), CHIP, { path: 'CHIPs/chip-0033.md' }).findings.filter((f) => f.rule === 'missing-section').map(show), [
      "9:1-9:17 error missing-section Missing required section 'Test Cases' (expected after 'Specification').",
    ]);
  });
});

describe('fields in a two-column table (TensorFlow RFCs)', () => {
  const TF = tpl(
    [
      '# Title of RFC',
      '',
      '| Status        | (Proposed / Accepted / Implemented / Obsolete)       |',
      ':-------------- |:---------------------------------------------------- |',
      '| **Author(s)** | My Name (me@example.org)                             |',
      '| **Sponsor**   | A N Expert (whomever@example.org)                    |',
      '| **Updated**   | YYYY-MM-DD                                           |',
      '',
      '## Objective',
      'What it does.',
      '## Motivation',
      'Why.',
      '## User Benefit',
      'Who gains.',
      '## Design Proposal',
      'How.',
      '',
    ].join('\n'),
    'yyyymmdd-rfc-template.md',
  );

  it('the rows are the template\'s fields; choices between slashes in brackets are its status values', () => {
    assert.deepEqual(
      TF.metadata.map((f) => [f.name, f.kind, f.values]),
      [
        ['Status', 'text', ['Proposed', 'Accepted', 'Implemented', 'Obsolete']],
        ['Author(s)', 'people', []],
        ['Sponsor', 'text', []],
        ['Updated', 'date', []],
      ],
    );
  });

  it('a document with the same table and three of the sections follows the template; its rows are checked', () => {
    const text = [
      '# Project versioning',
      '',
      '| Status        | Done       |',
      ':-------------- |:---------------------------------------------------- |',
      '| **Author(s)** | Ada (ada@example.org) |',
      '| **Sponsor**   | Grace (grace@example.org) |',
      '| **Updated**   | 2019-08-16 |',
      '',
      '## Objective',
      'O.',
      '## Motivation',
      'M.',
      '## User Benefit',
      'U.',
      '## Versioning Policy',
      'P.',
      '',
    ].join('\n');
    const r = check(text, TF, { path: 'rfcs/20190816-tf-project-versioning.md' });
    assert.equal(r.detection?.template.id, 'yyyymmdd-rfc-template');
    assert.deepEqual(r.findings.filter((f) => f.rule === 'metadata').map(show), [
      "3:19-3:23 warning metadata Status 'Done' is not an allowed value: expected one of Proposed, Accepted, Implemented, Obsolete.",
    ]);
  });

  it('named for its day as the template file names its documents (yyyymmdd-rfc-template.md), fewer sections in common tell', () => {
    const rows = (n: number): string[] => ['| Status        | Accepted |', ':-------------- |:---- |', '| **Author(s)** | Ada |', '| **Sponsor**   | Grace |', '| **Updated**   | 2019-08-16 |'].slice(0, n);
    const text = (fields: number, ...sections: string[]): string => ['# Project versioning', '', ...rows(fields), '', ...sections.flatMap((h) => [`## ${h}`, 'Text.']), ''].join('\n');
    const id = (t: string, p: string): string | undefined => check(t, TF, { path: p }).detection?.template.id;
    // Three of the four fields and two sections: named so, it follows the template; named otherwise, not.
    const two = text(4, 'Objective', 'Motivation', 'Versioning Policy');
    assert.equal(id(two, 'rfcs/20190816-tf-project-versioning.md'), 'yyyymmdd-rfc-template');
    assert.equal(id(two, 'rfcs/tf-project-versioning.md'), undefined);
    // All four fields and one section: named so, it follows the template; named otherwise, not.
    const one = text(5, 'Objective', 'Versioning Policy', 'Review Feedback');
    assert.equal(id(one, 'rfcs/20190816-tf-project-versioning.md'), 'yyyymmdd-rfc-template');
    assert.equal(id(one, 'rfcs/tf-project-versioning.md'), undefined);
  });
});

describe("named as the template's file names its documents (Cilium's CFP-003-template.md)", () => {
  const CFP = tpl(['# CFP-003: Template', '', '**Status:** Implementable, Released', '', '## Summary', 'S.', '## Motivation', 'M.', '## Goals', 'G.', '## Non-Goals', 'N.', '## Proposal', 'P.', '## Impacts / Key Questions', 'I.', '## Rollout', 'R.', '## Future Milestones', 'F.', ''].join('\n'), 'CFP-003-template.md');
  const text = ['# Cilium Feature Proposal: Configuration Profiles', '', '## Author(s)', 'Dorde', '## Status', 'Implementable', '## Abstract', 'Profiles.', '## Motivation', 'Flags.', '## Goals', 'Fewer.', '## Non-Goals', 'None.', '## Example Profile', 'YAML.', ''].join('\n');

  it('CFP-<n>-... with sections in common follows it, its fields written as headings; named otherwise, not', () => {
    const r = check(text, CFP, { path: 'cilium/CFP-36975-configuration-profiles.md' });
    assert.equal(r.detection?.template.id, 'CFP-003-template');
    // "## Abstract" is its Summary; "## Example Profile" where the Proposal goes is its proposal.
    assert.deepEqual(r.findings.filter((f) => f.rule === 'missing-section').map(show), [
      "15:1-15:19 error missing-section Missing required section 'Impacts / Key Questions' (expected after 'Example Profile').",
      "15:1-15:19 error missing-section Missing required section 'Rollout' (expected after 'Example Profile').",
      "15:1-15:19 error missing-section Missing required section 'Future Milestones' (expected after 'Example Profile').",
    ]);
    assert.equal(check(text, CFP, { path: 'notes/configuration-profiles.md' }).detection, null);
  });
});

describe('an overview in the opening text; a combined heading with words of its own', () => {
  const CFP = tpl(
    ['# CFP: {title}', '', '## Summary', 'One line.', '## Motivation', 'Why.', '## Proposal', '### Overview', 'The idea in brief.', '### Details', 'The rest.', '## Detailed Explanation', 'How.', ''].join('\n'),
    'cfp-template.md',
  );
  const doc = (...lines: string[]): string => ['# CFP: Retries', '', '## Summary', 'S.', '## Motivation', 'M.', ...lines, ''].join('\n');
  const missing = (text: string): string[] => check(text, CFP).findings.filter((f) => f.rule === 'missing-section').map((f) => f.message);

  it('a first "Overview" subsection is what the parent\'s opening paragraphs are', () => {
    assert.deepEqual(missing(doc('## Proposal', 'Three steps, in brief.', '### Details', 'D.', '## Detailed Explanation', 'E.')), []);
    assert.deepEqual(missing(doc('## Proposal', '### Details', 'D.', '## Detailed Explanation', 'E.')), ["Missing required section 'Overview' (expected at the start of 'Proposal')."]);
  });

  it('a first "High-Level Architecture" subsection is a diagram the parent opens with, not its prose', () => {
    const EP = tpl(['# EP-XXX: [Title]', '', '## Summary', 'S.', '## Proposed Solution', 'P.', '### High-Level Architecture', 'A diagram.', '## Testing', 'T.', ''].join('\n'), 'EP-TEMPLATE.md');
    const ep = (...lines: string[]): string[] => check(['# EP-002: MSR fallback', '', '## Summary', 'Fallback.', '## Proposed Solution', ...lines, '## Testing', 'Unit tests.', ''].join('\n'), EP).findings.filter((f) => f.rule === 'missing-section').map((f) => f.message);
    assert.deepEqual(ep('```mermaid', 'graph TB', '  A --> B', '```'), []);
    assert.deepEqual(ep('![The readers](arch.png)'), []);
    assert.deepEqual(ep('We read MSRs when powercap is missing.'), ["Missing required section 'High-Level Architecture' (expected at the start of 'Proposed Solution')."]);
    assert.deepEqual(ep('```go', 'type reader interface{}', '```'), ["Missing required section 'High-Level Architecture' (expected at the start of 'Proposed Solution')."]);
  });

  it('"Detailed Explanation and Rationale" is the Detailed Explanation', () => {
    assert.deepEqual(missing(doc('## Proposal', 'P.', '### Details', 'D.', '## Detailed Explanation and Rationale', 'E.')), []);
  });
});

describe('fields under a setext "Title" and dates as people write them (gRPC proposals)', () => {
  const GRFC = tpl(
    ['Title', '----', '* Author(s): [Author Name]', '* Implemented in: <language, ...>', '* Last updated: [YYYY-MM-DD]', '', '## Abstract', '[A short summary.]', '## Background', 'B.', '## Proposal', 'P.', '## Rationale', 'R.', ''].join('\n'),
    'GRFC-TEMPLATE.md',
  );
  const doc = (updated: string, implemented = 'C-core'): string =>
    ['A99: Retries', '----', '* Author(s): Ada', `* Implemented in: ${implemented}`, `* Last updated: ${updated}`, '', '## Abstract', 'A.', '## Background', 'B.', '## Proposal', 'P.', '## Rationale', 'R.', ''].join('\n');
  const metadata = (text: string): string[] => check(text, GRFC).findings.filter((f) => f.rule === 'metadata').map((f) => f.message);

  it('the list under the title is the template\'s fields; a value left as the template\'s is reported', () => {
    assert.deepEqual(GRFC.metadata.map((f) => [f.name, f.kind]), [['Author(s)', 'people'], ['Implemented in', 'text'], ['Last updated', 'date']]);
    // An earlier gRFC template's status line: the values in braces, between commas.
    const older = tpl(['Title', '----', '* Author(s): [Author Name]', '* Status: {Draft, In Review, Ready for Implementation, Implemented}', '', '## Abstract', 'A.', ''].join('\n'), 'GRFC-TEMPLATE.md');
    assert.deepEqual(older.metadata.find((f) => f.name === 'Status')?.values, ['Draft', 'In Review', 'Ready for Implementation', 'Implemented']);
    assert.deepEqual(metadata(doc('2023-05-03', '<language, ...>')), ["Implemented in is still the template's placeholder '<language, ...>': replace it with the real value."]);
  });

  it('a date written another way is a date; a YYYY-MM-DD that is no real date, or words, are not', () => {
    for (const ok of ['2023-05-03', '2018-8-22', '2017/01/13', '3/29/17', 'May 19, 2022', '16 Dec 2024', '16-Dec-2024']) assert.deepEqual(metadata(doc(ok)), [], ok);
    assert.deepEqual(metadata(doc('2023-31-07')), ["Last updated '2023-31-07' is not a real date: write it as YYYY-MM-DD (month 31, day 07)."]);
    assert.deepEqual(metadata(doc('last spring')), ["Last updated 'last spring' is not a date: write it as YYYY-MM-DD."]);
  });
});
