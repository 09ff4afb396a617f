import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { detach, IncrementalParser, ParseStopped, splitPieces } from '../../server/src/core/incremental';
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
  'para\r', '\r', '## Section\r', '```\r', '<!--\r', '-->\r', '\u00a0\n', '\uFEFF',
];
/** How the line breaks of a generated document are written: as they are, or each made "\r\n", "\r" or any of the three. */
const ENDINGS: Record<string, (text: string, r: number) => string> = {
  'as written': (t) => t,
  'CRLF': (t) => t.replace(/\n/g, '\r\n'),
  'lone CR': (t) => t.replace(/\n/g, '\r'),
  'mixed': (t, r) => t.replace(/\n/g, () => ['\n', '\r\n', '\r'][(r = (r * 31 + 7) % 1009) % 3]),
};

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

  it('pieces start at the lines the parser sees, whatever ends them', () => {
    const pieces = (text: string): string[] => splitPieces(text).pieces.map((p) => text.slice(p.start, p.end));
    // A fence opened after a lone "\r" (the line before it ended with "\n"): "# " lines in it are code.
    const fenced = '## A\n\r```\r# x\r\n\n# y\n```\n\n## B\r';
    assert.deepEqual(pieces(fenced), ['## A\n\r', '```\r# x\r\n\n# y\n```\n\n', '## B\r']);
    same(fenced);
    assert.deepEqual(parseProposal(fenced).sections.map((s) => s.heading.text), ['A', 'B']);
    // Old Mac line endings throughout, and a mix.
    const mac = '# T\r\rText.\r\r## A\r\r```\r## not\r```\r\r## B\rEnd.\r';
    assert.deepEqual(pieces(mac), ['# T\r\r', 'Text.\r\r', '## A\r\r', '```\r## not\r```\r\r', '## B\rEnd.\r']);
    same(mac);
    const mixed = '# T\r\nText.\r\n## A\n<!--\r## not\r-->\r\n## B\r';
    assert.deepEqual(pieces(mixed), ['# T\r\nText.\r\n', '## A\n<!--\r## not\r-->\r\n', '## B\r']);
    same(mixed);
  });

  it('front matter as the parser reads it: closed by "---" alone on a line of its own, after a byte-order mark too', () => {
    const cases: [string, string[]][] = [
      // A lone "\r" ends its lines: the "# " line is YAML, not a heading.
      ['---\ra: 1\r# c\r---\r# T\r', ['---\ra: 1\r# c\r---\r', '# T\r']],
      ['\uFEFF---\na: 1\n# c\n---\n# T\n', ['\uFEFF---\na: 1\n# c\n---\n', '# T\n']],
      // Spaces or tabs may follow a fence; "----" is no fence.
      ['--- \t\na: 1\n# c\n---\t\n# T\n', ['--- \t\na: 1\n# c\n---\t\n', '# T\n']],
      ['---\na: 1\n----\n# c\n---\n# T\n', ['---\na: 1\n----\n# c\n---\n', '# T\n']],
      // Never closed: not front matter, and the document is not split.
      ['---\ra: 1\r# c\r', ['---\ra: 1\r# c\r']],
    ];
    for (const [text, pieces] of cases) {
      assert.deepEqual(splitPieces(text).pieces.map((p) => text.slice(p.start, p.end)), pieces, JSON.stringify(text));
      same(text);
    }
    assert.deepEqual(parseProposal(cases[0][0]).frontMatter?.data, { a: 1 });
    // A heading right after a byte-order mark starts the first piece, which keeps the mark.
    const bom = '\uFEFF# T\n\n## A\n';
    assert.deepEqual(splitPieces(bom).pieces.map((p) => bom.slice(p.start, p.end)), ['\uFEFF# T\n\n', '## A\n']);
    same(bom);
  });

  it('a line of no-break spaces is text, not a blank line: the paragraph goes on', () => {
    for (const space of ['\u00a0', '\u2028', '\u3000']) {
      const text = `# A\n\npara\n${space}\nmore\n`;
      assert.equal(splitPieces(text).pieces.length, 2, JSON.stringify(space));
      same(text);
      assert.deepEqual(parseProposal(text).sections[0].blocks.map((b) => [b.type, b.span]), [['paragraph', { start: 5, end: 16 }]]);
    }
    // A fence is closed only by a fence with nothing but spaces or tabs after it.
    const fence = '# A\n\n```\n```\u00a0\n# in code\n```\n\n# B\n';
    assert.deepEqual(splitPieces(fence).pieces.map((p) => fence.slice(p.start, p.end)), ['# A\n\n', '```\n```\u00a0\n# in code\n```\n\n', '# B\n']);
    same(fence);
  });

  it('random documents from tricky fragments, with any line breaks', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }), fc.constantFrom(...Object.keys(ENDINGS)), fc.nat(), (parts, ending, r) =>
        same(ENDINGS[ending](parts.join(''), r)),
      ),
      { numRuns: 2000 },
    );
  });

  it('random edit sequences on corpus documents, reusing the parser', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: DOCS.length - 1 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 40 }), fc.constantFrom('x', '\n', '\r', '# ', '\n## New\n', '\r## New\r', '```', '<!--', '-->', '[r]: u\n', '')), { minLength: 1, maxLength: 6 }),
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

  it('parseAsync gives the same model as parse', async () => {
    const text = DOCS.reduce((a, b) => (a.length > b.length ? a : b));
    const model = await new IncrementalParser().parseAsync(text, () => false, 0);
    assert.deepStrictEqual(project(model), project(parseProposal(text, parseWithRemark)));
  });

  it('parseAsync stops between pieces when its result is no longer wanted, and keeps what it parsed', async () => {
    const text = DOCS.reduce((a, b) => (a.length > b.length ? a : b));
    const total = new IncrementalParser();
    total.parse(text);
    // A clock that moves 100 ms at each reading: every piece ends a slice, so stop() is asked after each.
    let clock = 0;
    const parser = new IncrementalParser({ maxDepth: 100, budgetMs: 1e9, maxMarks: 4000, now: () => (clock += 100) });
    let asked = 0;
    await assert.rejects(
      parser.parseAsync(text, () => ++asked === 3, 10),
      (e: unknown) => e instanceof ParseStopped && e.parsed === 3 && e.message === 'The parse was stopped after 3 parts.',
    );
    // The three pieces parsed before the stop are not parsed again.
    parser.parse(text);
    assert.equal(parser.lastParsed, total.lastParsed - 3);
  });
});
