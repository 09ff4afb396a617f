import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { builtinSnippets, escapeSnippet, renderSnippets, SNIPPETS_FILE, templateSnippets } from '../../scripts/snippets';
import { tpl } from './helpers';

describe('snippets', () => {
  it('snippets/markdown.code-snippets is what the templates generate (else: run npm run snippets)', () => {
    const committed = fs.readFileSync(SNIPPETS_FILE, 'utf8');
    assert.ok(committed === builtinSnippets(), 'snippets/markdown.code-snippets is out of date with templates/: run npm run snippets and commit the result');
  });

  it('has one snippet per section and one per template, with unique prefixes', () => {
    const all = JSON.parse(builtinSnippets()) as Record<string, { prefix: string }>;
    const prefixes = Object.values(all).map((s) => s.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length);
    assert.deepEqual(
      prefixes.filter((p) => p.endsWith('-proposal')),
      ['kep-proposal', 'kepler-proposal', 'klip-proposal', 'materialize-proposal', 'materialize-solution-proposal'],
    );
    // KEP's "Proposal" section would take the whole template's prefix: it gets "-section".
    assert.ok(prefixes.includes('kep-proposal-section'));
    assert.ok(prefixes.includes('kep-test-plan'));
  });

  it('a section snippet is the heading at its level, the guidance comment and a tab stop', () => {
    const all = JSON.parse(builtinSnippets());
    assert.deepEqual(all['KLIP: Design'], {
      prefix: 'klip-design',
      description: "KLIP section 'Design', with the template's guidance.",
      body: [
        '## Design',
        '',
        '<!-- Walk through the implementation: which components change, and how data and control move through them afterwards. Diagrams and small code sketches are welcome. -->',
        '',
        '$0',
      ],
    });
    assert.deepEqual(all['KEP: Unit tests'].body, [
      '##### Unit tests',
      '',
      '<!-- The packages you will touch, with their current unit-test coverage and the tests you will add. Explain any gap in coverage. One line per package, in this form: -->',
      '',
      '- `<package>`: `<date>` - `<test coverage>`',
      '',
      '$0',
    ]);
  });

  it('escapes $, } and \\ as the snippet grammar requires, and puts visible guidance in a comment', () => {
    assert.equal(escapeSnippet('costs $5 {a} C:\\x'), 'costs \\$5 {a\\} C:\\\\x');
    const t = tpl(
      ['---', 'id: rfc', 'name: RFC', 'description: Request for comments', '---', '# RFC: {title}', '', 'Costs ${x} \\o/', '', '## Cost', '', 'Say what it costs in $.', '', '## Plan', ''].join('\n'),
      'rfc.md',
    );
    assert.deepEqual(templateSnippets(t), {
      'RFC: whole proposal': {
        prefix: 'rfc-proposal',
        description: 'A new RFC from the template, every section with its guidance: Request for comments.',
        body: ['# RFC: {title\\}', '', 'Costs \\${x\\} \\\\o/', '', '## Cost', '', 'Say what it costs in \\$.', '', '## Plan'],
      },
      'RFC: Cost': { prefix: 'rfc-cost', description: "RFC section 'Cost', with the template's guidance.", body: ['## Cost', '', '<!-- Say what it costs in \\$. -->', '', '$0'] },
      'RFC: Plan': { prefix: 'rfc-plan', description: "RFC section 'Plan', with the template's guidance.", body: ['## Plan', '', '$0'] },
    });
    assert.equal(renderSnippets([t]).endsWith('}\n'), true);
  });
});
