import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Root } from 'mdast';
import { splitPieces } from '../../server/src/core/incremental';
import { parseWithRemark } from '../../server/src/core/parse';
import { quickParse } from '../../server/src/core/quick';
import { CORPUS, ROOT } from './helpers';

/** A tree as plain data, without `spread` (tight or loose lists: the quick reader does not work it out, and nothing reads it). */
const plain = (tree: Root): unknown => JSON.parse(JSON.stringify(tree, (key, value: unknown) => (key === 'spread' ? undefined : value)));

/** The quick reader either declines or builds exactly remark's tree. */
function agrees(text: string): boolean {
  const quick = quickParse(text);
  if (!quick) return false;
  assert.deepStrictEqual(plain(quick), plain(parseWithRemark(text)), `quick tree differs from remark's for ${JSON.stringify(text.slice(0, 200))}`);
  return true;
}

function markdownFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? markdownFiles(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : []));
}

const FILES = [CORPUS, path.join(ROOT, 'templates'), path.join(ROOT, 'docs'), path.join(ROOT, 'examples')].flatMap(markdownFiles);

describe('quick reader: the same tree as remark, or none', () => {
  it('every piece and every whole document of the corpus, the templates and the examples', function () {
    // Every document of the corpus twice over: 16 s was measured on two busy cores.
    this.timeout(90_000);
    let real = 0;
    let quick = 0;
    for (const file of FILES) {
      const text = fs.readFileSync(file, 'utf8');
      agrees(text);
      for (const p of splitPieces(text).pieces) {
        const body = text.slice(p.start, p.end);
        const read = agrees(body);
        if (file.includes(`${path.sep}real${path.sep}`)) {
          real += body.length;
          if (read) quick += body.length;
        }
      }
    }
    // What keeps `proposal-kit check` fast: most of a real proposal never goes through remark.
    assert.ok(quick / real >= 0.85, `the quick reader read ${((100 * quick) / real).toFixed(1)}% of the real proposals' text, expected at least 85%`);
  });

  const READ: Record<string, string> = {
    'a heading with a closing sequence and trailing spaces': '## Goals ##  \n',
    'paragraph lines with one and with two trailing spaces': 'One \ntwo  \nthree  \n',
    'a hard break in a nested list item': '- a\n  - b  \n    c\n',
    'indented continuation lines': 'First\n   second\n',
    'code spans: padding, line breaks, unmatched runs': 'a ` b ` c `` d`e `` f ``` g\n`h\ni` j\n',
    'emphasis and strong, nested and unmatched': '***strong em*** *a **b** c* **x* y_z_ _a_b snake_case_name 2*3*4\n',
    'the rule of three': '*foo**bar**baz* and *foo**bar*\n',
    'links with nested parentheses, empty ones, and brackets that are not links': '[a](b(c)d) [](e) [f] (g) [h]i] [j [k](l) m]\n',
    'a list with items of two paragraphs, nested lists, ordered lists': '- a\n\n  b\n- c\n  - d\n    1. e\n    2. f\n- g\n',
    'list items indented up to three spaces, four spaces after the marker': ' - a\n   - b\n-    c\n',
    'lazy continuation lines': '- a\nb\n  - c\nd\n',
    'fenced code with an info string, tabs inside, a closing fence with spaces': '```go run\n\tx := 1\n```  \n',
    'a comment block with text after it on the last line': '<!--\nguidance\n--> after\nText\n',
    'a thematic break': 'Text\n\n***\n',
    'a paragraph interrupted by a heading, a fence, a comment and a list': 'a\n# H\nb\n```\nc\n```\nd\n<!-- e -->\nf\n- g\n',
    'surrogate pairs and punctuation around emphasis': '😀*a*😀 «*b*» *c*.\n',
    'inline HTML tags, opening with attributes and closing': 'a <br> b <a name="x"></a> *c<br/>* <code>d</code> a < b\n',
    'task lists, ticked and not, with plain and other text first': '- [ ] a\n- [x] *b*\n- [X] c\n- d\n',
    'reference links, shortcut, collapsed and full, before and after their definitions':
      'See [b].\n\n[Foo Bar]: https://x.y/z  \n[b]: /u\nText [foo  bar] and [b][] and [x][b] and [c].\n',
    'a definition alone in a list item': '- [a]: /u\n- [a]\n',
    'tables: outer pipes or none, alignment, empty cells, extra and missing cells, code across a pipe':
      '| a |  b  | c |\n|---|:-:|--:|\n|  | `x` |\n1 | 2 | 3 | 4\n\na | b\n:--|--\n|`c|d`|\n- after\n',
    'no-break spaces, which are text and not indentation': '1. a\n\u00a0 \u00a0 b\n\u00a0- c\n',
  };
  for (const [name, text] of Object.entries(READ)) {
    it(`reads ${name}`, () => assert.ok(agrees(text), 'expected the quick reader to read it'));
  }

  const DECLINED: Record<string, string> = {
    'a table after a paragraph line': 'para\n| a | b |\n|---|---|\n',
    'a table with a row that starts like indented code': '| a |\n|---|\n    x\n',
    'a table row with spaces after it': '| a |\n|---|\n| b | \n',
    'a table row without a pipe': '| a |\n|---|\nb\n',
    'a quote': '> quoted\n',
    'a setext heading': 'Title\n=====\n',
    'indented code': '    code\n',
    'a tag across two lines': 'a <span\nclass="x">b</span>\n',
    'an HTML comment inside a paragraph': 'a <!-- b --> c\n',
    'an autolink': 'see <https://example.com>\n',
    'a backslash escape': 'not \\*emphasis\\*\n',
    'a character reference': 'a &amp; b\n',
    'a definition with a title on the next line': '[a]: /u\n"title"\n',
    'a definition with an angle-bracketed destination': '[a]: <https://example.com>\n',
    'a full reference to a label with no definition': '[a]: /u\n\n[x][y]\n',
    'an ordered item that cannot interrupt, after a definition': '[a]: /u\n10. ten\n',
    'a footnote definition': '[^1]: note\n',
    'a footnote call': 'a[^1]\n',
    'an image': '![alt](x.png)\n',
    'a box with nothing after it': '- [ ]\n',
    'a link with a title': '[a](b "title")\n',
    'front matter': '---\ntitle: x\n---\n',
    'a byte-order mark': '\uFEFF# Title\n',
    'carriage returns': '# Title\r\n',
    'a tab before a heading': '\t# Title\n',
    'an unclosed fence': '```\ncode\n',
    'an unclosed comment': '<!--\nguidance\n',
    'a lazy line after a fence in a list item': '- ```\n  x\n  ```\ny\n',
    'a line in the first column inside a list item\'s fence': '1. one\n   ```\nPlain text\n   ```\n',
    'a line in the first column inside a list item\'s comment': '- <!--\nPlain text\n  -->\n',
    'an ordered item that cannot interrupt a paragraph': 'a\n2. b\n',
    'a hard break on a lazy line': '+ item\n`open\ntwo spaces  \n    indented\n',
    'more delimiter runs than the quick reader pairs': `${'*a '.repeat(70)}\n`,
    'lists nested more than 64 levels deep': `${Array.from({ length: 70 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n')}\n`,
  };
  for (const [name, text] of Object.entries(DECLINED)) {
    it(`leaves ${name} to remark`, () => assert.equal(quickParse(text), null));
  }

  it('reads a paragraph of backtick runs that close nothing (each of its own length)', () => {
    // Every run looks ahead for one of its own length; the reader indexes runs by length.
    const text = `${Array.from({ length: 300 }, (_, i) => '`'.repeat(i + 1)).join('x')}\n`;
    assert.ok(agrees(text));
  });

  // Lines made of what the quick reader handles, and lines it must recognise and leave to remark.
  const READABLE = [
    '', '', 'Plain text', 'more text ', 'two spaces  ', '# Heading', '## Heading ##', '### *Em* heading', '#tag',
    '- item', '* item', '+ item', '1. one', '2) two', '10. ten', '  - nested', '    - deeper', '   * three', '-    wide', '-', '1.',
    '  continued', '    indented', '```', '```js x', '~~~', '``` ', '   ```', '<!-- c -->', '<!--', '-->', 'x -->', '***', '---', '___',
    '`code`', '``a ` b``', '`open', '*a*', '**b**', '_c_', '__d__', '*a **b** c*', '**x*', 'snake_case_word', '2*3*4',
    '[link](u)', '[a](b(c))', '[x] y', '[a [b](c) d](e)', 'a & b', 'a \\ b', 'C:\\dir', 'a < b',
    '- [ ] task', '- [x] *done*', '* [X] `x`', '- [ ]', 'a <b>c</b>', '<br/> x', 'x <a href="u" id=y>', '</a>', '<span', 'c="d">',
    '[a]: /u', '[B]: /v  ', 'see [a] and [b][]', '[x][a] [A]', '[x][zz]', '"title"',
    '| a | b |', '|---|---|', '|:-:|--|', 'a | b', '| `c|d` |', '|x|', '| y | ',
    '😀*e*😀', '«*f*»', 'x*y*z', '*(a)*', '_(b)_', 'a*"b"*c', '\u00a0 nbsp', '\u00a0- nbsp item',
  ];
  const DECLINED_LINES = ['* * *', '===', '| a\\|b |', '> quote', '[a]: <u>', 'a\tb', '[t](u "t")', '![i](j)', '<https://x.y>', '<div>', 'a &amp; b', 'a \\* b'];
  // PROPOSALKIT_FC_RUNS=N runs N cases of each with a new seed (as for the robustness properties).
  const RUNS = Number(process.env.PROPOSALKIT_FC_RUNS) || 0;
  const property = (lines: string[], runs: number): { cases: number; read: number } => {
    let cases = 0;
    let read = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lines), { maxLength: 24 }), fc.boolean(), (ls, eol) => {
        cases++;
        if (agrees(ls.join('\n') + (eol ? '\n' : ''))) read++;
      }),
      RUNS ? { numRuns: RUNS } : { numRuns: runs, seed: 20261121 },
    );
    return { cases, read };
  };
  it('random documents of lines it reads (5,000)', () => {
    const { cases, read } = property(READABLE, 5000);
    // Not a vacuous property: most of these documents get a tree to compare.
    assert.ok(read / cases >= 0.3, `read ${read} of ${cases}`);
  });
  it('random documents of those lines and lines it must decline (5,000)', () => {
    const { cases, read } = property([...READABLE, ...DECLINED_LINES], 5000);
    assert.ok(read / cases >= 0.15, `read ${read} of ${cases}`);
  });
});
