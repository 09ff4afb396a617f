import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli';
import { PAUSE_KLIP, ROOT } from './helpers';

function run(args: string[], cwd = ROOT) {
  let out = '';
  let err = '';
  const code = main(args, { out: (s) => (out += s), err: (s) => (err += s), cwd });
  return { code, out, err };
}

describe('cli', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pk-cli-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const write = (rel: string, text: string | Buffer) => {
    const f = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
    return f;
  };

  const KLIP = PAUSE_KLIP;

  it('check, text: path:line:col severity rule message; exit 1 on an error', () => {
    write('design-proposals/klip-9-pause.md', KLIP);
    write('README.md', '# Tool\n\n## Usage\n\nRun it.\n');
    const r = run(['check', '.'], tmp);
    assert.equal(r.code, 1);
    assert.equal(
      r.out,
      [
        "design-proposals/klip-9-pause.md:4:13 warning metadata Status 'WIP' is not an allowed value: expected one of In Discussion, Design Approved, In development, Merged.",
        "design-proposals/klip-9-pause.md:18:1 warning empty-section Section 'Design' is empty: write it, or say why it does not apply (\"N/A: <reason>\").",
        "design-proposals/klip-9-pause.md:22:1 error missing-section Missing required section 'Compatibility Implications' (expected after 'Documentation Updates').",
        '',
      ].join('\n'),
    );
    assert.equal(
      r.err,
      'Checked 2 files, 1 proposal: 1 error, 2 warnings.\n  design-proposals/klip-9-pause.md: klip, 9 of 11 required sections written\n',
    );
  });

  it('check: a file with old Mac line endings (lone "\\r") or a mix of all three gets the same findings at the same lines', () => {
    const want = [
      "design-proposals/klip-9-pause.md:4:13 warning metadata Status 'WIP' is not an allowed value: expected one of In Discussion, Design Approved, In development, Merged.",
      "design-proposals/klip-9-pause.md:18:1 warning empty-section Section 'Design' is empty: write it, or say why it does not apply (\"N/A: <reason>\").",
      "design-proposals/klip-9-pause.md:22:1 error missing-section Missing required section 'Compatibility Implications' (expected after 'Documentation Updates').",
      '',
    ].join('\n');
    let k = 0;
    // (In this order, a lone "\r" is never followed by "\n": no two line breaks become one "\r\n".)
    const mixed = KLIP.replace(/\n/g, () => ['\n', '\r', '\r\n'][k++ % 3]);
    for (const text of [KLIP.replace(/\n/g, '\r'), mixed]) {
      write('design-proposals/klip-9-pause.md', text);
      const r = run(['check', '.'], tmp);
      assert.equal(r.code, 1);
      assert.equal(r.out, want, JSON.stringify(text.slice(0, 60)));
    }
  });

  it('check: exit 0 when nothing is at error severity; --rule changes a severity', () => {
    write('design-proposals/klip-9-pause.md', KLIP);
    assert.equal(run(['check', '--rule', 'missing-section=warning', 'design-proposals'], tmp).code, 0);
    assert.equal(run(['check', '--rule', 'metadata=error', '--rule', 'missing-section=off', 'design-proposals'], tmp).code, 1);
  });

  it('check honours suppression comments: the error turned off, exit 0; an unknown rule in a comment is a finding', () => {
    const suppressed = KLIP.replace('## Documentation Updates', '<!-- proposal-kit-disable-next-line missing-section -->\n## Documentation Updates').replace(
      '**Status**: WIP |',
      '**Status**: WIP | <!-- proposal-kit-disable-line metadata, meta-data -->',
    );
    write('design-proposals/klip-9-pause.md', suppressed);
    const r = run(['check', '.'], tmp);
    assert.equal(r.code, 0);
    assert.equal(
      r.out,
      [
        "design-proposals/klip-9-pause.md:4:19 warning suppression Unknown rule 'meta-data' in a proposal-kit-disable-line comment: the rules are missing-section, empty-section, placeholder, section-order, heading-level, duplicate-section, metadata, template-version, too-complex, suppression, kep-yaml.",
        "design-proposals/klip-9-pause.md:18:1 warning empty-section Section 'Design' is empty: write it, or say why it does not apply (\"N/A: <reason>\").",
        '',
      ].join('\n'),
    );
  });

  it('check --format json: stable, zero-based, with template, progress, section and field', () => {
    write('design-proposals/klip-9-pause.md', KLIP);
    write('notes.md', 'just notes\n');
    const r = run(['check', '--format', 'json', '.'], tmp);
    const doc = JSON.parse(r.out);
    assert.equal(doc.version, 1);
    assert.deepEqual(doc.files.map((f: { path: string }) => f.path), ['design-proposals/klip-9-pause.md', 'notes.md']);
    assert.deepEqual(doc.files[1], { path: 'notes.md', template: null, progress: null, findings: [] });
    assert.deepEqual(doc.files[0].template, { id: 'klip', confidence: 0.9 });
    assert.deepEqual(doc.files[0].progress, { written: 9, required: 11 });
    assert.deepEqual(doc.files[0].findings[2], {
      rule: 'missing-section',
      severity: 'error',
      message: "Missing required section 'Compatibility Implications' (expected after 'Documentation Updates').",
      section: 'Compatibility Implications',
      field: null,
      range: { start: { line: 21, character: 0 }, end: { line: 21, character: 24 } },
    });
    assert.equal(doc.files[0].findings[0].section, null);
    assert.equal(doc.files[0].findings[0].rule, 'metadata');
    assert.equal(doc.files[0].findings[0].field, 'Status');
  });

  it('check --format sarif: SARIF 2.1.0 with rules and regions', () => {
    write('design-proposals/klip-9-pause.md', KLIP);
    const sarif = JSON.parse(run(['check', '--format', 'sarif', '.'], tmp).out);
    assert.equal(sarif.version, '2.1.0');
    const runObj = sarif.runs[0];
    assert.equal(runObj.tool.driver.name, 'proposal-kit');
    assert.deepEqual(runObj.tool.driver.rules.map((r: { id: string }) => r.id), ['missing-section', 'empty-section', 'placeholder', 'section-order', 'heading-level', 'duplicate-section', 'metadata', 'template-version', 'too-complex', 'suppression', 'kep-yaml']);
    assert.ok(runObj.tool.driver.rules.every((r: { shortDescription: { text: string }; helpUri: string }) => r.shortDescription.text && r.helpUri.includes('#')));
    const missing = runObj.results.find((r: { ruleId: string }) => r.ruleId === 'missing-section');
    assert.deepEqual(missing.locations[0].physicalLocation, {
      artifactLocation: { uri: 'design-proposals/klip-9-pause.md', uriBaseId: '%SRCROOT%' },
      region: { startLine: 22, startColumn: 1, endLine: 22, endColumn: 25 },
    });
    assert.equal(missing.level, 'error');
    assert.equal(runObj.tool.driver.rules[0].helpUri, 'https://github.com/proposal-kit/proposal-kit/blob/main/README.md#missing-section');
    assert.equal(runObj.results.find((r: { ruleId: string }) => r.ruleId === 'metadata').level, 'warning');
  });

  it('exit 2 with a clear message: a missing path, a binary file, invalid UTF-8', () => {
    assert.deepEqual(run(['check', 'nope.md'], tmp), { code: 2, out: '', err: 'proposal-kit: nope.md: no such file or folder; check the path.\nChecked 0 files, 0 proposals: 0 errors, 0 warnings.\n' });
    write('bin.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    const bin = run(['check', 'bin.md'], tmp);
    assert.equal(bin.code, 2);
    assert.match(bin.err, /^proposal-kit: bin\.md: is a binary file, not markdown; leave it out of the paths to check\.$/m);
    write('latin1.md', Buffer.from([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]));
    assert.match(run(['check', 'latin1.md'], tmp).err, /^proposal-kit: latin1\.md: is not valid UTF-8 text; save it as UTF-8 and check it again\.$/m);
  });

  it('exit 2 for usage errors, with the usage', () => {
    const r = run(['check', '--format', 'xml', '.'], tmp);
    assert.equal(r.code, 2);
    assert.match(r.err, /^proposal-kit: --format must be text, json, sarif or markdown; got 'xml'\.\n\nUsage:/);
    assert.match(run(['check'], tmp).err, /Name the files or folders to check/);
    assert.match(run(['frobnicate'], tmp).err, /Unknown command 'frobnicate'/);
    assert.match(run(['check', '--rule', 'nope=error', '.'], tmp).err, /Unknown rule 'nope'/);
    assert.match(run(['check', '--template', 'rfc', '.'], tmp).err, /Unknown template 'rfc'; the templates are /);
  });

  it('check --template forces a template', () => {
    write('doc.md', '# Anything\n\n## Summary\n\nText.\n');
    const doc = JSON.parse(run(['check', '--format', 'json', '--template', 'kepler', 'doc.md'], tmp).out);
    assert.deepEqual(doc.files[0].template, { id: 'kepler', confidence: 1 });
  });

  it('new: writes the proposal (and kep.yaml), prints the paths, never overwrites', () => {
    const a = run(['new', '--template', 'klip', '--title', 'Pause queries', '--author', 'Ada', '--date', '2026-11-20'], tmp);
    assert.deepEqual(a, { code: 0, out: `${path.join('design-proposals', 'klip-1-pause-queries.md')}\n`, err: '' });
    const b = run(['new', '--template', 'klip', '--title', 'Pause queries', '--author', 'Ada'], tmp);
    assert.equal(b.out, `${path.join('design-proposals', 'klip-2-pause-queries.md')}\n`);
    const k = run(['new', '--template', 'kep', '--title', 'Retry budget', '--sig', 'apps', '--number', '4242', '--author', 'Ada'], tmp);
    assert.equal(k.out, `${path.join('keps', 'sig-apps', '4242-retry-budget', 'README.md')}\n${path.join('keps', 'sig-apps', '4242-retry-budget', 'kep.yaml')}\n`);
    assert.match(run(['new', '--template', 'kep', '--title', 'X'], tmp).err, /pass --sig NAME/);
    const checked = run(['check', '--format', 'json', '.'], tmp);
    const files = JSON.parse(checked.out).files as { path: string; template: { id: string } | null; findings: unknown[] }[];
    assert.deepEqual(files.map((f) => [f.path, f.template?.id ?? null]), [
      ['design-proposals/klip-1-pause-queries.md', 'klip'],
      ['design-proposals/klip-2-pause-queries.md', 'klip'],
      ['keps/sig-apps/4242-retry-budget/README.md', 'kep'],
      ['keps/sig-apps/4242-retry-budget/kep.yaml', null],
    ]);
    // The kep.yaml New Proposal writes is complete: nothing to report.
    assert.deepEqual(files[3].findings, []);
  });

  it('templates: lists ids, names and where new proposals go', () => {
    const r = run(['templates'], tmp);
    assert.equal(r.code, 0);
    assert.deepEqual(r.out.trim().split('\n').map((l) => l.split(/\s+/)[0]), ['kep', 'kepler', 'klip', 'materialize']);
  });
});

describe('cli: the command line as read', () => {
  const firstLine = (s: string): string => s.split('\n')[0];

  it('an unknown option, or one without its value, is a usage error naming it', () => {
    for (const [args, message] of [
      [['check', '--bogus', 'examples'], 'proposal-kit: Unknown option --bogus.'],
      [['check', '-x', 'examples'], 'proposal-kit: Unknown option -x.'],
      [['check', 'examples', '--format'], 'proposal-kit: Option --format needs a value.'],
      [['check', '--format', 'json', '--format=text', 'examples'], 'proposal-kit: Option --format is given more than once.'],
    ] as const) {
      const r = run([...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(firstLine(r.err), message);
      assert.match(r.err, /\nUsage:\n/);
    }
  });

  it('--name=value and --name value alike; -h is --help; after -- every argument is a path', () => {
    const inline = run(['check', '--format=json', '--rule=section-order=off', 'examples']);
    const spaced = run(['check', '--format', 'json', '--rule', 'section-order=off', 'examples']);
    assert.equal(inline.out, spaced.out);
    assert.equal(JSON.parse(inline.out).version, 1);
    assert.equal(run(['-h']).out, run(['--help']).out);
    assert.match(run(['-h']).out, /^Usage:\n/);
    const r = run(['check', '--', '--format']);
    assert.equal(r.code, 2);
    assert.equal(firstLine(r.err), 'proposal-kit: --format: no such file or folder; check the path.');
  });
});
