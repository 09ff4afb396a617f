/**
 * The web build's workspace reading, on Node: the '/'-separated path operations, and the snapshot
 * of a workspace read through a file-request interface (here answered from the disk) listing what
 * the Node host lists from the disk itself.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Snapshot, type SnapshotReader } from '../../server/src/browser/snapshot';
import { posixPath } from '../../server/src/core/posixPath';
import { listMarkdown, listTree } from '../../server/src/node/files';
import { loadProjectConfig } from '../../server/src/node/config';
import { configOfFolder } from '../../server/src/core/workspace';
import { fileText } from '../../client/src/fileText';
import { TempFolder } from '../lsp/client';
import { ROOT } from './helpers';

/** Answers the snapshot's requests from the disk, as the extension answers them from the editor's file system. */
const diskReader: SnapshotReader = {
  async readDirectory(dir) {
    try {
      return fs.readdirSync(dir, { withFileTypes: true }).map((e) => [e.name, (e.isFile() ? 1 : 0) | (e.isDirectory() ? 2 : 0) | (e.isSymbolicLink() ? 64 : 0)]);
    } catch {
      return null;
    }
  },
  async readFile(file, maxBytes) {
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (!st) return { problem: 'missing' };
    if (st.isDirectory()) return { problem: 'folder' };
    return fileText(fs.readFileSync(file), maxBytes, st.mtimeMs);
  },
};

describe('the web build: reading the workspace without a file system', () => {
  it('posixPath answers as node\'s path.posix', () => {
    const cases: [keyof typeof posixPath, string[]][] = [
      ['resolve', ['/a/b', '../c']],
      ['resolve', ['/a', 'b/./c/']],
      ['resolve', ['/a', '/x', 'y']],
      ['join', ['/a', 'b', '../c']],
      ['join', ['a', '.proposals', 'templates']],
      ['relative', ['/a/b', '/a/b/c/d']],
      ['relative', ['/a/b', '/a/x']],
      ['relative', ['/a/b', '/a/b']],
      ['dirname', ['/a/b/c']],
      ['dirname', ['/a']],
      ['basename', ['/a/b.md']],
      ['isAbsolute', ['a/b']],
    ];
    for (const [fn, args] of cases) {
      const ours = (posixPath[fn] as (...a: string[]) => unknown)(...args);
      assert.equal(ours, (path.posix[fn] as (...a: string[]) => unknown)(...args), `${fn}(${args.join(', ')})`);
    }
  });

  it('the snapshot lists the markdown files and the tree as the Node host does, and holds the configuration, the template folders and each kep.yaml', async () => {
    const tmp = new TempFolder('pk-snapshot-');
    try {
      const root = path.join(tmp.root, 'ws');
      fs.cpSync(path.join(ROOT, 'test', 'e2e', 'fixtures', 'workspace'), root, { recursive: true });
      fs.mkdirSync(path.join(root, 'node_modules', 'x'), { recursive: true });
      fs.writeFileSync(path.join(root, 'node_modules', 'x', 'README.md'), '# not listed\n');
      fs.symlinkSync(path.join(ROOT, 'templates'), path.join(root, 'linked'));
      const kepYaml = path.join(root, 'keps', 'sig-node', '9999-example', 'kep.yaml');
      fs.mkdirSync(path.dirname(kepYaml), { recursive: true });
      fs.writeFileSync(kepYaml, 'title: Example\nkep-number: 9999\nstatus: provisional\n');
      const snapshot = await Snapshot.read(diskReader, [root], []);
      assert.deepEqual(snapshot.listMarkdown(root, 2000), listMarkdown(root, 2000));
      assert.deepEqual(snapshot.listMarkdown(root, 3), listMarkdown(root, 3));
      assert.deepEqual(snapshot.listTree(root).sort(), listTree(root).filter((p) => !p.startsWith('linked')).sort());
      assert.deepEqual(configOfFolder({ path: posixPath, isDirectory: (d) => snapshot.kind(d) === 'dir' }, root, (f) => snapshot.read(f)), loadProjectConfig(root));
      assert.deepEqual(snapshot.read(kepYaml), { text: 'title: Example\nkep-number: 9999\nstatus: provisional\n' });
      const template = path.join(root, '.proposals', 'templates', fs.readdirSync(path.join(root, '.proposals', 'templates'))[0]);
      assert.deepEqual(snapshot.read(template), { text: fs.readFileSync(template, 'utf8') });
      // A symbolic link is not followed, and a file the snapshot did not read is missing.
      assert.equal(snapshot.kind(path.join(root, 'linked')), undefined);
      assert.deepEqual(snapshot.read(path.join(root, 'README.md')), { failure: 'missing' });
    } finally {
      tmp.remove();
    }
  });

  it('a file\'s text is refused when too large, binary or not UTF-8', () => {
    const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
    assert.deepEqual(fileText(bytes('# Title\n'), 100, 7), { text: '# Title\n', size: 8, mtime: 7 });
    assert.deepEqual(fileText(bytes('# Title\n'), 4, 7), { problem: 'too-large', size: 8, mtime: 7 });
    assert.deepEqual(fileText(new Uint8Array([35, 0, 10]), 100, 7), { problem: 'binary', size: 3, mtime: 7 });
    assert.deepEqual(fileText(new Uint8Array([35, 0xff, 10]), 100, 7), { problem: 'not-utf8', size: 3, mtime: 7 });
  });
});
