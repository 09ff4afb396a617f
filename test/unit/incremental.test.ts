import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { detach, IncrementalParser, splitPieces } from '../../server/src/core/incremental';
import { parseProposal, parseWithRemark, type ProposalModel, type Section } from '../../server/src/core/parse';
import { corpusDocs } from './helpers';

/** Everything the checker reads from a model, as plain data. */
function project(m: ProposalModel): unknown {
  const section = (s: Section): unknown => ({
    heading: s.heading,
    blocks: s.blocks,
    bodyStart: s.bodyStart,
    ownEnd: s.ownEnd,
    end: s.end,
    children: s.children.map(section),
  });
  return {
    frontMatter: m.frontMatter && { span: m.frontMatter.span, raw: m.frontMatter.raw, data: m.frontMatter.data, error: m.frontMatter.error },
    leading: m.leadingBlocks,
    roots: m.roots.map(section),
    count: m.sections.length,
  };
}

const same = (text: string, parser = new IncrementalParser()): void => {
  assert.deepStrictEqual(project(parser.parse(text)), project(parseProposal(text, parseWithRemark)));
};

const DOCS = corpusDocs().map((d) => fs.readFileSync(d.file, 'utf8'));

/** Small markdown pieces that stress the split: fences, comments, HTML, setext, lists, definitions. */
const FRAGMENTS = [
  '# Title\n', '## Section\n', '### Sub\n', 'Text with [a ref] and [b].\n', '[a ref]: https://example.com\n', '[^1]: note\n',
  '```\n', '~~~\n', '```js\ncode\n', '<!--\n', '-->\n', '<!-- one line -->\n', '<details>\n', '</details>\n', '<pre>\n', '</pre>\n',
  '<Insert Name>\n', '- item\n', '  - nested\n', '> quote\n', 'Setext\n', '---\n', '===\n', '\n', '\n\n', '    # indented\n',
  '| a | b |\n|---|---|\n| 1 | 2 |\n', '- [ ] task\n', '***\n', '#not a heading\n', '  ## two spaces\n', 'para\r\n', '\t# tab\n',
];

describe('incremental parsing equals a whole-document parse by remark', () => {
  it('every corpus document, parsed in pieces', () => {
    for (const text of DOCS) same(text);
  });

  it('pieces never split inside fences, comments or HTML blocks', () => {
    const text = '# T\n\n```\n# not a heading\n```\n\n<!--\n# hidden\n-->\n\n<div>\n# in html\n</div>\n\n## Real\n';
    assert.deepEqual(
      splitPieces(text).pieces.map((p) => text.slice(p.start, p.end).split('\n')[0]),
      // Pieces may start at a block after a blank line, never inside one.
      ['# T', '```', '<!--', '<div>', '## Real'],
    );
  });

  it('random documents from tricky fragments', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }), (parts) => same(parts.join(''))),
      { numRuns: 2000 },
    );
  });

  it('random edit sequences on corpus documents, reusing the parser', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: DOCS.length - 1 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 40 }), fc.constantFrom('x', '\n', '# ', '\n## New\n', '```', '<!--', '-->', '[r]: u\n', '')), { minLength: 1, maxLength: 6 }),
        (docIndex, edits) => {
          let text = DOCS[docIndex];
          const parser = new IncrementalParser();
          parser.parse(text);
          for (const [where, del, insert] of edits) {
            const at = Math.floor(where * text.length);
            text = text.slice(0, at) + insert + text.slice(Math.min(text.length, at + del));
            same(text, parser);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('copies of pieces keep every UTF-16 unit (surrogate pairs, lone surrogates, long texts)', () => {
    const text = `a😀b\uD800c${'é'.repeat(20000)}`;
    assert.equal(detach(text), text);
    assert.equal(detach(''), '');
  });

  it('an edit inside one section parses only that piece again', () => {
    const text = DOCS.reduce((a, b) => (a.length > b.length ? a : b));
    const parser = new IncrementalParser();
    parser.parse(text);
    const pieces = parser.lastParsed;
    assert.ok(pieces > 20, `${pieces} pieces`);
    const at = text.indexOf('\n\n', Math.floor(text.length / 2)) + 2;
    parser.parse(`${text.slice(0, at)}x${text.slice(at)}`);
    assert.equal(parser.lastParsed, 1);
  });
});
