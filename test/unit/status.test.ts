import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TemplateError } from '../../server/src/core';
import { check, CORPUS, runCli, show, template, tpl, withExampleKeps } from './helpers';

/** A template whose Design is required only once a proposal is Accepted. */
const SPEC = [
  '---',
  'id: spec',
  'metadata:',
  '  - name: Status',
  '    values: [Draft, Accepted, Done, Rejected]',
  'status:',
  '  order: [Draft, Accepted, Done]',
  '  draft: [Draft]',
  '  approved: [Accepted, Done]',
  'requiredFrom:',
  '  Design: Accepted',
  '---',
  '# Title',
  '',
  '**Status**: Draft',
  '',
  '## Summary',
  '## Motivation',
  '## Design',
  '### API',
  '## Alternatives',
  '',
].join('\n');
const TPL = tpl(SPEC);

const doc = (status: string, frontMatter = ''): string =>
  [frontMatter, '# Spec 9: Retries', '', status, '', '## Summary', '', 'Retry failed calls.', '', '## Motivation', '', '## Alternatives', '', 'None.', ''].join('\n');

describe('status-aware requirements', () => {
  it('reads "status" and "requiredFrom" from the front matter; subsections inherit requiredFrom', () => {
    assert.deepEqual(TPL.status, { field: 'Status', order: ['Draft', 'Accepted', 'Done'], draft: ['Draft'], approved: ['Accepted', 'Done'], history: [], releases: [], releaseField: 'stage' });
    assert.deepEqual(
      TPL.sections.map((s) => `${s.name}:${s.requiredFrom}`),
      ['Summary:null', 'Motivation:null', 'Design:Accepted', 'API:Accepted', 'Alternatives:null'],
    );
  });

  it('rejects a requiredFrom that names no heading, a status outside the order, or comes without status.order', () => {
    const bad = (from: string, to: string, line: number, detail: string): void =>
      assert.throws(
        () => tpl(SPEC.replace(from, to)),
        (e: unknown) => e instanceof TemplateError && e.line === line && e.detail === detail,
      );
    bad('  Design: Accepted', '  Desing: Accepted', 10, `"requiredFrom" names 'Desing', which is not a heading of this template.`);
    bad('  Design: Accepted', '  Design: Approved', 10, `"requiredFrom" gives 'Design' the status 'Approved', which is not in "status.order" (Draft, Accepted, Done).`);
    bad('status:\n  order: [Draft, Accepted, Done]\n  draft: [Draft]\n  approved: [Accepted, Done]\n', '', 6, '"requiredFrom" needs "status.order": the statuses a proposal goes through, in order.');
    bad('  order: [Draft, Accepted, Done]\n', '', 6, '"status" needs "order": the statuses a proposal goes through, in order.');
  });

  it('a draft need not have the later sections yet, and its empty sections are hints', () => {
    const r = check(doc('**Status**: Draft'), TPL);
    assert.deepEqual(r.analysis?.status, { value: 'Draft', source: 'metadata', stage: 'draft' });
    assert.deepEqual(r.findings.map(show), [`10:1-10:14 hint empty-section Section 'Motivation' is empty: write it, or say why it does not apply ("N/A: <reason>").`]);
    assert.deepEqual(r.progress, { written: 2, required: 3 });
  });

  it('once approved, the later sections are required and empty sections are errors', () => {
    const r = check(doc('**Status**: _Accepted_'), TPL);
    assert.deepEqual(r.analysis?.status, { value: 'Accepted', source: 'metadata', stage: 'approved' });
    assert.deepEqual(r.findings.map(show), [
      `10:1-10:14 error missing-section Missing required section 'Design', with its subsection 'API' (expected after 'Motivation').`,
      `10:1-10:14 error empty-section Section 'Motivation' is empty: write it, or say why it does not apply ("N/A: <reason>").`,
    ]);
    assert.deepEqual(r.progress, { written: 2, required: 5 });
  });

  it('a configured severity wins over the status', () => {
    const r = check(doc('**Status**: Accepted'), TPL, { severities: { 'empty-section': 'information' } });
    assert.deepEqual(r.findings.filter((f) => f.rule === 'empty-section').map((f) => f.severity), ['information']);
  });

  it('a status off the way (Rejected), an unknown one (WIP) or none needs no section required only from a status on', () => {
    const rejected = check(doc('**Status**: Rejected'), TPL);
    assert.deepEqual(rejected.findings.map((f) => `${f.severity} ${f.rule}`), ['warning empty-section']);
    assert.deepEqual(rejected.progress, { written: 2, required: 3 });
    const unknown = check(doc('**Status**: WIP'), TPL);
    assert.deepEqual(unknown.analysis?.status, { value: 'WIP', source: 'metadata', stage: null });
    assert.deepEqual(unknown.progress, { written: 2, required: 3 });
    const none = check(doc(''), TPL);
    assert.equal(none.analysis?.status, null);
    assert.deepEqual(none.progress, { written: 2, required: 3 });
  });

  it('reads the status from front matter, then from kep.yaml; the document itself comes first', () => {
    const fm = check(doc('', '---\nstatus: Accepted\n---'), TPL);
    assert.deepEqual(fm.analysis?.status, { value: 'Accepted', source: 'front-matter', stage: 'approved' });
    const yaml = check(doc(''), TPL, { companions: { kepYaml: 'title: Retries\nstatus: Done\n' } });
    assert.deepEqual(yaml.analysis?.status, { value: 'Done', source: 'kep.yaml', stage: 'approved' });
    const both = check(doc('**Status**: Draft'), TPL, { companions: { kepYaml: 'status: Done\n' } });
    assert.deepEqual(both.analysis?.status, { value: 'Draft', source: 'metadata', stage: 'draft' });
    const broken = check(doc(''), TPL, { companions: { kepYaml: 'status: [Done\n' } });
    assert.equal(broken.analysis?.status, null);
  });

  describe('KEP: the Production Readiness Review from implementable on', () => {
    const readme = fs.readFileSync(path.join(CORPUS, 'real', 'kep', '4802-windows-node-shutdown.README.md'), 'utf8');
    const kepYaml = fs.readFileSync(path.join(CORPUS, 'real', 'kep', '4802-windows-node-shutdown.kep.yaml'), 'utf8');
    const p = 'keps/sig-windows/4802-windows-node-shutdown/README.md';
    const prr = template('kep').sections.find((s) => s.name === 'Production Readiness Review Questionnaire');

    it('the upstream kep.yaml says implementable: the questionnaire counts, empty sections are errors', () => {
      assert.match(kepYaml, /^status: implementable$/m);
      const r = check(readme, template('kep'), { path: p, companions: { kepYaml } });
      assert.deepEqual(r.analysis?.status, { value: 'implementable', source: 'kep.yaml', stage: 'approved', release: 'beta' });
      assert.equal(r.analysis?.required(prr!), true);
      // 'Version Skew Strategy' answers "n/a": an answer, not an empty section.
      // At beta, each question of the groups required from beta counts too (20 of them).
      assert.deepEqual(r.progress, { written: 48, required: 49 });
      assert.deepEqual(r.findings.filter((f) => f.rule === 'empty-section').map(show), [
        `482:1-482:13 error empty-section Section 'Drawbacks' is empty: write it, or say why it does not apply ("N/A: <reason>").`,
      ]);
    });

    it('provisional: the questionnaire is not required yet and empty sections are hints', () => {
      const r = check(readme, template('kep'), { path: p, companions: { kepYaml: kepYaml.replace('status: implementable', 'status: provisional') } });
      assert.equal(r.analysis?.required(prr!), false);
      // Nor are the Test Plan and Graduation Criteria ("not required until targeted at a release"), nor
      // the upgrade and version skew strategies that go with the test plan.
      assert.deepEqual(r.progress, { written: 9, required: 10 });
      assert.deepEqual(r.findings.filter((f) => f.rule === 'empty-section').map((f) => `${f.range.start.line + 1} ${f.severity}`), ['482 hint']);
    });
  });

  it('an <<[UNRESOLVED]>> marker is left alone while a KEP is provisional, and a finding once it is implementable (4322)', () => {
    const dir = path.join(CORPUS, 'real', 'kep');
    const readme = fs.readFileSync(path.join(dir, '4322-cluster-inventory.README.md'), 'utf8');
    const kepYaml = fs.readFileSync(path.join(dir, '4322-cluster-inventory.kep.yaml'), 'utf8');
    const p = 'keps/sig-multicluster/4322-cluster-inventory/README.md';
    const unresolved = (yaml: string): string[] =>
      check(readme, template('kep'), { path: p, companions: { kepYaml: yaml } })
        .findings.filter((f) => f.message.startsWith('Unresolved'))
        .map(show);
    assert.deepEqual(unresolved(kepYaml), []);
    // Quoted in a code span, it is not left in.
    const quoted = readme.replace('## Summary', '## Summary\n\nMark open points with `<<[UNRESOLVED]>>`.\n');
    assert.deepEqual(
      check(quoted, template('kep'), { path: p, companions: { kepYaml: kepYaml.replace(/^status: .*$/m, 'status: implementable') } })
        .findings.filter((f) => f.message.startsWith('Unresolved') && f.range.start.line < 600)
        .map(show),
      [],
    );
    assert.deepEqual(unresolved(kepYaml.replace(/^status: .*$/m, 'status: implementable')), [
      "631:5-631:21 warning placeholder Unresolved question marked '<<[UNRESOLVED]>>' left in 'Design Details' of a proposal that is implementable: resolve it and remove the marker.",
    ]);
  });

  it('a proposal that is history (an implemented KEP) gets hints only; a severity you set wins', () => {
    const dir = path.join(CORPUS, 'real', 'kep');
    const readme = fs.readFileSync(path.join(dir, '4802-windows-node-shutdown.README.md'), 'utf8');
    const kepYaml = fs.readFileSync(path.join(dir, '4802-windows-node-shutdown.kep.yaml'), 'utf8').replace(/^status: .*$/m, 'status: implemented');
    const p = 'keps/sig-windows/4802-windows-node-shutdown/README.md';
    const r = check(readme, template('kep'), { path: p, companions: { kepYaml } });
    assert.deepEqual(r.analysis?.status, { value: 'implemented', source: 'kep.yaml', stage: 'history', release: 'beta' });
    assert.deepEqual(r.findings.filter((f) => f.rule === 'empty-section').map(show), [
      `482:1-482:13 hint empty-section Section 'Drawbacks' is empty: write it, or say why it does not apply ("N/A: <reason>").`,
    ]);
    assert.deepEqual([...new Set(r.findings.map((f) => f.severity))], ['hint']);
    const set = check(readme, template('kep'), { path: p, companions: { kepYaml }, severities: { 'empty-section': 'warning' } });
    assert.deepEqual(set.findings.filter((f) => f.rule === 'empty-section').map((f) => f.severity), ['warning']);
  });

  it('KEP: what upstream needs only from beta is asked of an implementable KEP from beta on (5517 is alpha)', () => {
    const dir = path.join(CORPUS, 'trees', 'enhancements', 'keps', 'sig-scheduling', '5517-dra-node-allocatable-resources');
    const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
    const kepYaml = fs.readFileSync(path.join(dir, 'kep.yaml'), 'utf8');
    assert.match(kepYaml, /^stage: alpha$/m);
    const p = 'keps/sig-scheduling/5517-dra-node-allocatable-resources/README.md';
    const empties = (yaml: string): string[] =>
      check(readme, template('kep'), { path: p, companions: { kepYaml: yaml } })
        .findings.filter((f) => f.rule === 'empty-section')
        .map((f) => f.section ?? '');
    const alpha = empties(kepYaml.replace(/^status: .*$/m, 'status: implementable'));
    assert.equal(alpha.includes('Troubleshooting'), false);
    assert.equal(alpha.includes('Rollout, Upgrade and Rollback Planning'), false);
    const beta = empties(kepYaml.replace(/^status: .*$/m, 'status: implementable').replace(/^stage: alpha$/m, 'stage: beta'));
    assert.deepEqual(beta.filter((s) => s === 'Troubleshooting' || s === 'Rollout, Upgrade and Rollback Planning').sort(), ['Rollout, Upgrade and Rollback Planning', 'Troubleshooting']);
  });

  describe('Kepler: the design sections from Accepted on', () => {
    const kepler = template('kepler');
    it('a Draft EP may leave out Testing Strategy; an Accepted one may not', () => {
      const names = kepler.sections.filter((s) => s.parent === null && s.requiredFrom === 'Accepted').map((s) => s.name);
      assert.deepEqual(names, ['Detailed Design', 'Configuration', 'Testing Strategy', 'Migration and Compatibility', 'Implementation Plan']);
      const full = fs.readFileSync(path.join(CORPUS, 'real', 'kepler', 'draft-20260417-VM-CPU-Power-Models-Training.md'), 'utf8');
      const text = full.slice(0, full.indexOf('## Testing Strategy')) + full.slice(full.indexOf('## Migration and Compatibility'));
      const p = 'docs/developer/proposal/draft-20260417-VM-CPU-Power-Models-Training.md';
      const draft = check(text, kepler, { path: p, template: 'kepler' });
      assert.deepEqual(draft.analysis?.status, { value: 'Draft', source: 'metadata', stage: 'draft' });
      assert.deepEqual(draft.findings.filter((f) => f.rule === 'missing-section').map(show), []);
      assert.deepEqual(draft.progress, { written: 19, required: 19 });
      const accepted = check(text.replace('**Status**: Draft', '**Status**: Accepted'), kepler, { path: p, template: 'kepler' });
      assert.deepEqual(accepted.findings.filter((f) => f.rule === 'missing-section').map(show), [
        "308:1-308:23 error missing-section Missing required section 'Testing Strategy', with its subsection 'Test Coverage' (expected after 'Deployment Examples').",
      ]);
      assert.deepEqual(accepted.progress, { written: 28, required: 30 });
    });
  });

  describe('proposal-kit check reads kep.yaml beside a KEP README', () => {
    const folder = withExampleKeps('pk-status-');

    const run = (): ReturnType<typeof runCli> => runCli(['check', 'keps'], folder());
    const dir = path.join('keps', 'sig-apps', '4242-job-retry-budget');
    const empty = `${dir.split(path.sep).join('/')}/README.md:76:1 %s empty-section Section 'Risks and Mitigations' is empty: write it, or say why it does not apply ("N/A: <reason>").`;

    it('provisional: the empty section is a hint; the questionnaire, Test Plan, Graduation Criteria and upgrade and skew strategies do not count', () => {
      const r = run();
      assert.ok(r.out.split('\n').includes(empty.replace('%s', 'hint')), r.out);
      assert.match(r.err, /4242-job-retry-budget\/README\.md: kep, 9 of 10 required sections written/);
    });

    it('implementable at alpha: the same section is an error, the questionnaire counts but for what it needs only from beta', () => {
      const file = path.join(folder(), dir, 'kep.yaml');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('status: provisional', 'status: implementable'));
      const r = run();
      assert.ok(r.out.split('\n').includes(empty.replace('%s', 'error')), r.out);
      assert.match(r.err, /4242-job-retry-budget\/README\.md: kep, 22 of 24 required sections written/);
    });
  });
});
