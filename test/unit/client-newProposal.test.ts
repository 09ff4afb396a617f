import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createProposal, planProposal } from '../../server/src/node/create';
import { innermostFolder } from '../../server/src/core/workspace';
import { normalizeSig, validateSig, validateTitle } from '../../server/src/core/names';
import { sigFromFolder } from '../../server/src/lsp/newFiles';
import { chooseTarget, readPresets, templatePickItems, type TargetInput } from '../../client/src/newProposalPlan';
import { template } from './helpers';

/** chooseTarget, with the editor's answer to which workspace folder holds a path. */
const target = (input: Omit<TargetInput, 'folderOf'>): ReturnType<typeof chooseTarget> =>
  chooseTarget({ ...input, folderOf: (p) => innermostFolder(path, input.folders, p) });

describe('client: New Proposal decisions', () => {
  describe('which folder', () => {
    const folders = ['/w/app', '/w/app/docs', '/w/site'];

    it('a right-clicked folder: directly in it, from the innermost workspace folder holding it', () => {
      assert.deepEqual(target({ folders, clicked: '/w/app/docs/keps/sig-node' }), { kind: 'folder', root: '/w/app/docs', dir: '/w/app/docs/keps/sig-node' });
      assert.deepEqual(target({ folders, clicked: '/w/app/src', active: '/w/site/a.md' }), { kind: 'folder', root: '/w/app', dir: '/w/app/src' });
    });

    it('a right-clicked workspace folder itself: the template path from its root', () => {
      assert.deepEqual(target({ folders, clicked: '/w/site' }), { kind: 'folder', root: '/w/site' });
    });

    it('from the palette: the active file\'s workspace folder, else the only one, else ask, else none', () => {
      assert.deepEqual(target({ folders, active: '/w/site/docs/x.md' }), { kind: 'folder', root: '/w/site' });
      assert.deepEqual(target({ folders, active: '/elsewhere/x.md' }), { kind: 'ask', folders });
      assert.deepEqual(target({ folders: ['/w/one'] }), { kind: 'folder', root: '/w/one' });
      assert.deepEqual(target({ folders }), { kind: 'ask', folders });
      assert.deepEqual(target({ folders: [] }), { kind: 'none' });
      // '/w/apple' is not inside '/w/app'.
      assert.deepEqual(target({ folders: ['/w/app', '/w/b'], active: '/w/apple/x.md' }), { kind: 'ask', folders: ['/w/app', '/w/b'] });
    });
  });

  describe('which templates', () => {
    it('the pick list shows each template the server offers: name, id, description', () => {
      assert.deepEqual(templatePickItems([{ id: 'kep', name: 'KEP', description: 'Kubernetes Enhancement Proposal', sig: 'node' }]), [
        { label: 'KEP', description: 'kep', detail: 'Kubernetes Enhancement Proposal', id: 'kep' },
      ]);
    });

    it('presets: usable values only, trimmed; the SIG without "sig-"', () => {
      assert.deepEqual(readPresets({ template: ' klip ', title: '  ', sig: 'sig-node' }), { template: 'klip', sig: 'node' });
      assert.deepEqual(readPresets(['klip']), {});
    });
  });

  describe('what is asked', () => {
    it('the SIG only for templates that file proposals under one, offering the SIG the chosen folder names', () => {
      assert.equal(sigFromFolder('/w', '/w/keps/sig-node'), 'node');
      assert.equal(sigFromFolder('/w', '/w/keps/sig-api-machinery/1234-x'), 'api-machinery');
      assert.equal(sigFromFolder('/w', '/w/keps'), '');
      assert.equal(sigFromFolder('/w', undefined), '');
    });

    it('validates the title and the SIG', () => {
      assert.equal(validateTitle('  '), 'Give the proposal a title.');
      assert.equal(validateTitle('Faster Builds'), undefined);
      assert.equal(validateSig(''), 'Name the SIG that owns the proposal, e.g. node.');
      assert.equal(validateSig('sig-'), 'Name the SIG that owns the proposal, e.g. node.');
      assert.equal(validateSig('node/x'), 'A SIG name has only letters, digits and dashes, e.g. node or api-machinery.');
      assert.equal(validateSig('sig-api-machinery'), undefined);
      assert.equal(normalizeSig(' sig-node '), 'node');
    });
  });

  it('end to end: a KEP right-clicked into keps/sig-node lands directly there, with kep.yaml', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pk-client-'));
    try {
      const clicked = path.join(tmp, 'keps', 'sig-node');
      fs.mkdirSync(path.join(clicked, '7-older'), { recursive: true });
      const chosen = target({ folders: [tmp], clicked });
      assert.deepEqual(chosen, { kind: 'folder', root: tmp, dir: clicked });
      if (chosen.kind !== 'folder') return;
      const input = { title: 'Faster Builds', author: 'Ada', date: '2026-11-20', sig: sigFromFolder(tmp, chosen.dir) };
      // The language server's plan names the same files and writes nothing.
      const planned = planProposal(template('kep'), input, chosen);
      assert.equal(path.relative(tmp, planned.file), path.join('keps', 'sig-node', '8-faster-builds', 'README.md'));
      assert.equal(fs.existsSync(path.join(clicked, '8-faster-builds')), false);
      const created = createProposal(template('kep'), input, chosen);
      assert.equal(path.relative(tmp, created.file), path.join('keps', 'sig-node', '8-faster-builds', 'README.md'));
      assert.deepEqual(created.companions.map((c) => path.relative(tmp, c)), [path.join('keps', 'sig-node', '8-faster-builds', 'kep.yaml')]);
      assert.match(fs.readFileSync(created.companions[0], 'utf8'), /^owning-sig: sig-node$/m);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
