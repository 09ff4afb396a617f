import { strict as assert } from 'node:assert';
import { check, show, tpl } from './helpers';

const RFC = tpl(
  ['---', 'id: rfc', 'name: RFC', 'detect:', '  paths: ["**/rfcs/*.md"]', '---', '# RFC NNNN: Title', '', '## Summary', '<!-- One paragraph. -->', '## Motivation', '<!-- Why. -->', '## Design', '<!-- How. -->', '## Risks', '<!-- What could go wrong. -->', ''].join('\n'),
  'rfc.md',
);

const run = (lines: string[]) => check(lines.join('\n'), RFC, { path: 'rfcs/0001-x.md' }).findings.map(show);
const empty = (line: number, name: string) =>
  `${line}:1-${line}:${name.length + 4} warning empty-section Section '${name}' is empty: write it, or say why it does not apply ("N/A: <reason>").`;
const RULE_LIST = 'missing-section, empty-section, placeholder, section-order, heading-level, duplicate-section, metadata, template-version, too-complex, suppression, kep-yaml';

describe('suppression comments', () => {
  it('without comments, every empty section is reported (the baseline the cases below turn off)', () => {
    assert.deepEqual(run(['# RFC 1: Builds', '## Summary', '## Motivation', '## Design', '## Risks']), [empty(2, 'Summary'), empty(3, 'Motivation'), empty(4, 'Design'), empty(5, 'Risks')]);
  });

  it('disable-next-line turns off the named rule on the next line only: a section finding is on its heading', () => {
    assert.deepEqual(run(['# RFC 1: Builds', '## Summary', '<!-- proposal-kit-disable-next-line empty-section -->', '## Motivation', '## Design', '## Risks']), [
      empty(2, 'Summary'),
      empty(5, 'Design'),
      empty(6, 'Risks'),
    ]);
  });

  it('disable-next-line with another rule named leaves the finding; with no rule, every rule is off on that line', () => {
    assert.deepEqual(run(['# RFC 1: Builds', '<!-- proposal-kit-disable-next-line placeholder, section-order -->', '## Summary', '<!-- proposal-kit-disable-next-line -->', '## Motivation', '## Design']), [
      empty(3, 'Summary'),
      "6:1-6:10 error missing-section Missing required section 'Risks' (expected after 'Design').",
      empty(6, 'Design'),
    ]);
    // A missing section is reported on the heading it belongs after: the comment above that heading turns it off.
    assert.deepEqual(run(['# RFC 1: Builds', '## Summary', 'S.', '## Motivation', 'M.', '<!-- proposal-kit-disable-next-line missing-section -->', '## Design', 'D.']), []);
  });

  it('disable-line turns off findings that start on the comment\'s own line', () => {
    assert.deepEqual(run(['# RFC 1: Builds', '## Summary', 'S. <!-- proposal-kit-disable-line empty-section -->', '## Motivation', 'M.', '## Design', 'D.', '## Risks', 'R.']), []);
    assert.deepEqual(run(['# RFC 1: Builds', '## Summary', '<!-- proposal-kit-disable-line -->', '## Motivation', 'M.', '## Design', 'D.', '## Risks', 'R.']), [empty(2, 'Summary')]);
  });

  it('disable ... enable turns rules off between the comments; enable RULE turns one back on after a disable of all', () => {
    assert.deepEqual(run(['# RFC 1: Builds', '## Summary', '<!-- proposal-kit-disable empty-section -->', '## Motivation', '## Design', '<!-- proposal-kit-enable empty-section -->', '## Risks']), [
      empty(2, 'Summary'),
      empty(7, 'Risks'),
    ]);
    assert.deepEqual(run(['# RFC 1: Builds', '<!-- proposal-kit-disable -->', '## Summary', '## Motivation', '<!-- proposal-kit-enable empty-section -->', '## Design', '<!-- proposal-kit-enable -->', '## Risks']), [
      empty(6, 'Design'),
      empty(8, 'Risks'),
    ]);
  });

  it('a disable without an enable lasts to the end of the document', () => {
    assert.deepEqual(run(['# RFC 1: Builds', '## Summary', '## Motivation', '<!-- proposal-kit-disable empty-section -->', '## Design', '## Risks']), [empty(2, 'Summary'), empty(3, 'Motivation')]);
  });

  it('disable-file turns the rules off anywhere in the document, before the comment too', () => {
    assert.deepEqual(run(['# RFC 1: Builds', '## Summary', '## Motivation', '## Design', '<!-- proposal-kit-disable-file empty-section -->']), [
      "4:1-4:10 error missing-section Missing required section 'Risks' (expected after 'Design').",
    ]);
    assert.deepEqual(run(['<!-- proposal-kit-disable-file -->', '# RFC 1: Builds', '## Summary', '## Motivation']), []);
  });

  it('an unknown rule is a finding at the comment, naming the rules; the known names in the comment still apply', () => {
    assert.deepEqual(run(['# RFC 1: Builds', '## Summary', '<!-- proposal-kit-disable-next-line empty-sections, empty-section -->', '## Motivation', 'M.', '## Design', 'D.', '## Risks', 'R.']), [
      empty(2, 'Summary'),
      `3:1-3:70 warning suppression Unknown rule 'empty-sections' in a proposal-kit-disable-next-line comment: the rules are ${RULE_LIST}.`,
    ]);
  });

  it('a comment naming only unknown rules turns nothing off, not every rule', () => {
    assert.deepEqual(run(['# RFC 1: Builds', '## Summary', 'S.', '<!-- proposal-kit-disable-next-line emptysection -->', '## Motivation', '## Design', 'D.', '## Risks', 'R.']), [
      `4:1-4:53 warning suppression Unknown rule 'emptysection' in a proposal-kit-disable-next-line comment: the rules are ${RULE_LIST}.`,
      empty(5, 'Motivation'),
    ]);
  });

  it('an unknown form is a finding at the comment, naming the forms, and turns nothing off; it is not itself turned off', () => {
    assert.deepEqual(run(['<!-- proposal-kit-disable-file -->', '# RFC 1: Builds', '## Summary', 'S.', 'Text <!-- proposal-kit-disable-all --> more.', '## Motivation', 'M.', '## Design', 'D.', '## Risks', 'R.']), [
      '5:6-5:39 warning suppression Unknown comment \'proposal-kit-disable-all\': the comments that turn findings off are proposal-kit-disable-next-line, proposal-kit-disable-line, proposal-kit-disable, proposal-kit-enable and proposal-kit-disable-file.',
    ]);
  });

  it('comments in code are text, not suppression comments; other comments are left alone', () => {
    assert.deepEqual(run(['# RFC 1: Builds', '```', '<!-- proposal-kit-disable-file -->', '```', '`<!-- proposal-kit-disable-file -->`', '## Summary', '<!-- proposal kit: not a suppression comment -->', '## Motivation', 'M.', '## Design', 'D.', '## Risks', 'R.']), [
      empty(6, 'Summary'),
    ]);
  });

  it('the suppression rule has its own severity setting', () => {
    const r = check(['# RFC 1: Builds', '## Summary', 'S.', '## Motivation', 'M.', '## Design', 'D.', '## Risks', 'R. <!-- proposal-kit-disable-line nope -->'].join('\n'), RFC, {
      path: 'rfcs/0001-x.md',
      severities: { suppression: 'error' },
    });
    assert.deepEqual(r.findings.map(show), [`9:4-9:43 error suppression Unknown rule 'nope' in a proposal-kit-disable-line comment: the rules are ${RULE_LIST}.`]);
    const off = check(['# RFC 1: Builds', '## Summary', 'S.', '## Motivation', 'M.', '## Design', 'D.', '## Risks', 'R. <!-- proposal-kit-disable-line nope -->'].join('\n'), RFC, {
      path: 'rfcs/0001-x.md',
      severities: { suppression: 'off' },
    });
    assert.deepEqual(off.findings, []);
  });
});
