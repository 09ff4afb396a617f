/**
 * `npm run bench`: Proposal Kit's speed and memory against markdownlint (rule MD043 only, the
 * nearest existing check, configured with the KEP template's headings), measured in the same run.
 * Prints each figure, the peer's figure and their ratio against the target.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint } from 'markdownlint/sync';
import { checkModel, parseTemplate } from '../server/src/core/index.ts';
import { fixesFor } from '../server/src/core/fixes.ts';
import { IncrementalParser, parseDocument, splitPieces } from '../server/src/core/incremental.ts';
import { quickParse } from '../server/src/core/quick.ts';
import { loadTemplateDirs } from '../server/src/node/templates.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(root, '..', 'shared', 'corpus', 'real');
const { templates } = loadTemplateDirs([path.join(root, 'templates')]);
const kep = templates.find((t) => t.id === 'kep');
if (!kep) throw new Error('no KEP template');

const files = fs
  .readdirSync(corpus)
  .flatMap((family) => fs.readdirSync(path.join(corpus, family)).filter((n) => n.endsWith('.md')).map((n) => path.join(corpus, family, n)));
const texts = new Map(files.map((f) => [f, fs.readFileSync(f, 'utf8')]));
const largest = [...texts.entries()].reduce((a, b) => (a[1].length > b[1].length ? a : b));

const md043 = { default: false, MD043: { headings: ['*', ...kep.sections.map((s) => `${'#'.repeat(s.level)} ${s.title}`), '*'] } };
const markdownlint = (strings: Record<string, string>): void => {
  lint({ strings, config: md043 });
};

/** Median of `runs` timings of `f`, in milliseconds, after `warm` untimed runs. */
function median(f: () => void, runs: number, warm = 3): number {
  for (let i = 0; i < warm; i++) f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const rows: string[][] = [];
const report = (name: string, ours: number, peer: number | null, target: string, ok: boolean, unit = 'ms'): void => {
  rows.push([name, `${ours.toFixed(2)} ${unit}`, peer === null ? '-' : `${peer.toFixed(2)} ${unit}`, peer === null ? '-' : (ours / peer).toFixed(3), target, ok ? 'met' : 'NOT MET']);
};

// 1. Per edit: a one-character edit inside one section of the largest KEP, then the analysis the
//    server keeps for the new version (incremental parse + every rule).
{
  const [file, text] = largest;
  const rel = 'keps/sig-x/5517-x/README.md';
  const parser = new IncrementalParser();
  checkModel(parser.parse(text), templates, { path: rel });
  const at = text.indexOf('\n\n', Math.floor(text.length / 2)) + 2;
  let n = 0;
  const ours = median(() => {
    const edited = `${text.slice(0, at)}${'x'.repeat(++n % 2)}${text.slice(at)}`;
    checkModel(parser.parse(edited), templates, { path: rel });
  }, 41);
  const peer = median(() => markdownlint({ [file]: text }), 11);
  report(`per edit, ${path.basename(file)} (${Math.round(text.length / 1024)} KB)`, ours, peer, '<= 0.05 x', ours <= 0.05 * peer);
}

// 2. Cold: every real proposal checked once. First as users run it, `proposal-kit check` (the
//    bundled CLI, as it runs by default) against markdownlint's own run over the same files, each a
//    fresh Node process, taken in turns; then both in this process, warm and on one thread.
{
  const cli = path.join(root, 'dist', 'cli.js');
  const peerScript = path.join(root, 'bench', 'markdownlint-peer.mjs');
  const wall = (args: string[]): number => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const ms = performance.now() - t0;
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
    return ms;
  };
  const headings = JSON.stringify(md043.MD043.headings);
  const ourRuns: number[] = [];
  const peerRuns: number[] = [];
  for (let i = 0; i < 9; i++) {
    ourRuns.push(wall([cli, 'check', '--format', 'json', corpus]));
    peerRuns.push(wall([peerScript, headings, corpus]));
  }
  // The fastest run of each is the one least disturbed by anything else on the machine; the
  // medians follow, for a machine as busy as it was during the run.
  const fastest = (xs: number[]): number => Math.min(...xs);
  const mid = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const kb = Math.round([...texts.values()].reduce((a, t) => a + t.length, 0) / 1024);
  const ours = fastest(ourRuns);
  const peer = fastest(peerRuns);
  report(`cold check, proposal-kit check, ${texts.size} files (${kb} KB), ${os.availableParallelism()} cores, fastest of 9`, ours, peer, '<= 0.5 x', ours <= 0.5 * peer);
  rows.push([`  median of the 9 runs`, `${mid(ourRuns).toFixed(2)} ms`, `${mid(peerRuns).toFixed(2)} ms`, (mid(ourRuns) / mid(peerRuns)).toFixed(3), '', '']);

  const all = Object.fromEntries(texts);
  const inOurs = median(() => {
    for (const [f, t] of texts) checkModel(parseDocument(t), templates, { path: f });
  }, 5, 1);
  const inPeer = median(() => markdownlint(all), 5, 1);
  rows.push([`  the same in one process, warm, one thread`, `${inOurs.toFixed(2)} ms`, `${inPeer.toFixed(2)} ms`, (inOurs / inPeer).toFixed(3), '', '']);
  // How much of the text the quick reader builds the tree for (the rest goes to remark).
  let quick = 0;
  let total = 0;
  for (const t of texts.values()) {
    for (const p of splitPieces(t).pieces) {
      const body = t.slice(p.start, p.end);
      total += body.length;
      if (quickParse(body)) quick += body.length;
    }
  }
  rows.push([`  text read by the quick reader (the rest by remark)`, `${((100 * quick) / total).toFixed(1)} %`, '-', '-', '', '']);
}

// 3. Growth: time per KB from 100 KB to 1.6 MB (real sections repeated, each copy made different
//    so that nothing is reused), parsed as `check` and the server parse a document, and checked.
{
  const sections = largest[1].split(/(?=^## )/m).slice(1);
  // Every line that starts with text (after list markers, heading marks or indentation) gets the
  // copy's number, so that no piece of one copy equals a piece of another (fence lines are left).
  const mark = (section: string, i: number): string =>
    section.replace(/^(\s*(?:(?:[-*+]|\d+\.)\s+|#+\s+)?)([A-Za-z*_[(].*)$/gm, `$1$2 (${i})`);
  const build = (kb: number): string => {
    let out = '# KEP-1: Growth\n\n';
    for (let i = 0; out.length < kb * 1024; i++) out += mark(sections[i % sections.length], i);
    return out;
  };
  const perKb: number[] = [];
  for (const kb of [100, 200, 400, 800, 1600]) {
    const doc = build(kb);
    const ms = median(() => checkModel(parseDocument(doc), templates, { path: 'keps/sig-x/1-x/README.md' }), 3, 1);
    perKb.push(ms / kb);
    rows.push([`growth ${kb} KB`, `${(ms / kb).toFixed(3)} ms/KB`, '-', '-', '', '']);
  }
  const ratio = perKb[perKb.length - 1] / perKb[0];
  report('growth, ms/KB at 1.6 MB / at 100 KB', ratio, null, '<= 1.5', ratio <= 1.5, 'x');
}

// 4. Memory: the ten largest documents opened and edited 200 times each, as the server keeps them.
{
  const ten = [...texts.entries()].sort((a, b) => b[1].length - a[1].length).slice(0, 10);
  const parsers = ten.map(() => new IncrementalParser());
  const heap = (): number => {
    (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage().heapUsed / 1024 / 1024;
  };
  const edit = (round: number): void => {
    ten.forEach(([f, t], i) => {
      const at = (round * 7919) % t.length;
      checkModel(parsers[i].parse(`${t.slice(0, at)}${round % 2 ? 'x' : ''}${t.slice(at)}`), templates, { path: f });
    });
  };
  for (let r = 0; r < 20; r++) edit(r);
  const before = heap();
  for (let r = 20; r < 220; r++) edit(r);
  const after = heap();
  report('heap after 200 more edits of the 10 largest (growth)', after - before, null, '<= 10 MB', after - before <= 10, 'MB');
  rows.push(['heap in use', `${after.toFixed(1)} MB`, '-', '-', '', '']);
}

// 5. Start-up: what opening a first markdown file costs before any check. The language server's
//    time from launch to its answer to `initialize`, and its memory then; the extension bundle's
//    load time (VS Code loads it on the first markdown file; it only starts the server).
{
  const server = path.join(root, 'dist', 'server.js');
  const times: number[] = [];
  let rss = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    await new Promise<void>((resolve) => {
      let got = '';
      child.stdout.on('data', (d: Buffer) => {
        got += d.toString();
        if (got.includes('"id":1')) resolve();
      });
    });
    times.push(performance.now() - t0);
    rss = Math.max(rss, Number(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024);
    child.kill();
  }
  times.sort((a, b) => a - b);
  rows.push(['server start to initialize answer', `${times[2].toFixed(2)} ms`, '-', '-', '', '']);
  rows.push(['server memory (RSS) then', `${rss.toFixed(1)} MB`, '-', '-', '', '']);
  const ext = path.join(root, 'dist', 'extension.js');
  const load = spawnSync(process.execPath, ['-e', `const Module=require('module');const orig=Module._load;Module._load=function(r,...a){return r==='vscode'?new Proxy({},{get:()=>class{}}):orig.call(this,r,...a)};const t=performance.now();require(${JSON.stringify(ext)});console.log(performance.now()-t)`], { encoding: 'utf8' });
  if (load.status === 0) rows.push(['extension bundle load', `${Number(load.stdout).toFixed(2)} ms`, '-', '-', '', '']);
}

// 6. Pathological input, as an untrusted repository may hold it (the README's Security section):
//    first diagnostics and per-keystroke time on 2 MB of unpaired emphasis marks, in one part and in
//    many parts under headings; a 1 MB template's load; code actions on a 10,000-section template.
{
  const parts = ['*a ', '_b_ ', '**c', '*d*e_', '__f', '***g ', '_*h* ', 'x* ', '[*i](', '`j '];
  const marks = (bytes: number): string => {
    let out = '';
    for (let i = 0; out.length < bytes; i++) out += parts[(i * 7 + (i >> 3)) % parts.length] + (i % 30 === 29 ? '\n' : '');
    return out;
  };
  const klip = templates.filter((t) => t.id === 'klip');
  const first = (text: string): number => median(() => checkModel(new IncrementalParser().parse(text), klip, { path: 'design-proposals/klip-1-x.md' }), 3, 1);
  const one = `# KLIP 1 - X\n\n## Motivation and background\n\n${marks(2_000_000)}\n`;
  const chunk = marks(7_000);
  let many = '# KLIP 2 - X\n\n';
  for (let i = 0; many.length < 2_000_000; i++) many += `## Part ${i}\n\n${chunk}\n\n`;
  // The peer parses the same marks in full; on 256 KB, since 2 MB takes it minutes.
  const slice = `# KLIP 3 - X\n\n## Motivation and background\n\n${marks(256_000)}\n`;
  const peer = median(() => markdownlint({ 'x.md': slice }), 1, 0);
  const ours256 = first(slice);
  report('first diagnostics, 256 KB of emphasis marks', ours256, peer, '<= 2000 ms', ours256 <= 2000);
  const oneMs = first(one);
  report('first diagnostics, 2 MB of emphasis marks, one part', oneMs, null, '<= 2000 ms', oneMs <= 2000);
  const manyMs = first(many);
  report('first diagnostics, 2 MB of emphasis marks, many parts', manyMs, null, '<= 2000 ms', manyMs <= 2000);
  const parser = new IncrementalParser();
  checkModel(parser.parse(many), klip, { path: 'design-proposals/klip-2-x.md' });
  let text = many;
  let round = 0;
  const keystroke = median(() => {
    const at = Math.floor(text.length / 2) + round++;
    text = `${text.slice(0, at)}x${text.slice(at)}`;
    checkModel(parser.parse(text), klip, { path: 'design-proposals/klip-2-x.md' });
  }, 5, 2);
  report('per keystroke, 2 MB of emphasis marks, many parts (median of 5)', keystroke, null, '<= 250 ms', keystroke <= 250);
  const big = `# Big\n\n${Array.from({ length: 200 }, (_, i) => `## Section ${i}\n\n${marks(5_000)}\n`).join('\n')}`;
  // Refused at its first section of more marks than a template may hold: what counts is how soon it says so.
  const tryLoad = (): void => {
    try {
      parseTemplate(big, 'big.md');
    } catch {
      // refused: the template is too complex to read
    }
  };
  const load = median(tryLoad, 3, 1);
  report(`template load (refused), ${Math.round(big.length / 1024)} KB of emphasis marks`, load, null, '<= 2000 ms', load <= 2000);
  const wide = parseTemplate(`# Wide\n\n${Array.from({ length: 10_000 }, (_, i) => `## Section ${i}\n\nWrite section ${i}.\n`).join('\n')}`, 'wide.md');
  const result = checkModel(parseDocument('# Mine\n\n## Section 0\n\nText.\n'), [wide], { template: 'wide' });
  const actions = median(() => {
    for (const f of result.findings.slice(0, 50)) fixesFor(result.analysis as NonNullable<typeof result.analysis>, f, result.findings);
  }, 1, 0); // once: "insert all" is made once per analysis, and the first request pays for it
  report('code actions at 9,999 missing sections of a 10,000-section template', actions, null, '<= 1000 ms', actions <= 1000);
}

// 7. The .vsix, if it has been built.
{
  const vsix = fs.readdirSync(root).find((n) => n.endsWith('.vsix'));
  if (vsix) {
    const kb = fs.statSync(path.join(root, vsix)).size / 1024;
    report(`${vsix} size`, kb, null, '< 1024 KB', kb < 1024, 'KB');
  }
}

const header = ['measure', 'Proposal Kit', 'markdownlint MD043', 'ratio', 'target', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log(line(header));
for (const r of rows) console.log(line(r));
const failed = rows.filter((r) => r[5] === 'NOT MET').length;
if (failed) console.log(`\n${failed} target(s) not met.`);
