import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { readProjectConfig } from '../../server/src/core/config';
import { DEFAULT_SETTINGS, localDate, readSettings, Workspace, type TemplateDir, type WorkspaceHost, type WorkspaceOptions } from '../../server/src/core/workspace';

const posix = path.posix;

interface FakeDisk {
  /** Folders that exist. */
  folders: string[];
  /** Configuration text by workspace folder. */
  configs?: Record<string, string>;
  /** Symbolic links: a path and where it resolves. */
  links?: Record<string, string>;
  /** Files and their text. */
  files?: Record<string, string>;
}

/** A workspace over an in-memory disk; records what it loads and where git runs. */
function workspace(disk: FakeDisk, options: WorkspaceOptions): { ws: Workspace; loaded: TemplateDir[][]; git: (string | null)[] } {
  const loaded: TemplateDir[][] = [];
  const git: (string | null)[] = [];
  const real = (p: string): string => {
    for (const [link, target] of Object.entries(disk.links ?? {})) {
      if (p === link || p.startsWith(`${link}/`)) return target + p.slice(link.length);
    }
    return p;
  };
  const host: WorkspaceHost = {
    path: posix,
    builtinTemplates: '/ext/templates',
    isDirectory: (d) => disk.folders.includes(d),
    isInside: (root, p) => {
      const rel = posix.relative(root, real(p));
      return rel === '' || (!rel.startsWith('..') && !posix.isAbsolute(rel));
    },
    readConfig: (root) => {
      const text = disk.configs?.[root];
      if (text === undefined) return null;
      const read = readProjectConfig(text, 'file');
      return { file: `${root}/.proposalkit.json`, source: 'file', text, config: read.config!, issues: read.issues };
    },
    loadTemplates: (dirs) => {
      loaded.push([...dirs]);
      return { templates: [], errors: [] };
    },
    readText: (file) => disk.files?.[file],
    listMarkdown: (root, limit) => Object.keys(disk.files ?? {}).filter((f) => f.startsWith(`${root}/`) && f.endsWith('.md')).sort().slice(0, limit),
    firstCommitDate: () => null,
    gitUserName: (folder) => {
      git.push(folder);
      return folder === null ? 'Global Name' : 'Repository Name';
    },
  };
  return { ws: new Workspace(host, options), loaded, git };
}

const REFUSED_EDITOR =
  "The template folder '../shared' in the workspace's configuration is outside the workspace (or a symbolic link out of it); in Restricted Mode it is not read. Trust the workspace to use it, or move the templates into the workspace.";
const REFUSED_CLI =
  "The template folder '../shared' in the workspace's configuration is outside the workspace (or a symbolic link out of it); the command line reads only template folders inside the workspace. Name it with --templates DIR to use it, or move the templates into the workspace.";

describe('workspace', () => {
  const disk: FakeDisk = {
    folders: ['/w/app/.proposals/templates', '/w/app/team', '/w/shared', '/w/app/mine', '/w/site/.proposals/templates', '/w/app/linked'],
    configs: { '/w/app': '{ "templates": ["team", "../shared", "linked", "gone"] }' },
    links: { '/w/app/linked': '/etc' },
  };

  describe('template folders and their order', () => {
    it('trusted editor: built-in, then per folder its .proposals/templates, its configuration\'s folders, the setting\'s; absent ones skipped, none twice', () => {
      const { ws, loaded } = workspace(disk, { folders: ['/w/app', '/w/site'], trusted: true, reader: 'editor' });
      assert.deepEqual(ws.load(['mine', 'team', 'missing']), { errors: [], refused: [] });
      assert.deepEqual(loaded, [
        ['/ext/templates', '/w/app/.proposals/templates', '/w/app/team', '/w/shared', '/w/app/linked', '/w/app/mine', '/w/site/.proposals/templates'],
      ]);
    });

    it('Restricted Mode: a configured folder outside the workspace is refused, and what the workspace names is read only inside it', () => {
      const { ws, loaded } = workspace(disk, { folders: ['/w/app'], trusted: false, reader: 'editor' });
      // 'linked' is refused too: it is a symbolic link out of the workspace.
      assert.deepEqual(ws.load(['mine']), { errors: [], refused: [REFUSED_EDITOR, REFUSED_EDITOR.replace("'../shared'", "'linked'")] });
      assert.deepEqual(loaded, [
        ['/ext/templates', { dir: '/w/app/.proposals/templates', within: '/w/app' }, { dir: '/w/app/team', within: '/w/app' }, '/w/app/mine'],
      ]);
    });

    it('the command line: refuses like Restricted Mode, says to use --templates, and keeps a --templates folder that does not exist (its error says so)', () => {
      const { ws, loaded } = workspace(disk, { folders: ['/w/app'], trusted: false, reader: 'cli' });
      const { refused } = ws.load(['/tmp/no-such-folder']);
      assert.deepEqual(refused, [REFUSED_CLI, REFUSED_CLI.replace("'../shared'", "'linked'")]);
      assert.deepEqual(loaded[0].at(-1), '/tmp/no-such-folder');
    });
  });

  describe('settings', () => {
    it('the configuration file, then the editor\'s settings on top; a file outside every folder gets the editor\'s alone', () => {
      const { ws } = workspace(
        { folders: [], configs: { '/w/app': '{ "files": ["docs/**"], "rules": { "section-order": "off", "metadata": "hint" }, "templates": ["t"], "author": "Team" }' } },
        { folders: ['/w/app'], trusted: true, reader: 'editor' },
      );
      ws.load();
      const user = readSettings({ rules: { metadata: 'error' }, templates: [' mine '], author: '  ' });
      assert.deepEqual(ws.settingsFor('/w/app/docs/a.md', user), {
        files: ['docs/**'],
        rules: { 'section-order': 'off', metadata: 'error' },
        templates: ['t', 'mine'],
        author: 'Team',
        templateFor: [],
        maxFileSizeMB: 5,
      });
      assert.deepEqual(ws.settingsFor('/elsewhere/a.md', user), { ...DEFAULT_SETTINGS, rules: { metadata: 'error' }, templates: ['mine'] });
      assert.deepEqual(ws.settingsFor(undefined), DEFAULT_SETTINGS);
    });
  });

  describe('which files are proposals', () => {
    const { ws } = workspace(
      { folders: [], configs: { '/w/app': '{ "files": ["docs/**/*.md"], "templateFor": { "docs/adr/*.md": "madr" } }' } },
      { folders: ['/w/app', '/w/app/nested'], trusted: true, reader: 'editor' },
    );
    ws.load();

    it('the innermost workspace folder holds a file; a sibling with a longer name is not inside', () => {
      assert.equal(ws.rootOf('/w/app/nested/x.md'), '/w/app/nested');
      assert.equal(ws.rootOf('/w/app/docs/x.md'), '/w/app');
      assert.equal(ws.rootOf('/w/apple/x.md'), undefined);
      assert.equal(ws.relativePath('/w/app/docs/adr/1.md'), 'docs/adr/1.md');
    });

    it('the files globs and templateFor, from the file\'s folder; --template first; configuration files never; outside the folders and untitled: checked', () => {
      const settings = ws.settingsFor('/w/app/docs/adr/1.md');
      assert.deepEqual(ws.checkPlan('/w/app/docs/adr/1.md', settings), { template: 'madr' });
      assert.deepEqual(ws.checkPlan('/w/app/docs/notes.md', settings), { template: undefined });
      assert.equal(ws.checkPlan('/w/app/README.md', settings), null);
      assert.deepEqual(ws.checkPlan('/w/app/README.md', settings, 'klip'), { template: 'klip' });
      assert.equal(ws.checkPlan('/w/app/docs/.proposalkit.json', settings), null);
      assert.equal(ws.checkPlan('/w/app/package.json', settings), null);
      assert.deepEqual(ws.checkPlan('/tmp/klip-1.md', settings), { template: undefined });
      assert.deepEqual(ws.checkPlan(undefined, settings), { template: undefined });
    });
  });

  describe('companions', () => {
    it('a KEP README brings its kep.yaml; a kep.yaml names its README', () => {
      const { ws } = workspace({ folders: [], files: { '/w/keps/1-x/kep.yaml': 'title: X\n' } }, { folders: ['/w'], trusted: true, reader: 'editor' });
      assert.equal(ws.kepYamlFor('/w/keps/1-x/readme.MD'), '/w/keps/1-x/kep.yaml');
      assert.equal(ws.kepYamlFor('/w/keps/1-x/design.md'), null);
      assert.equal(ws.readmeFor('/w/keps/1-x/kep.yaml'), '/w/keps/1-x/README.md');
      assert.equal(ws.readmeFor('/w/keps/1-x/other.yaml'), null);
      assert.deepEqual(ws.companions('/w/keps/1-x/README.md'), { kepYaml: 'title: X\n' });
      assert.deepEqual(ws.companions('/w/keps/2-y/README.md'), {});
      assert.deepEqual(ws.companions('/w/keps/2-y/README.md', () => 'unsaved'), { kepYaml: 'unsaved' });
    });
  });

  describe('new proposals', () => {
    it('the folder: the one chosen, else the configuration\'s for the template, else the template\'s own path', () => {
      const { ws } = workspace({ folders: [], configs: { '/w/app': '{ "newProposalFolders": { "madr": "docs/decisions" } }' } }, { folders: ['/w/app'], trusted: true, reader: 'editor' });
      ws.load();
      assert.equal(ws.proposalFolder('/w/app', undefined, 'madr'), '/w/app/docs/decisions');
      assert.equal(ws.proposalFolder('/w/app', '/w/app/elsewhere', 'madr'), '/w/app/elsewhere');
      assert.equal(ws.proposalFolder('/w/app', undefined, 'klip'), undefined);
    });

    it('the author: git\'s user.name (the repository\'s only when trusted), else the settings\', else none', () => {
      const trusted = workspace({ folders: [] }, { folders: ['/w/app'], trusted: true, reader: 'editor' });
      assert.equal(trusted.ws.authorFor('/w/app', DEFAULT_SETTINGS), 'Repository Name');
      const restricted = workspace({ folders: [] }, { folders: ['/w/app'], trusted: false, reader: 'editor' });
      assert.equal(restricted.ws.authorFor('/w/app', DEFAULT_SETTINGS), 'Global Name');
      assert.deepEqual([...trusted.git, ...restricted.git], ['/w/app', null]);
      const noGit = new Workspace({ ...trusted.ws.host, gitUserName: () => null }, trusted.ws.options);
      assert.equal(noGit.authorFor('/w/app', { ...DEFAULT_SETTINGS, author: ' Setting Name ' }), 'Setting Name');
      assert.equal(noGit.authorFor('/w/app', DEFAULT_SETTINGS), undefined);
    });

    it('the date is local, YYYY-MM-DD', () => {
      assert.equal(localDate(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
      assert.equal(localDate(new Date(2026, 10, 20, 0, 1)), '2026-11-20');
    });
  });
});
