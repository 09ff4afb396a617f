import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSession, TempFolder } from './client';

const ROOT = path.resolve(__dirname, '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The package as `npm install -g` gives it: packed from the built tree, installed into a prefix of its own. */
describe('the package, installed with npm install -g', function () {
  this.timeout(120000);
  let tmp: TempFolder;
  let bin: string;
  before(() => {
    tmp = new TempFolder('pk-package-');
    const packed = JSON.parse(execFileSync(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp.root], { cwd: ROOT, encoding: 'utf8' })) as { filename: string; files: { path: string }[] }[];
    assert.deepEqual(packed[0].files.map((f) => f.path).filter((f) => f.startsWith('dist/')).sort(), ['dist/browser-extension.js', 'dist/browser-server.js', 'dist/cli.js', 'dist/extension.js', 'dist/server.js']);
    const prefix = path.join(tmp.root, 'prefix');
    execFileSync(NPM, ['install', '--global', '--prefix', prefix, '--ignore-scripts', '--no-audit', '--no-fund', '--offline', path.join(tmp.root, packed[0].filename)], { encoding: 'utf8' });
    bin = process.platform === 'win32' ? prefix : path.join(prefix, 'bin');
  });
  after(() => tmp.remove());

  it('proposal-kit runs from the installed package, with its built-in templates', () => {
    assert.equal(execFileSync(path.join(bin, 'proposal-kit'), ['--version'], { encoding: 'utf8' }), `${VERSION}\n`);
    const listed = execFileSync(path.join(bin, 'proposal-kit'), ['templates'], { cwd: tmp.root, encoding: 'utf8' });
    assert.deepEqual(listed.split('\n').filter(Boolean).map((l) => l.split(' ')[0]), ['kep', 'kepler', 'klip', 'materialize']);
  });

  it('proposal-kit-language-server answers initialize over stdio', async () => {
    const s = await startSession({ command: [path.join(bin, 'proposal-kit-language-server'), '--stdio'] });
    try {
      assert.deepEqual((s.initializeResult as unknown as { serverInfo: unknown }).serverInfo, { name: 'proposal-kit', version: VERSION });
    } finally {
      await s.close();
    }
  });
});
