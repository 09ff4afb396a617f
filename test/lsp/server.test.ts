import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, CompletionItem, Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-types';
import { AnalysisChangedNotification, GuidanceRequest, InsertSectionsRequest, OutlineRequest } from '../../server/src/protocol';
import { parseTemplate } from '../../server/src/core';
import { applyEdits, editsFor, startSession, type Session } from './client';

const KLIP_TEMPLATE = parseTemplate(fs.readFileSync(path.resolve(__dirname, '..', '..', 'templates', 'klip.md'), 'utf8'), 'klip.md');
/** A section as the fixes insert it: heading, then the template's guidance as a comment. */
const inserted = (title: string) => `## ${title}\n\n<!-- ${KLIP_TEMPLATE.sections.find((x) => x.title === title)?.guidance} -->\n\n`;
const offsetOfLine = (text: string, line: number) => text.split('\n').slice(0, line).join('\n').length + 1;

const SHARED = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'real');
const KLIP_URI = 'file:///work/ws/design-proposals/klip-59-json-functions.md';
const KLIP_TEXT = fs.readFileSync(path.join(SHARED, 'klip', 'klip-59-json-functions.md'), 'utf8');
/** KLIP-59 is Merged (history: hints only); in development it gets the rules' own severities. */
const KLIP_IN_DEVELOPMENT = KLIP_TEXT.replace('**Status**: _Merged_', '**Status**: _In development_');

let version = 1;
async function open(s: Session, uri: string, text: string): Promise<void> {
  await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: version++, text } });
}
async function change(s: Session, uri: string, text: string): Promise<number> {
  const v = version++;
  await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
  return v;
}
async function pull(s: Session, uri: string): Promise<Diagnostic[]> {
  const r = (await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] };
  return r.items;
}
const brief = (d: Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${d.message}`;

describe('language server over stdio', function () {
  this.timeout(30000);
  let s: Session;
  beforeEach(async () => {
    s = await startSession();
  });
  afterEach(async () => s.close());

  it('pulls diagnostics for a real KLIP: code, source, documentation link', async () => {
    await open(s, KLIP_URI, KLIP_TEXT);
    const items = await pull(s, KLIP_URI);
    assert.deepEqual(items.map(brief), [
      "1:1 missing-section Missing required section 'tl;dr' (a paragraph that starts \"**tl;dr:**\", under the title).",
      "32:1 missing-section Missing required section 'Value/Return' (expected after 'What is not in scope').",
      "273:1 missing-section Missing required section 'LOEs and Delivery Milestones' (expected after 'Test plan').",
      "277:1 missing-section Missing required section 'Compatibility Implications' (expected after 'Documentation Updates').",
      "277:1 missing-section Missing required section 'Security Implications' (expected after 'Documentation Updates').",
    ]);
    assert.equal(items[0].source, 'proposal-kit');
    // KLIP-59 is Merged: a proposal that is history gets hints.
    assert.equal(items[0].severity, 4);
    assert.equal(items[0].codeDescription?.href, 'https://github.com/proposal-kit/proposal-kit/blob/main/README.md#missing-section');
  });

  it('a plain README gets nothing: no diagnostics, no outline, no actions', async () => {
    const uri = 'file:///work/ws/README.md';
    await open(s, uri, '# my-tool\n\nA tool.\n\n## Installation\n\nnpm i\n\n## Usage\n\nRun it.\n');
    assert.deepEqual(await pull(s, uri), []);
    assert.equal(await s.connection.sendRequest(OutlineRequest, { textDocument: { uri } }), null);
    const actions = await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.deepEqual(actions, []);
    assert.deepEqual(await s.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 0 } }), []);
  });

  it('insert a missing section: the exact text appears in place and the finding is gone, adding no error', async () => {
    await open(s, KLIP_URI, KLIP_TEXT);
    const before = await pull(s, KLIP_URI);
    const target = before.find((d) => String(d.message).includes("'Value/Return'"))!;
    const actions = (await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: KLIP_URI },
      range: target.range,
      context: { diagnostics: [target] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]), [
      ["Insert section 'Value/Return'", 'quickfix', true],
      ['Insert all 5 missing sections', 'quickfix', false],
      ['Insert all missing sections (5)', 'source.insertMissingSections', false],
    ]);
    assert.deepEqual(actions[0].diagnostics, [target]);
    const edits = editsFor(actions[0].edit, KLIP_URI);
    assert.deepEqual(edits, [{ range: { start: { line: 36, character: 0 }, end: { line: 36, character: 0 } }, newText: inserted('Value/Return') }]);
    const at = offsetOfLine(KLIP_TEXT, 36);
    const after = applyEdits(KLIP_TEXT, edits);
    // Right after 'What is not in scope' and its text, before '## Public APIs'.
    assert.equal(after, KLIP_TEXT.slice(0, at) + inserted('Value/Return') + KLIP_TEXT.slice(at));
    assert.ok(KLIP_TEXT.slice(at).startsWith('## Public APIs\n'));
    await change(s, KLIP_URI, after);
    const items = await pull(s, KLIP_URI);
    assert.deepEqual(items.map(brief), [
      "1:1 missing-section Missing required section 'tl;dr' (a paragraph that starts \"**tl;dr:**\", under the title).",
      "37:1 empty-section Section 'Value/Return' is empty: write it, or say why it does not apply (\"N/A: <reason>\").",
      "277:1 missing-section Missing required section 'LOEs and Delivery Milestones' (expected after 'Test plan').",
      "281:1 missing-section Missing required section 'Compatibility Implications' (expected after 'Documentation Updates').",
      "281:1 missing-section Missing required section 'Security Implications' (expected after 'Documentation Updates').",
    ]);
  });

  it('lines ended by a lone "\\r" (old Mac): the same diagnostics at the same lines; the section goes in at the same line, with "\\r"', async () => {
    await open(s, KLIP_URI, KLIP_TEXT);
    const want = (await pull(s, KLIP_URI)).map(brief);
    const mac = KLIP_TEXT.replace(/\n/g, '\r');
    await change(s, KLIP_URI, mac);
    const before = await pull(s, KLIP_URI);
    assert.deepEqual(before.map(brief), want);
    const valueReturn = before.find((d) => String(d.message).includes("'Value/Return'"))!;
    const actions = (await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: KLIP_URI },
      range: valueReturn.range,
      context: { diagnostics: [valueReturn] },
    })) as CodeAction[];
    assert.equal(actions[0].title, "Insert section 'Value/Return'");
    const edits = editsFor(actions[0].edit, KLIP_URI);
    assert.deepEqual(edits, [{ range: { start: { line: 36, character: 0 }, end: { line: 36, character: 0 } }, newText: inserted('Value/Return').replace(/\n/g, '\r') }]);
    const at = offsetOfLine(KLIP_TEXT, 36);
    const after = applyEdits(mac, edits);
    assert.equal(after, (KLIP_TEXT.slice(0, at) + inserted('Value/Return') + KLIP_TEXT.slice(at)).replace(/\n/g, '\r'));
    await change(s, KLIP_URI, after);
    assert.deepEqual((await pull(s, KLIP_URI)).map(brief), [
      "1:1 missing-section Missing required section 'tl;dr' (a paragraph that starts \"**tl;dr:**\", under the title).",
      "37:1 empty-section Section 'Value/Return' is empty: write it, or say why it does not apply (\"N/A: <reason>\").",
      "277:1 missing-section Missing required section 'LOEs and Delivery Milestones' (expected after 'Test plan').",
      "281:1 missing-section Missing required section 'Compatibility Implications' (expected after 'Documentation Updates').",
      "281:1 missing-section Missing required section 'Security Implications' (expected after 'Documentation Updates').",
    ]);
  });

  it('insert all missing sections: every missing-section finding goes, nothing else changes', async () => {
    await open(s, KLIP_URI, KLIP_TEXT);
    await pull(s, KLIP_URI);
    const edit = (await s.connection.sendRequest(InsertSectionsRequest, { textDocument: { uri: KLIP_URI } }))!;
    const after = applyEdits(KLIP_TEXT, editsFor(edit, KLIP_URI));
    const at = offsetOfLine(KLIP_TEXT, 36);
    // LOEs goes after the Test plan, before '## Documentation Updates' (line 277).
    const loes = offsetOfLine(KLIP_TEXT, 276);
    assert.equal(KLIP_TEXT.slice(loes).split('\n')[0], '## Documentation Updates');
    // The tl;dr goes in as the template writes it, above the first section (line 8).
    const tldr = offsetOfLine(KLIP_TEXT, 7);
    assert.equal(KLIP_TEXT.slice(tldr).split('\n')[0], '## Motivation and background');
    const expected =
      KLIP_TEXT.slice(0, tldr) +
      `**tl;dr:** ${KLIP_TEMPLATE.sections.find((x) => x.leadIn)?.body}\n\n` +
      KLIP_TEXT.slice(tldr, at) +
      inserted('Value/Return') +
      KLIP_TEXT.slice(at, loes) +
      inserted('LOEs and Delivery Milestones') +
      KLIP_TEXT.slice(loes) +
      `\n${inserted('Compatibility Implications')}${inserted('Security Implications')}`.replace(/\n+$/, '\n');
    assert.equal(after, expected);
    await change(s, KLIP_URI, after);
    const items = await pull(s, KLIP_URI);
    assert.deepEqual(items.filter((d) => d.code === 'missing-section'), []);
    assert.deepEqual(items.filter((d) => d.severity === 1), []);
    assert.equal(items.filter((d) => d.code === 'empty-section').length, 4);
  });

  it('fix a heading level, pick a status; guidance recognised only by its voice is not removed', async () => {
    const uri = 'file:///work/ws/docs/developer/proposal/EP-009-demo.md';
    const text = [
      '# EP-009: Demo',
      '',
      '**Status**: WIP',
      '',
      '## Summary',
      '',
      'Real summary.',
      '',
      '## Problem Statement',
      '',
      '[Describe the problem this enhancement aims to solve.]',
      '',
      'We have a real problem.',
      '',
      '## Current Limitations',
      '',
      'Several.',
      '',
    ].join('\n');
    await open(s, uri, text);
    const items = await pull(s, uri);
    const byRule = (r: string) => items.filter((d) => d.code === r);
    const act = async (d: Diagnostic) =>
      (await s.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];

    const level = byRule('heading-level')[0];
    assert.equal(level.message, "Heading 'Current Limitations' is level 2 (##); the template has it at level 3 (###) under 'Problem Statement'.");
    const levelFix = (await act(level)).find((a) => a.isPreferred);
    assert.equal(levelFix?.title, "Make 'Current Limitations' a level 3 heading (###)");
    const fixedLevel = applyEdits(text, editsFor(levelFix?.edit, uri));
    assert.equal(fixedLevel, text.replace('## Current Limitations', '### Current Limitations'));

    // The bracketed paragraph reads as guidance, but the built-in template does not hold it: it may
    // be the author's own note, so it is reported and left for the author to delete.
    const guidance = byRule('placeholder').find((d) => String(d.message).startsWith('Template guidance'));
    assert.equal(guidance?.message, "Template guidance left in 'Problem Statement': replace it with the section's content.");
    assert.deepEqual((await act(guidance as Diagnostic)).map((a) => a.title).filter((t) => t.startsWith('Remove')), []);

    // The Status line's finding (the lines the template requires and the EP lacks are reported on its title).
    assert.deepEqual(
      byRule('metadata').map((d) => d.message),
      [
        'The Authors line is missing: add "**Authors**: <value>" under the title.',
        'The Created line is missing: add "**Created**: <value>" under the title.',
        'The Last Updated line is missing: add "**Last Updated**: <value>" under the title.',
        "Status 'WIP' is not an allowed value: expected one of Draft, Accepted, Implemented, Rejected, Superseded.",
      ],
    );
    const status = byRule('metadata').find((d) => String(d.message).startsWith('Status')) as Diagnostic;
    const statusFixes = await act(status);
    assert.deepEqual(statusFixes.map((a) => a.title).filter((t) => t.startsWith('Set')), [
      "Set Status to 'Draft'",
      "Set Status to 'Accepted'",
      "Set Status to 'Implemented'",
      "Set Status to 'Rejected'",
      "Set Status to 'Superseded'",
    ]);
    const draft = applyEdits(text, editsFor(statusFixes.find((a) => a.title === "Set Status to 'Draft'")?.edit, uri));
    assert.equal(draft, text.replace('**Status**: WIP', '**Status**: Draft'));

    // Each fix removes its finding and adds no error.
    for (const [fixed, rule] of [[fixedLevel, 'heading-level'], [draft, 'metadata']] as const) {
      await change(s, uri, fixed);
      const now = await pull(s, uri);
      assert.equal(now.filter((d) => d.code === rule && d.range.start.line === (rule === 'heading-level' ? 14 : 2)).length, 0, rule);
      assert.deepEqual(now.filter((d) => d.severity === 1 && !items.some((o) => o.message === d.message)), [], rule);
    }
  });

  it('completion: missing sections at a heading start, allowed values at a metadata field', async () => {
    const uri = 'file:///work/ws/design-proposals/klip-5-x.md';
    const text = '# KLIP 5 - X\n\n**Status**: \n\n## Motivation and background\n\nWhy.\n\n## \n';
    await open(s, uri, text);
    const sections = (await s.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 8, character: 3 } })) as CompletionItem[];
    assert.deepEqual(sections.slice(0, 3).map((c) => [c.label, c.detail, c.textEdit && 'newText' in c.textEdit ? c.textEdit.newText : '']), [
      ['What is in scope', 'Required KLIP section', '## What is in scope'],
      ['What is not in scope', 'Required KLIP section', '## What is not in scope'],
      ['Value/Return', 'Required KLIP section', '## Value/Return'],
    ]);
    assert.ok(!sections.some((c) => c.label === 'Motivation and background'));
    assert.deepEqual(sections[0].documentation, { kind: 'markdown', value: KLIP_TEMPLATE.sections.find((x) => x.title === 'What is in scope')?.guidance });
    const values = (await s.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 12 } })) as CompletionItem[];
    assert.deepEqual(values.map((c) => c.label), ['In Discussion', 'Design Approved', 'In development', 'Merged']);
  });

  it('hover on a section heading: guidance, and whether it is required', async () => {
    await open(s, KLIP_URI, KLIP_TEXT);
    const line = KLIP_TEXT.split('\n').findIndex((l) => l === '## Design');
    const hover = (await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: KLIP_URI }, position: { line, character: 4 } })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /^\*\*Design\*\*: required section of KLIP\n\n/);
    assert.deepEqual(hover.range, { start: { line, character: 0 }, end: { line, character: 9 } });
    assert.equal(await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: KLIP_URI }, position: { line: line + 2, character: 0 } }), null);
  });

  it('document symbols: the section tree with each state', async () => {
    await open(s, KLIP_URI, KLIP_TEXT);
    const symbols = (await s.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: KLIP_URI } })) as DocumentSymbol[];
    assert.equal(symbols.length, 1);
    assert.equal(symbols[0].name, 'KLIP-59 - JSON functions');
    const children = symbols[0].children ?? [];
    assert.deepEqual(children.slice(0, 3).map((c) => [c.name, c.detail]), [
      ['Motivation and background', 'written'],
      ['What is in scope', 'written'],
      ['What is not in scope', 'written'],
    ]);
  });

  it('the outline request: template order, states, missing entries, completeness', async () => {
    await open(s, KLIP_URI, KLIP_TEXT);
    const o = (await s.connection.sendRequest(OutlineRequest, { textDocument: { uri: KLIP_URI } }))!;
    assert.deepEqual(o.template, { id: 'klip', name: 'KLIP', version: 'current' });
    assert.deepEqual(o.progress, { written: 7, required: 12 });
    assert.deepEqual(o.entries.map((e) => `${e.title}:${e.state}${e.required ? '' : ' (optional)'}`), [
      'tl;dr:missing',
      'Motivation and background:written',
      'What is in scope:written',
      'What is not in scope:written',
      'Value/Return:missing',
      'Public APIS:written',
      'Design:written',
      'Test plan:written',
      'LOEs and Delivery Milestones:missing',
      'Documentation Updates:written',
      'Compatibility Implications:missing',
      'Security Implications:missing',
    ]);
    assert.deepEqual(o.entries[1].range, { start: { line: 7, character: 0 }, end: { line: 7, character: 28 } });
  });

  it('tells the client when a version has been analysed', async () => {
    await open(s, KLIP_URI, KLIP_TEXT);
    const v = await change(s, KLIP_URI, KLIP_TEXT.replace('## Test plan', '## Test plan\n\nMore tests.'));
    const note = await s.waitFor<{ uri: string; version: number; isProposal: boolean }>(AnalysisChangedNotification.method, (p) => p.version === v);
    assert.deepEqual(note, { uri: KLIP_URI, version: v, isProposal: true });
  });
});

describe('language server without pull diagnostics', function () {
  this.timeout(30000);
  it('pushes diagnostics for the newest version', async () => {
    const s = await startSession({ pull: false });
    try {
      await open(s, KLIP_URI, KLIP_TEXT);
      const pushed = await s.waitFor<{ uri: string; diagnostics: Diagnostic[] }>('textDocument/publishDiagnostics', (p) => p.uri === KLIP_URI);
      assert.equal(pushed.diagnostics.length, 5);
      const v = await change(s, KLIP_URI, '# KLIP 59 - JSON functions\n');
      const again = await s.waitFor<{ version: number; diagnostics: Diagnostic[] }>('textDocument/publishDiagnostics', (p) => p.version === v);
      assert.equal(again.diagnostics.filter((d) => d.code === 'missing-section').length, 11);
    } finally {
      await s.close();
    }
  });

  it('leaves symbols to the editor when asked to (VS Code lists headings itself)', async () => {
    const s = await startSession({ initializationOptions: { documentSymbols: false } });
    const t = await startSession();
    try {
      assert.equal(s.initializeResult.capabilities.documentSymbolProvider, false);
      assert.equal(t.initializeResult.capabilities.documentSymbolProvider, true);
    } finally {
      await s.close();
      await t.close();
    }
  });
});

describe('language server settings', function () {
  this.timeout(30000);
  it('per-rule severities and the proposal globs are read per document', async () => {
    const s = await startSession({ configuration: { rules: { 'missing-section': 'hint', 'section-order': 'off' }, files: ['design-proposals/**'] }, rootUri: 'file:///work/ws' });
    try {
      await open(s, KLIP_URI, KLIP_IN_DEVELOPMENT);
      const items = await pull(s, KLIP_URI);
      assert.deepEqual(items.map((d) => [d.code, d.severity]), [
        ['missing-section', 4],
        ['missing-section', 4],
        ['missing-section', 4],
        ['missing-section', 4],
        ['missing-section', 4],
      ]);
      const elsewhere = 'file:///work/ws/notes/klip-59-json-functions.md';
      await open(s, elsewhere, KLIP_IN_DEVELOPMENT);
      assert.deepEqual(await pull(s, elsewhere), []);
    } finally {
      await s.close();
    }
  });
});

describe('language server settings, from a client that cannot be asked for them', function () {
  this.timeout(30000);
  type Published = { uri: string; diagnostics: Diagnostic[] };
  const severities = (p: Published): [unknown, unknown][] => p.diagnostics.map((d) => [d.code, d.severity]);

  it('without workspace/configuration, file watching or pulled diagnostics: from the initialization options, then from each didChangeConfiguration', async () => {
    const s = await startSession({
      askable: false,
      pull: false,
      rootUri: 'file:///work/ws',
      initializationOptions: { proposalKit: { rules: { 'missing-section': 'hint', 'section-order': 'off' }, files: ['design-proposals/**'] } },
    });
    try {
      const first = s.waitFor<Published>('textDocument/publishDiagnostics', (p) => p.uri === KLIP_URI && p.diagnostics.length > 0);
      await open(s, KLIP_URI, KLIP_IN_DEVELOPMENT);
      assert.deepEqual(severities(await first), [
        ['missing-section', 4],
        ['missing-section', 4],
        ['missing-section', 4],
        ['missing-section', 4],
        ['missing-section', 4],
      ]);
      const elsewhere = 'file:///work/ws/notes/klip-59-json-functions.md';
      const quiet = s.waitFor<Published>('textDocument/publishDiagnostics', (p) => p.uri === elsewhere);
      await open(s, elsewhere, KLIP_IN_DEVELOPMENT);
      assert.deepEqual((await quiet).diagnostics, []);

      // New settings replace the old ones whole: the rule's default severity is back, the files glob gone.
      const after = s.waitFor<Published>('textDocument/publishDiagnostics', (p) => p.uri === KLIP_URI && p.diagnostics.some((d) => d.severity === 1));
      const noted = s.waitFor<Published>('textDocument/publishDiagnostics', (p) => p.uri === elsewhere && p.diagnostics.length > 0);
      await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: { proposalKit: { rules: { 'section-order': 'off' } } } });
      assert.deepEqual(severities(await after), [
        ['missing-section', 1],
        ['missing-section', 1],
        ['missing-section', 1],
        ['missing-section', 1],
        ['missing-section', 1],
      ]);
      assert.deepEqual(severities(await noted), severities(await after));
    } finally {
      await s.close();
    }
  });
});

describe('language server: guidance request', function () {
  this.timeout(30000);
  it('returns the section under the cursor and its guidance alone', async () => {
    const s = await startSession();
    try {
      await open(s, KLIP_URI, KLIP_TEXT);
      const line = KLIP_TEXT.split('\n').findIndex((l) => l === '## Design');
      const g = await s.connection.sendRequest(GuidanceRequest, { textDocument: { uri: KLIP_URI }, position: { line: line + 2, character: 0 } });
      assert.deepEqual(g, { template: 'KLIP', section: 'Design', required: true, guidance: KLIP_TEMPLATE.sections.find((x) => x.title === 'Design')?.guidance });
    } finally {
      await s.close();
    }
  });
});
