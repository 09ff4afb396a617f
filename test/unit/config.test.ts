import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli';
import { CONFIG_KEYS, newProposalFolder, readProjectConfig, unknownTemplateIssues, type ConfigRead } from '../../server/src/core/config';
import { parseJson } from '../../server/src/core/json';
import { LineIndex, RULE_IDS } from '../../server/src/core';
import { findConfigRoot, loadProjectConfig } from '../../server/src/node/config';
import { DEFAULT_SETTINGS, isProposalPath, mergeSettings, readSettings, templateForPath } from '../../server/src/core/workspace';
import { ROOT } from './helpers';

/** Each issue as "line:col message" (one-based), the way the CLI prints it. */
function issues(text: string, read: ConfigRead = readProjectConfig(text, 'file')): string[] {
  const lines = new LineIndex(text);
  return read.issues.map((i) => {
    const p = lines.positionAt(i.span.start);
    return `${p.line + 1}:${p.character + 1} ${i.message}`;
  });
}

describe('configuration file', () => {
  it('reads every key', () => {
    const text = JSON.stringify({
      $schema: './node_modules/proposal-kit/schemas/proposalkit.schema.json',
      files: ['docs/decisions/*.md', 'rfcs/*.md'],
      templateFor: { 'docs/decisions/*.md': 'madr', 'rfcs/*.md': 'rust-rfc' },
      rules: { 'section-order': 'off', 'empty-section': 'error' },
      templates: ['docs/templates'],
      newProposalFolders: { madr: 'docs/decisions', '*': 'proposals' },
      author: 'Platform Team',
    }, null, 2);
    const { config, issues: found } = readProjectConfig(text, 'file');
    assert.deepEqual(found, []);
    assert.ok(config);
    assert.deepEqual(config.files, ['docs/decisions/*.md', 'rfcs/*.md']);
    assert.deepEqual(config.templateFor.map((t) => [t.glob, t.template, text.slice(t.span.start, t.span.end)]), [
      ['docs/decisions/*.md', 'madr', '"madr"'],
      ['rfcs/*.md', 'rust-rfc', '"rust-rfc"'],
    ]);
    assert.deepEqual(config.rules, { 'section-order': 'off', 'empty-section': 'error' });
    assert.deepEqual(config.templates.map((t) => t.dir), ['docs/templates']);
    assert.equal(newProposalFolder(config, 'madr'), 'docs/decisions');
    assert.equal(newProposalFolder(config, 'rust-rfc'), 'proposals');
    assert.equal(config.author, 'Platform Team');
  });

  it('errors sit at the bad key or value, and the good keys still apply', () => {
    const text = [
      '{',
      '  "files": "docs/*.md",',
      '  "rules": { "section-order": "off", "sectio-order": "off", "placeholder": "loud", "metadata": 2 },',
      '  "templateFor": { "rfcs/*.md": "" },',
      '  "templates": ["ok", 3, " "],',
      '  "newProposalFolders": [],',
      '  "author": false,',
      '  "colour": "blue",',
      '  "author": "x"',
      '}',
    ].join('\n');
    const read = readProjectConfig(text, 'file');
    assert.deepEqual(issues(text, read), [
      '2:12 "files" must be a list of text values, e.g. ["docs/rfcs/*.md"]; found text.',
      '3:38 Unknown rule \'sectio-order\': the rules are missing-section, empty-section, placeholder, section-order, heading-level, duplicate-section, metadata, template-version, too-complex, suppression, kep-yaml.',
      '3:76 The severity of \'placeholder\' must be one of off, hint, information, warning, error; found \'loud\'.',
      '3:96 The severity of \'metadata\' must be one of off, hint, information, warning, error; found a number.',
      '4:33 "templateFor" maps "rfcs/*.md" to empty text; expected text, e.g. { "docs/decisions/*.md": "madr" }.',
      '5:23 Each entry of "templates" must be text, e.g. [".proposals/templates", "docs/templates"]; found a number.',
      '5:26 An entry of "templates" is empty: remove it or fill it in.',
      '6:25 "newProposalFolders" must be an object, e.g. { "madr": "docs/decisions" }; found a list.',
      '7:13 "author" must be text, e.g. "Platform Team"; found true or false.',
      '8:3 Unknown key "colour": the keys are files, templateFor, rules, templates, newProposalFolders, author.',
      '9:3 "author" is given twice: keep one.',
    ]);
    assert.deepEqual(read.config?.rules, { 'section-order': 'off' });
    assert.deepEqual(read.config?.templates.map((t) => t.dir), ['ok']);
  });

  it('text that is not JSON: one error where it stops being JSON', () => {
    assert.deepEqual(issues('{\n  "files": ["a.md",]\n}'), ['2:20 Not valid JSON: A comma before the closing ] is not allowed in JSON: remove it.']);
    assert.deepEqual(issues('{\n  // team settings\n}'), ['2:3 Not valid JSON: Comments are not allowed in JSON: remove them.']);
    assert.deepEqual(issues("{ 'files': [] }"), ['1:3 Not valid JSON: Expected a key in double quotes, found \'\'\'.']);
    assert.deepEqual(issues('{ "files": ["a.md"'), ['1:19 Not valid JSON: Expected \',\' or \']\' after a value, found the end of the file.']);
    assert.deepEqual(issues('{ "author": "Ada }'), ['1:13 Not valid JSON: This string is not closed: add the closing ".']);
    assert.deepEqual(issues(''), ['1:1 Not valid JSON: The file ends where a value was expected.']);
    assert.deepEqual(issues('[]'), ['1:1 The configuration must be a JSON object, e.g. { "files": ["docs/rfcs/*.md"] }; found a list.']);
    assert.deepEqual(issues('{} {}'), ['1:4 Not valid JSON: Unexpected \'{\' after the end of the JSON value.']);
    assert.deepEqual(issues('{ "author": "Ada\tLovelace" }'), ['1:17 Not valid JSON: A JSON string cannot hold a control character such as a tab: write it as an escape (\\t, \\uXXXX).']);
    assert.deepEqual(issues('{ "author": "Ada\n" }'), ['1:17 Not valid JSON: A JSON string cannot span lines: close it with " on the same line.']);
    assert.deepEqual(issues('{ "files": [1.] }'), ['1:13 Not valid JSON: This is not a JSON number: write digits, with an optional fraction and exponent (e.g. 5, 0.5, 1e3).']);
    assert.deepEqual(issues(`{ "files": ${'['.repeat(70)}`), ['1:75 Not valid JSON: Objects and lists are nested more than 64 levels deep here; a configuration needs only a few levels.']);
  });

  it('the JSON reader agrees with JSON.parse on values', () => {
    const samples = ['{"a":[1,-2.5e3,true,false,null,"x\\"y\\u00e9\\n"],"b":{}}', '  [ ]  ', '"\\ud83d\\ude00"', '0'];
    const plain = (n: ReturnType<typeof parseJson>): unknown => {
      const value = (node: import('../../server/src/core/json').JsonNode): unknown =>
        node.kind === 'object' ? Object.fromEntries(node.entries.map((e) => [e.key, value(e.value)])) : node.kind === 'array' ? node.items.map(value) : node.value;
      assert.ok(n.ok);
      return value(n.node);
    };
    for (const s of samples) assert.deepEqual(plain(parseJson(s)), JSON.parse(s));
  });

  it('package.json: the "proposalkit" key, and nothing to say about a package.json without it', () => {
    const pkg = '{\n  "name": "app",\n  "proposalkit": { "files": ["rfcs/*.md"], "rulez": {} }\n}';
    const read = readProjectConfig(pkg, 'package');
    assert.deepEqual(read.config?.files, ['rfcs/*.md']);
    assert.deepEqual(issues(pkg, read), ['3:44 Unknown key "rulez": the keys are files, templateFor, rules, templates, newProposalFolders, author.']);
    assert.deepEqual(readProjectConfig('{ "name": "app" }', 'package'), { config: null, issues: [] });
    assert.deepEqual(readProjectConfig('{ "name": ', 'package'), { config: null, issues: [] });
    assert.deepEqual(issues('{ "proposalkit": [] }', readProjectConfig('{ "proposalkit": [] }', 'package')), [
      '1:18 The configuration must be a JSON object, e.g. { "files": ["docs/rfcs/*.md"] }; found a list.',
    ]);
  });

  it('template ids that no template has, at the value or key that names them', () => {
    const text = '{ "templateFor": { "a/*.md": "madr", "b/*.md": "klip" }, "newProposalFolders": { "rfc": "x", "*": "y" } }';
    const { config } = readProjectConfig(text, 'file');
    assert.ok(config);
    const found = unknownTemplateIssues(config, ['klip', 'kep']).map((i) => [text.slice(i.span.start, i.span.end), i.message]);
    assert.deepEqual(found, [
      ['"madr"', "No template 'madr': the templates are klip, kep."],
      ['"rfc"', 'No template \'rfc\': the templates are klip, kep (or "*" for every template).'],
    ]);
  });

  it('values are checked against the JSON schema the editor uses: spaces alone are empty, __proto__ is a key like any other', () => {
    const text = '{ "files": ["  ", "docs/*.md"], "templateFor": { "a/*.md": "  " }, "newProposalFolders": { "madr": 7 }, "__proto__": { "files": [] } }';
    const read = readProjectConfig(text, 'file');
    assert.deepEqual(issues(text, read), [
      '1:13 An entry of "files" is empty: remove it or fill it in.',
      '1:60 "templateFor" maps "a/*.md" to empty text; expected text, e.g. { "docs/decisions/*.md": "madr" }.',
      '1:100 "newProposalFolders" maps "madr" to a number; expected text, e.g. { "madr": "docs/decisions" }.',
      '1:105 Unknown key "__proto__": the keys are files, templateFor, rules, templates, newProposalFolders, author.',
    ]);
    assert.deepEqual(read.config?.files, ['docs/*.md']);
    assert.deepEqual(read.config?.templateFor, []);
  });

  it('the JSON schema lists exactly the keys, rules and severities the reader accepts', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'proposalkit.schema.json'), 'utf8'));
    assert.deepEqual(Object.keys(schema.properties), [...CONFIG_KEYS]);
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(Object.keys(schema.properties.rules.properties), RULE_IDS);
    for (const r of RULE_IDS) assert.deepEqual(schema.properties.rules.properties[r].enum, ['off', 'hint', 'information', 'warning', 'error']);
    const pkgSchema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'package.schema.json'), 'utf8'));
    assert.deepEqual(pkgSchema.properties.proposalkit, { $ref: './proposalkit.schema.json' });
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.contributes.jsonValidation, [
      { fileMatch: '.proposalkit.json', url: './schemas/proposalkit.schema.json' },
      { fileMatch: 'package.json', url: './schemas/package.schema.json' },
    ]);
  });
});

describe('configuration and editor settings', () => {
  const config = readProjectConfig(
    '{ "files": ["docs/**"], "templateFor": { "docs/adr/*.md": "madr", "docs/**": "rfc" }, "rules": { "section-order": "off", "placeholder": "error" }, "templates": ["t"], "author": "Team" }',
    'file',
  ).config;

  it('the editor overrides per user: files and author when set, rules one by one; template folders from both', () => {
    assert.deepEqual(mergeSettings(config, DEFAULT_SETTINGS), {
      files: ['docs/**'],
      rules: { 'section-order': 'off', placeholder: 'error' },
      templates: ['t'],
      author: 'Team',
      templateFor: [{ glob: 'docs/adr/*.md', template: 'madr' }, { glob: 'docs/**', template: 'rfc' }],
      maxFileSizeMB: 5,
    });
    const user = readSettings({ files: ['rfcs/*.md'], rules: { placeholder: 'hint' }, templates: ['mine', 't'], author: 'Ada', maxFileSizeMB: 12 });
    assert.deepEqual(mergeSettings(config, user), {
      files: ['rfcs/*.md'],
      rules: { 'section-order': 'off', placeholder: 'hint' },
      templates: ['t', 'mine'],
      author: 'Ada',
      templateFor: [{ glob: 'docs/adr/*.md', template: 'madr' }, { glob: 'docs/**', template: 'rfc' }],
      maxFileSizeMB: 12,
    });
    assert.equal(mergeSettings(null, user), user);
  });

  it('which files are proposals, and the first glob that names a template wins', () => {
    const s = mergeSettings(config, DEFAULT_SETTINGS);
    assert.equal(isProposalPath(s, 'docs/adr/0001-x.md'), true);
    assert.equal(isProposalPath(s, 'README.md'), false);
    assert.equal(templateForPath(s, 'docs/adr/0001-x.md'), 'madr');
    assert.equal(templateForPath(s, 'docs/other.md'), 'rfc');
    assert.equal(templateForPath(s, 'README.md'), undefined);
  });
});

describe('configuration on disk and in the CLI', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pk-config-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const write = (rel: string, text: string): string => {
    const f = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
    return f;
  };
  const run = (args: string[], cwd = tmp) => {
    let out = '';
    let err = '';
    const code = main(args, { out: (s) => (out += s), err: (s) => (err += s), cwd });
    return { code, out, err };
  };
  const madr = fs.readFileSync(path.join(ROOT, 'docs', 'templates', 'madr.md'), 'utf8');
  const fixture = (name: string) => fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'custom', 'decisions', name), 'utf8');

  it('.proposalkit.json comes before package.json; a missing template folder is an error at its entry', () => {
    write('package.json', '{ "proposalkit": { "author": "from package" } }');
    assert.equal(loadProjectConfig(tmp)?.config.author, 'from package');
    write('.proposalkit.json', '{\n  "templates": ["nowhere"]\n}');
    const loaded = loadProjectConfig(tmp);
    assert.equal(loaded?.file, path.join(tmp, '.proposalkit.json'));
    assert.deepEqual(issues(loaded?.text ?? '', { config: loaded?.config ?? null, issues: loaded?.issues ?? [] }), [
      `2:17 The template folder 'nowhere' does not exist (looked for ${path.join(tmp, 'nowhere')}).`,
    ]);
    fs.mkdirSync(path.join(tmp, 'sub', 'deeper'), { recursive: true });
    assert.equal(findConfigRoot(path.join(tmp, 'sub', 'deeper')), tmp);
  });

  it('check: workspace templates, the files globs, templateFor and rules from the configuration', () => {
    write('.proposals/templates/madr.md', madr);
    write('docs/decisions/0002-adopt-feature-flags.md', fixture('0002-adopt-feature-flags.md'));
    write('docs/notes/0002-copy.md', fixture('0002-adopt-feature-flags.md'));
    write('other/0002-copy.md', fixture('0002-adopt-feature-flags.md'));
    write('.proposalkit.json', JSON.stringify({ files: ['docs/**/*.md'], templateFor: { 'docs/notes/*.md': 'klip' }, rules: { metadata: 'off', 'empty-section': 'error' } }));
    const r = run(['check', '.']);
    assert.equal(r.out, [
      'docs/decisions/0002-adopt-feature-flags.md:11:1 error missing-section Missing required section \'Considered Options\' (expected after \'Decision Drivers\').',
      'docs/decisions/0002-adopt-feature-flags.md:11:1 error empty-section Section \'Decision Drivers\' is empty: write it, or say why it does not apply ("N/A: <reason>").',
      'docs/decisions/0002-adopt-feature-flags.md:19:1 warning placeholder Template guidance left in \'Consequences\': replace it with the section\'s content.',
      '',
    ].join('\n') + r.out.slice(r.out.indexOf('docs/notes/')));
    assert.match(r.out, /^docs\/notes\/0002-copy\.md:1:1 error missing-section Missing required section 'Motivation and background'/m);
    assert.doesNotMatch(r.out, /other\//);
    assert.doesNotMatch(r.out, /\.proposals/);
    assert.equal(r.code, 1);
    // --rule still has the last word.
    assert.doesNotMatch(run(['check', '--rule', 'empty-section=off', 'docs/decisions']).out, /empty-section/);
  });

  it('check: an error in the configuration is printed at file:line:col, and nothing is checked (exit 2)', () => {
    write('docs/a.md', fixture('0001-store-sessions-in-redis.md'));
    write('.proposalkit.json', '{\n  "rules": { "placeholder": "loud" },\n  "templateFor": { "docs/*.md": "madr" }\n}\n');
    const r = run(['check', 'docs'], path.join(tmp, 'docs'));
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.equal(
      r.err,
      [
        "../.proposalkit.json:2:29 error config The severity of 'placeholder' must be one of off, hint, information, warning, error; found 'loud'.",
        "../.proposalkit.json:3:33 error config No template 'madr': the templates are kep, kepler, klip, materialize.",
        'proposal-kit: the configuration ../.proposalkit.json has 2 errors: fix them and run again.',
        '',
      ].join('\n'),
    );
  });

  it('--config names the file; a file that is not a configuration is a usage error', () => {
    write('conf/.proposalkit.json', '{ "author": 1 }');
    const r = run(['templates', '--config', 'conf/.proposalkit.json']);
    assert.equal(r.code, 2);
    assert.equal(r.err.split('\n')[0], 'conf/.proposalkit.json:1:13 error config "author" must be text, e.g. "Platform Team"; found a number.');
    write('x/package.json', '{ "name": "x" }');
    const p = run(['templates', '--config', 'x/package.json']);
    assert.equal(p.code, 2);
    assert.match(p.err, /^proposal-kit: --config x\/package\.json holds no Proposal Kit configuration \(package\.json needs a "proposalkit" key\)\./);
  });

  it('new: the template from the workspace, the folder from newProposalFolders, from any folder below the root', () => {
    write('.proposals/templates/madr.md', madr);
    write('package.json', JSON.stringify({ name: 'app', proposalkit: { newProposalFolders: { madr: 'docs/decisions' } } }));
    fs.mkdirSync(path.join(tmp, 'src'));
    const r = run(['new', '--template', 'madr', '--title', 'Use Bazel', '--date', '2024-06-01', '--author', 'Ada'], path.join(tmp, 'src'));
    assert.deepEqual([r.code, r.out, r.err], [0, '../docs/decisions/use-bazel.md\n', '']);
    assert.equal(fs.readFileSync(path.join(tmp, 'docs', 'decisions', 'use-bazel.md'), 'utf8').split('\n').slice(0, 4).join('\n'), '# Use Bazel\n\n* Status: proposed\n* Date: 2024-06-01');
  });
});
