/**
 * Nothing a user wrote is lost: on every real document of the corpus, every quick fix removes only
 * white space, heading marks, or text equal (white space aside) to the template's own. The two
 * fixes that replace a value say so in their title and replace only that value: "Set Status to
 * '...'" (a status the template does not allow) and the update to the current template (a heading
 * whose old title the older template gave it).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkModel, parseTemplate, type TemplateSchema } from '../../server/src/core';
import { namedAsTemplate } from '../../server/src/core/detect';
import { fixesFor, isTemplateText } from '../../server/src/core/fixes';
import { parseDocument } from '../../server/src/core/incremental';
import { LineIndex } from '../../server/src/core/text';
import { applyEdits } from '../lsp/client';
import { builtinTemplates, CORPUS } from '../unit/helpers';

interface Doc {
  file: string;
  templates: TemplateSchema[];
  /** The family's template, for checking its own template files, which are not proposals, as if they were one. */
  template: string;
}

const BUILT_IN: Record<string, string> = { enhancements: 'kep', ksql: 'klip', materialize: 'materialize', kepler: 'kepler' };

function markdownUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.md') && !e.parentPath.includes(`${path.sep}.history`))
    .map((e) => path.join(e.parentPath, e.name));
}

function corpus(): Doc[] {
  const docs: Doc[] = [];
  for (const family of fs.readdirSync(path.join(CORPUS, 'trees'), { withFileTypes: true }).filter((e) => e.isDirectory())) {
    for (const file of markdownUnder(path.join(CORPUS, 'trees', family.name))) docs.push({ file, templates: builtinTemplates(), template: BUILT_IN[family.name] });
  }
  const manifest = fs.readFileSync(path.join(CORPUS, 'wild', 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter(Boolean);
  for (const row of manifest) {
    const [family, , , main] = row.split('\t');
    const root = path.join(CORPUS, 'wild', family);
    let template: TemplateSchema;
    try {
      template = parseTemplate(fs.readFileSync(path.join(root, main), 'utf8'), main);
    } catch {
      continue; // a template that does not load gives no fixes to check
    }
    for (const file of markdownUnder(root)) docs.push({ file, templates: [template], template: template.id });
  }
  return docs;
}

describe('security: no quick fix deletes what the author wrote', function () {
  this.timeout(120_000);

  it('on every document of the corpus trees and wild families', () => {
    let checked = 0;
    let guidance = 0;
    const lost: string[] = [];
    for (const doc of corpus()) {
      const text = fs.readFileSync(doc.file, 'utf8');
      const rel = path.relative(CORPUS, doc.file);
      // A template file is not a proposal; checked as one, its guidance is what the removals act on.
      const forced = namedAsTemplate(rel) ? { template: doc.template } : {};
      const result = checkModel(parseDocument(text), doc.templates, { path: rel, ...forced });
      if (!result.analysis) continue;
      const a = result.analysis;
      const lines = new LineIndex(text);
      for (const f of result.findings) {
        for (const fix of fixesFor(a, f, result.findings)) {
          for (const e of fix.edits) {
            checked++;
            const removed = text.slice(lines.offsetAt(e.range.start), lines.offsetAt(e.range.end));
            const words = removed.replace(/\s+/g, '');
            if (!words || /^#+$/.test(words)) continue;
            if (fix.title === 'Remove the template guidance') {
              guidance++;
              if (isTemplateText(a, removed)) continue;
            }
            if (fix.title.startsWith('Set ') && a.metadata.some((m) => text.slice(m.valueSpan.start, m.valueSpan.end) === removed)) continue;
            if (fix.title.startsWith('Update to the current') && a.model.sections.some((s) => text.slice(s.heading.textSpan.start, s.heading.textSpan.end).includes(removed.trim()))) continue;
            lost.push(`${rel}:${e.range.start.line + 1} '${fix.title}' would delete ${JSON.stringify(removed.slice(0, 120))}`);
          }
        }
      }
    }
    assert.deepEqual(lost, []);
    // Not vacuous: the corpus holds left-over guidance, and fixes of every kind.
    assert.ok(checked > 100, `only ${checked} edits checked`);
    assert.ok(guidance > 10, `only ${guidance} guidance removals checked`);
  });
});

describe('security: guidance recognised by its voice is reported, never removed', () => {
  it("an author's own italic question and bracketed note get a finding but no removal", () => {
    // A template that writes placeholders in brackets: a bracketed note alone may be one.
    const template = parseTemplate('# RFC\n\n## Design\n\n[Describe the design.]\n', 'rfc.md');
    const doc = '# Caching\n\n## Design\n\n_What should we do about stale entries?_\n\n[Diagram to follow]\n';
    const result = checkModel(parseDocument(doc), [template], { template: 'rfc' });
    const found = result.findings.filter((f) => f.rule === 'placeholder');
    assert.deepEqual(found.map((f) => f.message), ["Template guidance left in 'Design': replace it with the section's content.", "Template guidance left in 'Design': replace it with the section's content."]);
    assert.deepEqual(found.flatMap((f) => fixesFor(result.analysis!, f, result.findings)), []);
  });

  it("the template's own sentence, rewrapped, is removed with the fix", () => {
    const template = parseTemplate('# RFC\n\n## Design\n\nDescribe the design: the parts and\nhow they fit.\n', 'rfc.md');
    const doc = '# Caching\n\n## Design\n\nDescribe the design:\nthe parts and how they fit.\n\nWe cache.\n';
    const result = checkModel(parseDocument(doc), [template], { template: 'rfc' });
    const [f] = result.findings.filter((x) => x.rule === 'placeholder');
    const [fix] = fixesFor(result.analysis!, f, result.findings);
    assert.equal(fix.title, 'Remove the template guidance');
    assert.equal(applyEdits(doc, fix.edits), '# Caching\n\n## Design\n\nWe cache.\n');
  });
});
