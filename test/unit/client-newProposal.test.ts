import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TemplateError } from '../../server/src/core';
import { createProposal } from '../../server/src/node/create';
import { loadTemplateDirs } from '../../server/src/node/templates';
import {
  chooseAuthor,
  chooseTarget,
  gitCwd,
  localDate,
  needsSig,
  normalizeSig,
  proposalFolder,
  sigFromFolder,
  templateDirs,
  templateErrorMessage,
  templatePickItems,
  validateSig,
  validateTitle,
  withProjectConfig,
} from '../../client/src/newProposalPlan';
import { readProjectConfig } from '../../server/src/core/config';
import { readSettings } from '../../client/src/settings';
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
    it('built-in, then .proposals/templates when present, then the configured folders (workspace-relative or absolute), without repeats', () => {
      const exists = (d: string): boolean => d === '/w/app/.proposals/templates';
      assert.deepEqual(templateDirs({ builtin: '/ext/templates', root: '/w/app', configured: ['docs/templates', '/shared/tpl', '.proposals/templates'], exists }), [
        '/ext/templates',
        '/w/app/.proposals/templates',
        '/w/app/docs/templates',
        '/shared/tpl',
      ]);
      assert.deepEqual(templateDirs({ builtin: '/ext/templates', root: '/w/app', configured: [], exists: () => false }), ['/ext/templates']);
    });

    it('a workspace template replaces the built-in one with its id and is offered in the pick list', () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pk-client-'));
      try {
        const dir = path.join(tmp, '.proposals', 'templates');
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, 'klip.md'), '---\nid: klip\nname: Our KLIP\ndescription: The team\'s own KLIP\n---\n# {title}\n\n## Why\n');
        fs.writeFileSync(path.join(dir, 'broken.md'), '---\nid: [\n---\n## A\n');
        const loaded = loadTemplateDirs(templateDirs({ builtin: path.join(ROOT, 'templates'), root: tmp, configured: [], exists: fs.existsSync }));
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

  describe('author, date and settings', () => {
    it('the author is git\'s user.name, else the setting, else none', () => {
      assert.equal(chooseAuthor('Ada Lovelace', 'Setting Name'), 'Ada Lovelace');
      assert.equal(chooseAuthor(null, ' Setting Name '), 'Setting Name');
      assert.equal(chooseAuthor('  ', undefined), undefined);
    });

    it('git runs in the workspace folder only when the workspace is trusted', () => {
      assert.equal(gitCwd('/w/app', true, '/home/ada'), '/w/app');
      assert.equal(gitCwd('/w/app', false, '/home/ada'), '/home/ada');
    });

    it('the date is local, YYYY-MM-DD', () => {
      assert.equal(localDate(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
      assert.equal(localDate(new Date(2026, 10, 20, 0, 1)), '2026-11-20');
    });

    it('settings: template folders as strings, a blank author is none', () => {
      const values: Record<string, unknown> = { templates: [' docs/templates ', 3, '', null, '/abs'], author: '  ' };
      assert.deepEqual(readSettings((k) => values[k]), { templates: ['docs/templates', '/abs'], author: undefined });
      assert.deepEqual(readSettings(() => undefined), { templates: [], author: undefined });
      assert.deepEqual(readSettings((k) => (k === 'author' ? ' Ada ' : 'not a list')), { templates: [], author: 'Ada' });
    });

    it('.proposalkit.json under the user\'s settings: template folders from both, the user\'s author first; its folder per template', () => {
      const config = readProjectConfig('{ "templates": ["team/templates"], "author": "Team", "newProposalFolders": { "madr": "docs/decisions" } }', 'file').config;
      assert.deepEqual(withProjectConfig({ templates: ['mine', 'team/templates'], author: undefined }, config), { templates: ['team/templates', 'mine'], author: 'Team' });
      assert.deepEqual(withProjectConfig({ templates: [], author: 'Ada' }, config), { templates: ['team/templates'], author: 'Ada' });
      assert.deepEqual(withProjectConfig({ templates: ['x'], author: undefined }, null), { templates: ['x'], author: undefined });
      const root = path.resolve('/w/app');
      assert.equal(proposalFolder(root, undefined, config, 'madr'), path.join(root, 'docs', 'decisions'));
      assert.equal(proposalFolder(root, path.join(root, 'elsewhere'), config, 'madr'), path.join(root, 'elsewhere'));
      assert.equal(proposalFolder(root, undefined, config, 'klip'), undefined);
      assert.equal(proposalFolder(root, undefined, null, 'madr'), undefined);
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
