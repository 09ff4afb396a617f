import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scaffold } from '../../server/src/core/scaffold';
import { WorkspaceProposalsRequest, type WorkspaceProposal } from '../../server/src/protocol';
import { ROOT, template } from '../unit/helpers';
import { changeDocument, openDocument, startSession, TempFolder, type Session } from './client';

const INPUT = { title: 'Faster Builds', author: 'Ada Lovelace', date: '2026-11-20' };

/** One line per proposal: path, template, status, completeness, errors, and what the next status needs. */
function rows(list: WorkspaceProposal[]): string[] {
  return list.map((p) => `${p.path} | ${p.title} | ${p.template.id} | ${p.status ?? '-'} | ${p.progress.written} of ${p.progress.required} | ${p.errors} errors | next: ${p.next ? `${p.next.status}: ${p.next.missing.join(', ')}` : '-'}`);
}

describe('language server: the workspace\'s proposals (the Proposals view)', function () {
  this.timeout(30000);
  let tmp: TempFolder;
  let s: Session | undefined;
  beforeEach(() => (tmp = new TempFolder('pk-lsp-proposals-')));
  afterEach(async () => {
    await s?.close();
    s = undefined;
    tmp.remove();
  });

  const list = async (): Promise<string[]> => rows(await s!.connection.sendRequest(WorkspaceProposalsRequest, {}));

  it('lists every proposal in the workspace with its template, status, completeness, errors and what the next status needs; kept current as files change', async () => {
    const klip = scaffold(template('klip'), INPUT, []);
    const kepler = scaffold(template('kepler'), { ...INPUT, title: 'GPU Power' }, []);
    const write = (text: string, section: string, words: string): string => text.replace(new RegExp(`(## ${section}\\n\\n<!--.*-->\\n)`), `$1\n${words}\n`);
    tmp.write(klip.path, klip.text);
    // Approved, with one section written and one missing (an error).
    const approved = write(klip.text, 'Motivation and background', 'Builds are slow.')
      .replace('# KLIP 1 - Faster Builds', '# KLIP 2 - Pausing')
      .replace('**Status**: In Discussion', '**Status**: Design Approved')
      .replace(/## Security Implications\n[^]*$/, '');
    tmp.write('design-proposals/klip-2-pausing.md', approved);
    tmp.write(kepler.path, write(kepler.text, 'Summary', 'Estimate GPU power.'));
    tmp.write('README.md', '# Notes\n\nNot a proposal.\n');
    s = await startSession({ rootUri: tmp.uri() });
    const KLIP_SECTIONS = ['tl;dr', 'Motivation and background', 'What is in scope', 'What is not in scope', 'Value/Return', 'Public APIS', 'Design', 'Test plan', 'Documentation Updates', 'Compatibility Implications', 'Security Implications'];
    const KEPLER_DRAFT = ['Problem Statement', 'Current Limitations', 'Goals', 'Non-Goals', 'Requirements', 'Functional Requirements', 'Non-Functional Requirements', 'Proposed Solution', 'High-Level Architecture', 'Key Design Choices'];
    const KEPLER_ACCEPTED = [...KEPLER_DRAFT, 'Detailed Design', 'Package Structure', 'API/Interface Changes', 'Configuration', 'Security Considerations', 'Deployment Examples', 'Kubernetes Environment', 'Standalone Deployment', 'Testing Strategy', 'Test Coverage', 'Migration and Compatibility', 'Backward Compatibility', 'Rollback Strategy', 'Metrics Output', 'Implementation Plan', 'Risks and Mitigations', 'Alternatives Considered', 'Success Metrics', 'Open Questions'];
    const keplerRow = (status: string, written: number, required: number, errors: number, next: string, missing: string[]): string =>
      `docs/developer/proposal/EP-001-gpu-power.md | EP-001: GPU Power | kepler | ${status} | ${written} of ${required} | ${errors} errors | next: ${next}: ${missing.join(', ')}`;
    assert.deepEqual(await list(), [
      `design-proposals/klip-1-faster-builds.md | KLIP 1 - Faster Builds | klip | In Discussion | 0 of 11 | 0 errors | next: Design Approved: ${KLIP_SECTIONS.join(', ')}`,
      // Design Approved is approved: its empty sections are errors (the tl;dr still the template's words, a
      // warning); In development also needs the LOEs.
      `design-proposals/klip-2-pausing.md | KLIP 2 - Pausing | klip | Design Approved | 1 of 11 | 9 errors | next: In development: ${['tl;dr', ...KLIP_SECTIONS.slice(2, 8), 'LOEs and Delivery Milestones', ...KLIP_SECTIONS.slice(8)].join(', ')}`,
      keplerRow('Draft', 1, 19, 0, 'Accepted', KEPLER_ACCEPTED),
    ]);

    // Written on disk: the next answer has it.
    tmp.write(klip.path, write(klip.text, 'Design', 'A cache.'));
    assert.equal((await list())[0], `design-proposals/klip-1-faster-builds.md | KLIP 1 - Faster Builds | klip | In Discussion | 1 of 11 | 0 errors | next: Design Approved: ${KLIP_SECTIONS.filter((x) => x !== 'Design').join(', ')}`);

    // Open in the editor: its unsaved text counts.
    const uri = tmp.uri(kepler.path);
    const text = write(kepler.text, 'Summary', 'Estimate GPU power.');
    await openDocument(s, uri, text);
    await changeDocument(s, uri, text.replace('**Status**: Draft', '**Status**: Accepted'));
    // Accepted: every unwritten required section is an error.
    assert.equal((await list())[2], keplerRow('Accepted', 1, 30, 29, 'Implemented', KEPLER_ACCEPTED));
  });

  it('lists nothing outside the workspace (a symbolic link is not followed) and no template', async () => {
    const klip = scaffold(template('klip'), INPUT, []);
    const outside = new TempFolder('pk-lsp-outside-');
    try {
      outside.write('klip-9-elsewhere.md', klip.text);
      tmp.write('ws/design-proposals/README.md', '# Proposals\n');
      fs.mkdirSync(path.join(tmp.root, 'ws/linked'));
      fs.symlinkSync(path.join(outside.root, 'klip-9-elsewhere.md'), path.join(tmp.root, 'ws/linked/klip-9-elsewhere.md'));
      fs.symlinkSync(outside.root, path.join(tmp.root, 'ws/linked-folder'));
      tmp.write('ws/.proposals/templates/klip.md', fs.readFileSync(path.join(ROOT, 'templates', 'klip.md'), 'utf8'));
      tmp.write(`ws/${klip.path}`, klip.text);
      s = await startSession({ rootUri: tmp.uri('ws') });
      assert.deepEqual((await s.connection.sendRequest(WorkspaceProposalsRequest, {})).map((p) => p.path), [klip.path]);
    } finally {
      outside.remove();
    }
  });
});
