import { strict as assert } from 'node:assert';
import { fixesFor } from '../../server/src/core/fixes';
import { applyEdits } from '../lsp/client';
import { check, show, tpl } from './helpers';

const RFC = tpl(['---', 'id: rfc', 'name: RFC', 'detect:', '  paths: ["**/rfcs/*.md"]', '---', '# RFC NNNN: Title', '', '## Summary', '<!-- One paragraph. -->', '## Motivation', '<!-- Why. -->', ''].join('\n'), 'rfc.md');
const checked = (text: string) => check(text, RFC, { path: 'rfcs/0001-x.md' });

/** The document after "Mark as not applicable" on the finding at `line` (1-based), and where the cursor goes in it. */
function markNotApplicable(text: string, line: number): { text: string; cursor: number } {
  const r = checked(text);
  const finding = r.findings.find((f) => f.rule === 'empty-section' && f.range.start.line === line - 1);
  assert.ok(finding && r.analysis, `no empty-section finding on line ${line}`);
  const fixes = fixesFor(r.analysis, finding, r.findings);
  assert.deepEqual(fixes.map((f) => [f.title, f.preferred]), [['Mark as not applicable', false]]);
  const [fix] = fixes;
  assert.ok(fix.cursor);
  assert.equal(fix.edits.length, 1);
  const edit = fix.edits[0];
  const start = text.split(/\r\n|\r|\n/).slice(0, edit.range.start.line).join('\n').length + (edit.range.start.line ? 1 : 0) + edit.range.start.character;
  return { text: applyEdits(text, fix.edits), cursor: start + fix.cursor.offset };
}

describe('quick fix: mark an empty section as not applicable', () => {
  it('inserts "N/A: " under the heading after a blank line, the cursor after it; the finding is then gone', () => {
    const before = '# RFC 1: Builds\n\n## Summary\n\nFaster builds.\n\n## Motivation\n\n<!-- Why. -->\n';
    assert.deepEqual(checked(before).findings.map(show), ["7:1-7:14 warning empty-section Section 'Motivation' is empty: write it, or say why it does not apply (\"N/A: <reason>\")."]);
    const after = markNotApplicable(before, 7);
    assert.equal(after.text, '# RFC 1: Builds\n\n## Summary\n\nFaster builds.\n\n## Motivation\n\nN/A: \n\n<!-- Why. -->\n');
    assert.equal(after.text.slice(0, after.cursor), '# RFC 1: Builds\n\n## Summary\n\nFaster builds.\n\n## Motivation\n\nN/A: ');
    assert.deepEqual(checked(after.text).findings.map(show), []);
  });

  it('keeps a blank line before what follows the heading directly, and goes after spaces ending the heading', () => {
    const after = markNotApplicable('# RFC 1: Builds\n## Summary  \n<!-- One paragraph. -->\n## Motivation\nM.', 2);
    assert.equal(after.text, '# RFC 1: Builds\n## Summary  \n\nN/A: \n\n<!-- One paragraph. -->\n## Motivation\nM.');
    assert.equal(after.text.slice(after.cursor), '\n\n<!-- One paragraph. -->\n## Motivation\nM.');
    assert.deepEqual(checked(after.text).findings.map(show), []);
  });

  it('a heading on the last line, and "\\r\\n" line endings', () => {
    assert.equal(markNotApplicable('# RFC 1: Builds\n## Summary\nS.\n## Motivation', 4).text, '# RFC 1: Builds\n## Summary\nS.\n## Motivation\n\nN/A: ');
    const crlf = markNotApplicable('# RFC 1: Builds\r\n## Summary\r\n\r\n## Motivation\r\nM.\r\n', 2);
    assert.equal(crlf.text, '# RFC 1: Builds\r\n## Summary\r\n\r\nN/A: \r\n\r\n## Motivation\r\nM.\r\n');
    assert.deepEqual(checked(crlf.text).findings.map(show), []);
  });

  it('a section that says "TODO" gets no such fix: the text is the author\'s', () => {
    const r = checked('# RFC 1: Builds\n## Summary\nTODO\n## Motivation\nM.\n');
    assert.deepEqual(r.findings.map((f) => f.rule), ['empty-section']);
    assert.ok(r.analysis);
    assert.deepEqual(fixesFor(r.analysis, r.findings[0], r.findings), []);
  });
});
