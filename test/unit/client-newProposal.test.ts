import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TemplateError } from '../../server/src/core';
import { createProposal } from '../../server/src/node/create';
import { nodeWorkspaceHost } from '../../server/src/node/workspaceHost';
import { Workspace } from '../../server/src/core/workspace';
import {
  chooseTarget,
  needsSig,
  normalizeSig,
  sigFromFolder,
  templateErrorMessage,
  templatePickItems,
  validateSig,
  validateTitle,
} from '../../client/src/newProposalPlan';
import { builtinTemplates, ROOT, template } from './helpers';

describe('client: New Proposal decisions', () => {
  describe('which folder', () => {
    const folders = ['/w/app', '/w/app/docs', '/w/site'];

    it('a right-clicked folder: directly in it, from the innermost workspace folder holding it', () => {
      assert.deepEqual(chooseTarget({ folders, clicked: '/w/app/docs/keps/sig-node' }), { kind: 'folder', root: '/w/app/docs', dir: '/w/app/docs/keps/sig-node' });
      assert.deepEqual(chooseTarget({ folders, clicked: '/w/app/src', active: '/w/site/a.md' }), { kind: 'folder', root: '/w/app', dir: '/w/app/src' });
    });

    it('a right-clicked workspace folder itself: the template path from its root', () => {
      assert.deepEqual(chooseTarget({ folders, clicked: '/w/site' }), { kind: 'folder', root: '/w/site' });
    });

    it('from the palette: the active file\'s workspace folder, else the only one, else ask, else none', () => {
      assert.deepEqual(chooseTarget({ folders, active: '/w/site/docs/x.md' }), { kind: 'folder', root: '/w/site' });
      assert.deepEqual(chooseTarget({ folders, active: '/elsewhere/x.md' }), { kind: 'ask', folders });
      assert.deepEqual(chooseTarget({ folders: ['/w/one'] }), { kind: 'folder', root: '/w/one' });
      assert.deepEqual(chooseTarget({ folders }), { kind: 'ask', folders });
      assert.deepEqual(chooseTarget({ folders: [] }), { kind: 'none' });
      // '/w/apple' is not inside '/w/app'.
      assert.deepEqual(chooseTarget({ folders: ['/w/app', '/w/b'], active: '/w/apple/x.md' }), { kind: 'ask', folders: ['/w/app', '/w/b'] });
    });
  });

  describe('which templates', () => {
    it('a workspace template replaces the built-in one with its id and is offered in the pick list', () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pk-client-'));
      try {
        const dir = path.join(tmp, '.proposals', 'templates');
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, 'klip.md'), '---\nid: klip\nname: Our KLIP\ndescription: The team\'s own KLIP\n---\n# {title}\n\n## Why\n');
        fs.writeFileSync(path.join(dir, 'broken.md'), '---\nid: [\n---\n## A\n');
        const ws = new Workspace({ ...nodeWorkspaceHost(), builtinTemplates: path.join(ROOT, 'templates') }, { folders: [tmp], trusted: true, reader: 'editor' });
        const loaded = { ...ws.load(), templates: ws.templates };
        assert.deepEqual(templatePickItems(loaded.templates), [
          { label: 'KEP', description: 'kep', detail: template('kep').description, id: 'kep' },
          { label: 'Kepler EP', description: 'kepler', detail: template('kepler').description, id: 'kepler' },
          { label: 'Our KLIP', description: 'klip', detail: "The team's own KLIP", id: 'klip' },
          { label: 'Materialize', description: 'materialize', detail: template('materialize').description, id: 'materialize' },
        ]);
        // The broken template is reported once, relative to the workspace folder, with its line.
        const shown = new Set<string>();
        const message = templateErrorMessage(loaded.errors, tmp, shown);
        assert.match(message ?? '', /^Proposal Kit skipped a template with an error: \.proposals\/templates\/broken\.md:2: /);
        assert.equal(templateErrorMessage(loaded.errors, tmp, shown), undefined);
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });

    it('template errors: several in one message, paths outside the workspace kept absolute', () => {
      const errors = [new TemplateError('/w/app/t/a.md', 3, 'Bad id.'), new TemplateError('/shared/b.md', 1, 'No headings.')];
      assert.equal(
        templateErrorMessage(errors, '/w/app', new Set()),
        'Proposal Kit skipped 2 templates with errors: t/a.md:3: Bad id. /shared/b.md:1: No headings.',
      );
    });
  });

  describe('what is asked', () => {
    it('the SIG only for templates that file proposals under one, offering the SIG the chosen folder names', () => {
      assert.deepEqual(builtinTemplates().filter(needsSig).map((t) => t.id), ['kep']);
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
      const target = chooseTarget({ folders: [tmp], clicked });
      assert.deepEqual(target, { kind: 'folder', root: tmp, dir: clicked });
      if (target.kind !== 'folder') return;
      const created = createProposal(template('kep'), { title: 'Faster Builds', author: 'Ada', date: '2026-11-20', sig: sigFromFolder(tmp, target.dir) }, target);
      assert.equal(path.relative(tmp, created.file), path.join('keps', 'sig-node', '8-faster-builds', 'README.md'));
      assert.deepEqual(created.companions.map((c) => path.relative(tmp, c)), [path.join('keps', 'sig-node', '8-faster-builds', 'kep.yaml')]);
      assert.match(fs.readFileSync(created.companions[0], 'utf8'), /^owning-sig: sig-node$/m);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
