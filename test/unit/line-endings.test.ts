/**
 * "\n", "\r\n" and a lone "\r" (old Mac files, or a mix of all three) are line breaks everywhere:
 * in CommonMark and remark, in LSP positions, and so in every scan of the text line by line.
 */
import { strict as assert } from 'node:assert';
import { checkModel } from '../../server/src/core';
import { templateCompletions } from '../../server/src/core/assist';
import { fixesFor } from '../../server/src/core/fixes';
import { parseDocument } from '../../server/src/core/incremental';
import { checkKepYaml } from '../../server/src/core/kepYaml';
import { templateFromDocument } from '../../server/src/core/newTemplate';
import { parseProposal } from '../../server/src/core/parse';
import { scanPlaceholders } from '../../server/src/core/placeholders';
import { scaffold } from '../../server/src/core/scaffold';
import { metadataLines, parseTemplate, TemplateError } from '../../server/src/core/template';
import { LineIndex, LineScanner, loneCrAsLf, splitLines } from '../../server/src/core/text';
import { applyEdits } from '../lsp/client';
import { show, template, tpl } from './helpers';

const MINI = tpl(
  [
    '---',
    'id: mini',
    'name: Mini',
    'detect:',
    '  paths: ["**/mini/*.md"]',
    'metadata:',
    '  - name: Status',
    '    values: [Draft, Accepted]',
    '---',
    '# Mini: Title',
    '',
    '**Status**: Draft',
    '',
    '## Summary',
    '<!-- One paragraph. -->',
    '## Design',
    '<!-- How it works. -->',
    '## Risks',
    'Describe what could go wrong.',
    '',
  ].join('\n'),
  'mini.md',
);

/** Checked as the server and the CLI check: parsed in pieces (see incremental.ts). */
const checked = (text: string) => checkModel(parseDocument(text), [MINI], { path: 'mini/x.md' });
const findings = (text: string): string[] => checked(text).findings.map(show);

/** The text after the fix titled `title` for the finding of `rule`. */
function fixed(text: string, rule: string, title: string): string {
  const r = checked(text);
  const f = r.findings.find((x) => x.rule === rule);
  assert.ok(f, `no ${rule} finding`);
  const fix = fixesFor(r.analysis!, f, r.findings).find((x) => x.title === title);
  assert.ok(fix, `no fix '${title}'`);
  return applyEdits(text, fix.edits);
}

describe('line endings: "\\n", "\\r\\n" and a lone "\\r" are all line breaks', () => {
  describe('lines and positions', () => {
    it('LineIndex counts every kind of line break, as LSP does', () => {
      const lines = new LineIndex('a\rb\r\nc\nd');
      assert.equal(lines.lineCount, 4);
      assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((o) => lines.positionAt(o)), [
        { line: 0, character: 0 },
        { line: 0, character: 1 },
        { line: 1, character: 0 },
        { line: 1, character: 1 },
        { line: 1, character: 2 },
        { line: 2, character: 0 },
        { line: 2, character: 1 },
        { line: 3, character: 0 },
        { line: 3, character: 1 },
      ]);
      assert.deepEqual([0, 1, 2, 3].map((l) => [lines.lineStart(l), lines.lineEnd(l)]), [[0, 1], [2, 3], [5, 6], [7, 8]]);
      assert.deepEqual([0, 1, 3, 6, 8].map((o) => lines.nextLineStart(o)), [2, 2, 5, 7, 8]);
    });

    it('the line break a document uses most is the one inserted text uses', () => {
      assert.equal(new LineIndex('a\rb\rc\nd').eol(), '\r');
      assert.equal(new LineIndex('a\r\nb\r\nc\rd\ne').eol(), '\r\n');
      assert.equal(new LineIndex('a\nb\nc\r\nd\re').eol(), '\n');
      // A tie goes to "\n", then "\r\n"; no line break at all gives "\n".
      assert.equal(new LineIndex('a\nb\r\nc\rd').eol(), '\n');
      assert.equal(new LineIndex('a\r\nb\rc').eol(), '\r\n');
      assert.equal(new LineIndex('one line').eol(), '\n');
    });

    it('LineScanner and splitLines split where LineIndex does', () => {
      const text = '\r\n# a\r\r\nb\n\rc\r';
      const scanner = new LineScanner(text);
      const got: string[] = [];
      for (let pos = 0; pos <= text.length; ) {
        const end = scanner.end(pos);
        got.push(text.slice(pos, end));
        pos = scanner.next(end);
      }
      assert.deepEqual(got, ['', '# a', '', 'b', '', 'c', '']);
      assert.deepEqual(splitLines(text), got);
      const index = new LineIndex(text);
      assert.deepEqual(Array.from({ length: index.lineCount }, (_, i) => text.slice(index.lineStart(i), index.lineEnd(i))), got);
    });

    it('YAML gets a lone "\\r" as the line break it is, at the same offsets', () => {
      assert.equal(loneCrAsLf('a: 1\rb: 2\r\nc: 3\n\r'), 'a: 1\nb: 2\r\nc: 3\n\n');
      assert.equal(loneCrAsLf('a: 1\n'), 'a: 1\n');
    });
  });

  describe('quick fixes insert where the template puts the section, with the document\'s line break', () => {
    it('old Mac line endings', () => {
      const text = '# Mini: Fast\r\r**Status**: Draft\r\r## Summary\r\rText.\r\r## Risks\r\rNone.\r';
      assert.deepEqual(findings(text), ["5:1-5:11 error missing-section Missing required section 'Design' (expected after 'Summary')."]);
      assert.equal(
        fixed(text, 'missing-section', "Insert section 'Design'"),
        '# Mini: Fast\r\r**Status**: Draft\r\r## Summary\r\rText.\r\r## Design\r\r<!-- How it works. -->\r\r## Risks\r\rNone.\r',
      );
    });

    it('mixed line endings: "# " lines inside a fence opened after a lone "\\r" are code, not sections', () => {
      const text = '# Mini: Fast\n\n**Status**: Draft\n\n## Summary\n\r```\r# not a heading\r\n\n# nor this\n```\r\n## Risks\rNone.\r';
      assert.deepEqual(findings(text), ["5:1-5:11 error missing-section Missing required section 'Design' (expected after 'Summary')."]);
      // "\n" is the most common line break here (7, against 4 lone "\r" and 2 "\r\n").
      assert.equal(
        fixed(text, 'missing-section', "Insert section 'Design'"),
        '# Mini: Fast\n\n**Status**: Draft\n\n## Summary\n\r```\r# not a heading\r\n\n# nor this\n```\r\n\n## Design\n\n<!-- How it works. -->\n\n## Risks\rNone.\r',
      );
    });

    it('after front matter ended by a lone "\\r", when nothing else places the section', () => {
      const text = '---\rtemplate: mini\r---\r\rSome text.\r';
      assert.equal(
        fixed(text, 'missing-section', 'Insert all 3 missing sections'),
        '---\rtemplate: mini\r---\r\r## Summary\r\r<!-- One paragraph. -->\r\r## Design\r\r<!-- How it works. -->\r\r## Risks\r\r<!-- Describe what could go wrong. -->\r\r\rSome text.\r',
      );
    });

    it('a lone "\\r" before the insertion and a "\\n" at its start stay two line breaks, not one "\\r\\n"', () => {
      // "\n" is the most common line break; the last line ends with a lone "\r"; the inserted section
      // needs a blank line before it, or the open HTML block would take its heading in.
      const text = '# Mini: Fast\n\n**Status**: Draft\n\n## Summary\nText.\n## Design\n<details>\nMore.\r';
      const after = fixed(text, 'missing-section', "Insert section 'Risks'");
      assert.equal(after, '# Mini: Fast\n\n**Status**: Draft\n\n## Summary\nText.\n## Design\n<details>\nMore.\r\r\n## Risks\n\n<!-- Describe what could go wrong. -->\n');
      assert.deepEqual(findings(after), ["11:1-11:9 warning empty-section Section 'Risks' is empty: write it, or say why it does not apply (\"N/A: <reason>\")."]);
      // Removing guidance that ends with more line breaks than it takes, after a lone "\r".
      const guided = '# Mini: Fast\n\n**Status**: Draft\n\n## Summary\nText.\n## Design\nMore.\n## Risks\rDescribe what could go wrong.\n\n\nNone.\n';
      assert.equal(fixed(guided, 'placeholder', 'Remove the template guidance'), '# Mini: Fast\n\n**Status**: Draft\n\n## Summary\nText.\n## Design\nMore.\n## Risks\r\r\nNone.\n');
    });

    it('removing guidance takes its line break and one blank line, whatever their kind', () => {
      const text = '# Mini: Fast\r\r**Status**: Draft\r\r## Summary\rText.\r## Design\rMore.\r## Risks\rDescribe what could go wrong.\r\rNone.\r';
      assert.deepEqual(findings(text), ["10:1-10:30 warning placeholder Template guidance left in 'Risks': replace it with the section's content."]);
      assert.equal(
        fixed(text, 'placeholder', 'Remove the template guidance'),
        '# Mini: Fast\r\r**Status**: Draft\r\r## Summary\rText.\r## Design\rMore.\r## Risks\rNone.\r',
      );
      const mixed = '# Mini: Fast\n\n**Status**: Draft\n\n## Summary\nText.\n## Design\nMore.\n## Risks\nDescribe what could go wrong.\r\n\rNone.\n';
      assert.equal(fixed(mixed, 'placeholder', 'Remove the template guidance'), '# Mini: Fast\n\n**Status**: Draft\n\n## Summary\nText.\n## Design\nMore.\n## Risks\nNone.\n');
    });
  });

  describe('metadata', () => {
    it('preamble lines ended by a lone "\\r": each is a field, with its exact range', () => {
      const text = '# Mini: Fast\r\r**Status**: Drft\r**Author**: Ada\r\r## Summary\rText.\r## Design\rMore.\r## Risks\rNone.\r';
      assert.deepEqual(findings(text), ["3:13-3:17 warning metadata Status 'Drft' is not an allowed value: expected one of Draft, Accepted."]);
      assert.equal(
        fixed(text, 'metadata', "Set Status to 'Accepted'"),
        '# Mini: Fast\r\r**Status**: Accepted\r**Author**: Ada\r\r## Summary\rText.\r## Design\rMore.\r## Risks\rNone.\r',
      );
      assert.deepEqual(
        metadataLines('**Status**: Drft\r**Author**: Ada\r\nDate: x\u2028y\n'),
        [
          { key: 'Status', value: 'Drft', keyStart: 2, valueStart: 12, valueEnd: 16 },
          { key: 'Author', value: 'Ada', keyStart: 19, valueStart: 29, valueEnd: 32 },
          // U+2028 breaks no line in markdown: it is part of the value.
          { key: 'Date', value: 'x\u2028y', keyStart: 34, valueStart: 40, valueEnd: 43 },
        ],
      );
    });

    it('front matter with lone "\\r" line breaks is YAML like any other; its value range ends with its line', () => {
      const text = '---\rtemplate: mini\rstatus: Drft\rowner: Ada\r---\r# Mini: Fast\r## Summary\rText.\r## Design\rMore.\r## Risks\rNone.\r';
      assert.deepEqual(findings(text), ["3:9-3:13 warning metadata Status 'Drft' is not an allowed value: expected one of Draft, Accepted."]);
      assert.equal(
        fixed(text, 'metadata', "Set Status to 'Draft'"),
        '---\rtemplate: mini\rstatus: Draft\rowner: Ada\r---\r# Mini: Fast\r## Summary\rText.\r## Design\rMore.\r## Risks\rNone.\r',
      );
      assert.deepEqual(parseProposal('---\ra: 1\rb: [2, 3]\r---\r').frontMatter?.data, { a: 1, b: [2, 3] });
    });

    it('front matter that is not valid YAML: the same findings at the same lines as with line feeds', () => {
      const lines = ['---', 'template: mini', 'status: [Drft', '---', '# Mini: Fast', ''];
      const want = [
        '3:14-4:1 warning metadata Front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
        "5:1-5:13 error missing-section Missing required section 'Summary' (expected after the title).",
        "5:1-5:13 error missing-section Missing required section 'Design' (expected after the title).",
        "5:1-5:13 error missing-section Missing required section 'Risks' (expected after the title).",
        '5:1-5:13 warning metadata The Status line is missing: add "**Status**: <value>" (one of Draft, Accepted) under the title.',
      ];
      assert.deepEqual(findings(lines.join('\n')), want);
      assert.deepEqual(findings(lines.join('\r')), want);
    });
  });

  describe('templates', () => {
    const LF = ['---', 'id: t', 'metadata:', '  - name: Status', '    values: [Draft, Done]', '---', '# T: Title', '', '**Status**: Draft', '', '## A', '<!-- Say it.', 'In full. -->', '## B', 'Describe B.', ''].join('\n');

    it('a template with lone "\\r" or mixed line breaks reads as the same template', () => {
      const want = parseTemplate(LF, 't.md');
      let k = 0;
      // (In this order, a lone "\r" is never followed by "\n": no two line breaks become one "\r\n".)
      const mixed = LF.replace(/\n/g, () => ['\n', '\r', '\r\n'][k++ % 3]);
      for (const text of [LF.replace(/\n/g, '\r'), mixed]) {
        const got = parseTemplate(text, 't.md');
        assert.deepEqual(
          got.sections.map((s) => [s.title, s.level, s.guidance.replace(/\r\n?/g, '\n'), s.guidanceBlocks]),
          want.sections.map((s) => [s.title, s.level, s.guidance, s.guidanceBlocks]),
        );
        assert.deepEqual(got.metadata, want.metadata);
        assert.equal(got.body, text.slice(text.indexOf('# T')));
      }
    });

    it('an error in the front matter is reported at its line, counting lone "\\r" line breaks', () => {
      assert.throws(
        () => parseTemplate('---\rid: t\rname: T\rfile: [a]\r---\r## A\r', 't.md'),
        (e: unknown) => e instanceof TemplateError && e.line === 4 && e.detail === '"file" must be a mapping, e.g. { "path": "rfcs/{nnnn}-{slug}.md" }; found a list.',
      );
    });

    it('a template nested too deep is refused at the line where it goes too deep, counting lone "\\r" line breaks', () => {
      const lines = ['---', 'id: deep', '---', '## A', ...Array.from({ length: 120 }, (_, i) => `${' '.repeat(2 * i)}- x`)];
      const lineOf = (text: string): number => {
        try {
          parseTemplate(text, 'deep.md');
        } catch (e) {
          if (e instanceof TemplateError) return e.line;
        }
        return 0;
      };
      assert.equal(lineOf(lines.join('\n')), 105);
      assert.equal(lineOf(lines.join('\r')), 105);
      assert.equal(lineOf(lines.join('\r\n')), 105);
    });

    it('a new proposal from a template with lone "\\r" line breaks uses them for its title line and fills its metadata', () => {
      const t = parseTemplate('---\rid: t\rtitle: "T: {title}"\rmetadata:\r  - name: Status\r    values: [Draft, Done]\r    default: Draft\r    fill: default\r---\r**Status**: Draft | Done\r\r## A\r<!-- Say it. -->\r', 't.md');
      assert.equal(scaffold(t, { title: 'Fast', date: '2026-01-02' }, []).text, '# T: Fast\r\r**Status**: Draft\r\r## A\r<!-- Say it. -->\r');
    });

    it('Create Template from This File keeps every front matter line when lone "\\r" ends them', () => {
      const made = templateFromDocument('---\rid: old\rowner: Ada\r---\r# Doc\r## A\rText.\r', 'new');
      assert.deepEqual(made, { ok: true, text: '---\rproposal-kit:\r  id: new\r  name: "Doc"\rid: old\rowner: Ada\r---\r# Doc\r## A\rText.\r', name: 'Doc', sections: 1 });
    });
  });

  describe('kep.yaml', () => {
    const SPEC = template('kep').kepYaml!;
    const README = parseProposal('# KEP-4242: Job Retry Budget\n\n## Summary\n\nRetries.\n');
    const kep = [
      'title: Job Retry Budget',
      'kep-number: 4242',
      'authors:',
      '  - "@ada"',
      'owning-sig: sig-apps',
      'status: provisionl',
      'creation-date: 2026-01-02',
      'stage: alpha',
      '',
    ];

    it('a lone "\\r" is a line break: the same findings at the same lines', () => {
      const want = ["6:9-6:19 error kep-yaml status 'provisionl' in kep.yaml is not an allowed value: expected one of provisional, implementable, implemented, deferred, rejected, withdrawn, replaced."];
      assert.deepEqual(checkKepYaml(kep.join('\n'), SPEC, README).map(show), want);
      assert.deepEqual(checkKepYaml(kep.join('\r'), SPEC, README).map(show), want);
    });

    it('not valid YAML: the bad line, counting lone "\\r" line breaks', () => {
      const bad = [...kep.slice(0, 5), 'status: [provisional', ...kep.slice(6)].join('\r');
      assert.deepEqual(checkKepYaml(bad, SPEC, README).map(show), [
        '6:1-6:21 error kep-yaml kep.yaml is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ]);
    });
  });

  it('a bracketed placeholder runs over one line break of any kind, not two', () => {
    const hits = (value: string): string[] => scanPlaceholders([{ kind: 'text', value, span: { start: 0, end: value.length } }]).map((h) => h.text);
    for (const eol of ['\n', '\r\n', '\r']) {
      assert.deepEqual(hits(`[Describe the${eol}problem]`), ['[Describe the problem]'], JSON.stringify(eol));
      assert.deepEqual(hits(`[Describe${eol}the${eol}problem]`), [], JSON.stringify(eol));
    }
    assert.deepEqual(hits('[Describe\rthe\nproblem]'), []);
  });

  it('completing a whole proposal in an empty document: the range ends at the cursor on its line', () => {
    const [c] = templateCompletions([MINI], ' \r  \r', { line: 1, character: 2 });
    assert.deepEqual(c.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } });
  });
});
