import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkModel } from '../../server/src/core';
import { IncrementalParser, nestingDepth, parseDocument, type ParseLimits } from '../../server/src/core/incremental';
import { builtinTemplates, ROOT, show } from './helpers';

const KLIP_PATH = 'design-proposals/klip-7-stream-pausing.md';
const KLIP = fs.readFileSync(path.join(ROOT, 'examples', KLIP_PATH), 'utf8');
const BEFORE = KLIP.indexOf('## What is not in scope');

/** The example KLIP with `inserted` before its 'What is not in scope' heading. */
const withInsert = (inserted: string): string => `${KLIP.slice(0, BEFORE)}${inserted}\n${KLIP.slice(BEFORE)}`;
const findings = (text: string, limits?: ParseLimits): string[] =>
  checkModel(limits ? new IncrementalParser(limits).parse(text) : parseDocument(text), builtinTemplates(), { path: KLIP_PATH }).findings.map(show);

/** The example's own findings, on their lines once `added` lines are inserted before line 38. */
function exampleFindings(added: number): string[] {
  return findings(KLIP)
    .filter((f) => !f.includes('too-complex'))
    .map((f) => f.replace(/^(\d+):(\d+)-(\d+):/, (_, a: string, c: string, b: string) => (Number(a) < 38 ? `${a}:${c}-${b}:` : `${Number(a) + added}:${c}-${Number(b) + added}:`)));
}

const TAIL = 'Nothing in them is checked; the rest of the document is.';

describe('too complex to check fully', () => {
  it('measures nesting of lists and quotes, outside fenced code', () => {
    assert.equal(nestingDepth('plain text\n'), 0);
    assert.equal(nestingDepth('- a\n  - b\n    - c\n'), 3);
    assert.equal(nestingDepth('> > > quoted\n'), 4);
    assert.equal(nestingDepth('1. one\n   1. two\n'), 3);
    assert.equal(nestingDepth('\t\t- tabbed\n'), 5);
    assert.equal(nestingDepth('```\n' + ' '.repeat(400) + 'x\n```\n'), 0);
    assert.equal(nestingDepth('>'.repeat(500), 100), 500);
  });

  it('a list nested 1,000 levels deep (1 MB) is left out with one finding; the rest is checked', () => {
    const deep = Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i * 2)}- item`).join('\n') + '\n';
    assert.ok(deep.length > 1_000_000);
    const started = Date.now();
    const got = findings(withInsert(deep));
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    // The list is in the piece of 'What is in scope', which keeps its heading: that section is not missing.
    const expected = [
      ...exampleFindings(1001),
      `30:1-30:92 warning too-complex Lines 30-1037 are too complex to check fully: lists or quotes nest more than 100 levels deep there, and the checker reads at most 100. ${TAIL}`,
    ];
    assert.deepEqual(got, expected.sort((a, b) => parseInt(a, 10) - parseInt(b, 10)));
  });

  it('lines ended by a lone "\\r" or "\\r\\n" are lines: the same nesting', () => {
    for (const eol of ['\r', '\r\n']) {
      assert.equal(nestingDepth(['- a', '  - b', '    - c', ''].join(eol)), 3);
      assert.equal(nestingDepth(['```', `${' '.repeat(400)}x`, '```', ''].join(eol)), 0);
    }
    assert.equal(nestingDepth('- a\r  - b\n    - c\r\n      - d'), 4);
    // The parser does not see a byte-order mark: the first line nests as deep without it.
    assert.equal(nestingDepth(`\uFEFF${'>'.repeat(500)}`, 100), 500);
  });

  it('a list nested 1,000 levels deep, with old Mac line endings: the same findings at the same lines, as fast', () => {
    const deep = Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i * 2)}- item`).join('\n') + '\n';
    const mac = withInsert(deep).replace(/\n/g, '\r');
    const started = Date.now();
    const got = findings(mac);
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    assert.deepEqual(got, findings(withInsert(deep)));
    assert.ok(got.includes(`30:1-30:92 warning too-complex Lines 30-1037 are too complex to check fully: lists or quotes nest more than 100 levels deep there, and the checker reads at most 100. ${TAIL}`));
  });

  it('20,000 nested quotes on one line: left out, never a stack overflow', () => {
    const got = findings(withInsert(`${'>'.repeat(20000)} x\n`));
    assert.deepEqual(got.filter((f) => f.includes('too-complex')), [
      '38:1-38:20003 warning too-complex Line 38 is too complex to check fully: lists or quotes nest more than 100 levels deep there, and the checker reads at most 100. Nothing in it is checked; the rest of the document is.',
    ]);
    assert.deepEqual(got.filter((f) => !f.includes('too-complex')), exampleFindings(2));
  });

  it('a piece the parser fails on is left out with the parser\'s reason', () => {
    const got = findings(withInsert(`${'>'.repeat(20000)} x\n`), { maxDepth: Infinity, budgetMs: Infinity, maxMarks: Infinity, now: () => 0 });
    assert.deepEqual(got.filter((f) => f.includes('too-complex')), [
      '38:1-38:20003 warning too-complex Line 38 is too complex to check fully: the markdown parser could not read it (Maximum call stack size exceeded). Nothing in it is checked; the rest of the document is.',
    ]);
    assert.deepEqual(got.filter((f) => !f.includes('too-complex')), exampleFindings(2));
  });

  it('past the time budget, the pieces still to parse are left out, and tried again with the next version', () => {
    // A clock that moves one second each time it is read: the budget of 2.5 s lets two pieces be parsed.
    let ticks = 0;
    const parser = new IncrementalParser({ maxDepth: 100, budgetMs: 2500, maxMarks: 4000, now: () => 1000 * ticks++ });
    const first = parser.parse(KLIP);
    assert.equal(parser.lastParsed, 2);
    assert.equal(first.unchecked.length, 1);
    assert.equal(first.unchecked[0].reason.kind, 'time');
    assert.equal(KLIP.slice(first.unchecked[0].span.start, first.unchecked[0].span.end).split('\n')[0], 'A persistent query runs until it is terminated. There is no way to stop it briefly and pick up');
    const shown = checkModel(first, builtinTemplates(), { path: KLIP_PATH }).findings.map(show);
    // The headings of the pieces left out still count: no section is reported missing for it.
    assert.deepEqual(shown, [
      "5:13-5:18 warning metadata Status 'WIP' is not an allowed value: expected one of In Discussion, Design Approved, In development, Merged.",
      '15:1-15:95 warning too-complex Lines 15-95 are too complex to check fully: checking this version of the document took more than 2.5 s before it reached them; they are checked again after the next edit. Nothing in them is checked; the rest of the document is.',
      "86:1-86:25 error missing-section Missing required section 'Compatibility Implications' (expected after 'Documentation Updates').",
    ]);
    // Each version goes two pieces further, until everything is parsed, with the same result as an unlimited parse.
    let model = first;
    for (let i = 0; i < 40 && model.unchecked.length; i++) model = parser.parse(KLIP);
    assert.deepEqual(model.unchecked, []);
    assert.deepEqual(checkModel(model, builtinTemplates(), { path: KLIP_PATH }).findings.map(show), exampleFindings(0));
  });
});
