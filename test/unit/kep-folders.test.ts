/** KEP folders as kubernetes/enhancements lays them out: grouped a level deeper, with notes beside the README. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './helpers';

describe('KEP folders', () => {
  let root: string;
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  // A README with an empty Summary: its finding tells it was checked as a KEP.
  const KEP = ['# KEP-1234: Retries', '', '## Summary', '', '## Motivation', 'Why.', ''].join('\n');
  const YAML = 'title: Retries\nkep-number: 1234\nauthors: ["@ada"]\nowning-sig: sig-node\nstatus: provisional\ncreation-date: 2026-01-01\n';
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'pk-kep-folders-'))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('a KEP a level deeper (keps/sig-x/group/NNNN-name/README.md) is a KEP; other markdown in a KEP folder is not', () => {
    write('.proposalkit.json', '{}');
    write('keps/sig-node/cpu/1234-retries/README.md', KEP);
    write('keps/sig-node/cpu/1234-retries/kep.yaml', YAML);
    // Notes beside a KEP: headings that would otherwise fit the KEP template well enough.
    write('keps/sig-node/cpu/1234-retries/design-notes.md', ['# Design notes', '', '## Summary', 'S.', '## Motivation', 'M.', '## Proposal', 'P.', '## Design Details', ''].join('\n'));
    const r = runCli(['check', '--format', 'json', '.'], root);
    const files = (JSON.parse(r.out) as { files: { path: string; template: { id: string } | null; findings: { rule: string; section: string | null }[] }[] }).files;
    assert.deepEqual(files[0].findings.filter((f) => f.rule === 'empty-section').map((f) => f.section), ['Summary']);
    assert.deepEqual(
      files.map((f) => [f.path, f.template?.id ?? null]),
      [
        ['keps/sig-node/cpu/1234-retries/README.md', 'kep'],
        ['keps/sig-node/cpu/1234-retries/kep.yaml', null],
        ['keps/sig-node/cpu/1234-retries/design-notes.md', null],
      ],
    );
  });
});
