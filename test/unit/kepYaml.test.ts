import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { checkModel, parseProposal, RULES } from '../../server/src/core';
import { checkKepYaml, kepYamlFindingsFor } from '../../server/src/core/kepYaml';
import { CORPUS, runCli, show, template, withExampleKeps } from './helpers';

const SPEC = template('kep').kepYaml!;
const README = parseProposal('# KEP-4242: Job Retry Budget\n\n## Summary\n\nRetries.\n');
const findings = (text: string, readme = README): string[] => checkKepYaml(text, SPEC, readme).map(show);

/** A real KEP's kep.yaml and README from the corpus. */
function real(name: string): string[] {
  const dir = path.join(CORPUS, 'real', 'kep');
  return findings(fs.readFileSync(path.join(dir, `${name}.kep.yaml`), 'utf8'), parseProposal(fs.readFileSync(path.join(dir, `${name}.README.md`), 'utf8')));
}

describe('kep.yaml', () => {
  it('is one rule among the others, an error by default', () => {
    assert.deepEqual(RULES.find((r) => r.id === 'kep-yaml')?.severity, 'error');
  });

  describe('real KEPs', () => {
    it('a status misspelt upstream, and two feature gates with no components (2625)', () => {
      assert.deepEqual(real('2625-cpumanager-policies-thread-placement'), [
        "8:9-8:20 error kep-yaml status 'imlpemented' in kep.yaml is not an allowed value: expected one of provisional, implementable, implemented, deferred, rejected, withdrawn, replaced.",
        `43:11-43:36 error kep-yaml Feature gate 'CPUManagerPolicyOptions' in kep.yaml names no components: list those it is in under "components:" (kubelet, kube-apiserver, ...).`,
        `44:11-44:41 error kep-yaml Feature gate 'CPUManagerPolicyAlphaOptions' in kep.yaml names no components: list those it is in under "components:" (kubelet, kube-apiserver, ...).`,
      ]);
    });

    it("the template's lists of choices left as the value (5000); its short title is the same title", () => {
      assert.deepEqual(real('5000-api-linting-crd-schema-tooling'), [
        "8:9-8:83 error kep-yaml status 'provisional|implementable|implemented|deferred|rejected|withdrawn|replaced' in kep.yaml is not an allowed value: expected one of provisional, implementable, implemented, deferred, rejected, withdrawn, replaced.",
        "19:8-19:25 error kep-yaml stage 'alpha|beta|stable' in kep.yaml is not an allowed value: expected one of alpha, beta, stable, deprecated, disabled, removed.",
      ]);
    });

    it('a KEP that deprecates a feature has the stage deprecated (5707): no finding', () => {
      assert.deepEqual(real('5707-deprecate-service-externalips'), []);
    });

    it("the template's date placeholder (4326) and its title (5468)", () => {
      assert.deepEqual(real('4326-downgrade'), ["7:16-7:26 error kep-yaml creation-date 'yyyy-mm-dd' in kep.yaml is not a date: write it as YYYY-MM-DD."]);
      assert.deepEqual(real('5468-invariant-testing'), [
        "1:8-1:20 warning kep-yaml title 'KEP Template' in kep.yaml does not name the same enhancement as the README's title 'Invariant Testing': make them agree.",
      ]);
    });

    it('titles that share a word by chance differ', () => {
      const readme = fs.readFileSync(path.join(CORPUS, 'real', 'kep', '4802-windows-node-shutdown.README.md'), 'utf8').replace(/^# .*$/m, '# KEP-4802: Pod Scheduling Readiness');
      const yaml = fs.readFileSync(path.join(CORPUS, 'real', 'kep', '4802-windows-node-shutdown.kep.yaml'), 'utf8').replace(/^title: .*$/m, 'title: Pod Lifecycle Sleep Action');
      assert.deepEqual(findings(yaml, parseProposal(readme)).filter((f) => f.includes(' title ')), [
        "1:8-1:34 warning kep-yaml title 'Pod Lifecycle Sleep Action' in kep.yaml does not name the same enhancement as the README's title 'Pod Scheduling Readiness': make them agree.",
      ]);
    });

    it('a short form or other words for the same title agree (5295, 4381, 4322, 4802)', () => {
      for (const kep of ['5295-kyaml', '4381-dra-structured-parameters', '4322-cluster-inventory', '4802-windows-node-shutdown']) {
        assert.deepEqual(real(kep).filter((f) => f.includes(' kep-yaml title ')), [], kep);
      }
    });

    it('titles that differ only in punctuation or case agree (5517: only its approver named twice is told); a complete kep.yaml has no findings (4951)', () => {
      assert.deepEqual(real('5517-dra-node-allocatable-resources'), ["26:5-26:17 error kep-yaml 'approvers' in kep.yaml names '@dchen1107' twice: remove the repeat."]);
      assert.deepEqual(real('4951-configurable-hpa-tolerance'), []);
    });
  });

  describe('keys and values', () => {
    it('missing required keys: one finding on the first line, naming them all', () => {
      assert.deepEqual(findings('title: Job Retry Budget\nkep-number: 4242\nstatus: provisional\n'), [
        `1:1-1:24 error kep-yaml kep.yaml has no 'authors', 'owning-sig', 'creation-date': add them ("authors: <value>", "owning-sig: <value>", "creation-date: <value>").`,
      ]);
    });

    it('empty and placeholder values, wrong number, status, stage and dates', () => {
      const text = [
        'title: "Job retry budget."',
        'kep-number: 4243',
        'authors: []',
        'owning-sig: TBD',
        'status: Provisional',
        'creation-date: 2026-02-30',
        'last-updated: 2026-3-1',
        'stage: gamma',
        '',
      ].join('\n');
      assert.deepEqual(findings(text), [
        "2:13-2:17 error kep-yaml kep-number 4243 in kep.yaml differs from the README's title 'KEP-4242: Job Retry Budget': make them the same number.",
        "3:1-3:8 error kep-yaml 'authors' in kep.yaml is empty: fill it in.",
        "4:13-4:16 error kep-yaml 'owning-sig' in kep.yaml is still a placeholder: replace it with the real value.",
        "5:9-5:20 error kep-yaml status 'Provisional' in kep.yaml is not an allowed value: expected one of provisional, implementable, implemented, deferred, rejected, withdrawn, replaced.",
        "6:16-6:26 error kep-yaml creation-date '2026-02-30' in kep.yaml is not a date: write it as YYYY-MM-DD.",
        "7:15-7:23 error kep-yaml last-updated '2026-3-1' in kep.yaml is not a date: write it as YYYY-MM-DD.",
        "8:8-8:13 error kep-yaml stage 'gamma' in kep.yaml is not an allowed value: expected one of alpha, beta, stable, deprecated, disabled, removed.",
      ]);
    });

    it('a person named twice in a list, and a feature gate without components', () => {
      const text = [
        'title: Job Retry Budget',
        'kep-number: 4242',
        'authors: ["@ada"]',
        'owning-sig: sig-apps',
        'status: provisional',
        'creation-date: 2026-01-19',
        'approvers:',
        "  - '@dchen1107'",
        "  - '@kad'",
        "  - 'dchen1107'",
        'feature-gates:',
        '  - name: JobRetryBudget',
        '  - name: JobRetryBudgetAlpha',
        '    components: []',
        '  - name: JobRetryBudgetBeta',
        '    components:',
        '      - kube-controller-manager',
        '',
      ].join('\n');
      assert.deepEqual(findings(text), [
        "10:5-10:16 error kep-yaml 'approvers' in kep.yaml names 'dchen1107' twice: remove the repeat.",
        `12:11-12:25 error kep-yaml Feature gate 'JobRetryBudget' in kep.yaml names no components: list those it is in under "components:" (kubelet, kube-apiserver, ...).`,
        `13:11-13:30 error kep-yaml Feature gate 'JobRetryBudgetAlpha' in kep.yaml names no components: list those it is in under "components:" (kubelet, kube-apiserver, ...).`,
      ]);
    });

    it('a list of TBD authors and a key with no value', () => {
      const text = 'title: Job Retry Budget\nkep-number: "4242"\nauthors:\n  - TBD\nowning-sig: sig-apps\nstatus:\ncreation-date: 2026-01-19\n';
      assert.deepEqual(findings(text), [
        "4:3-4:8 error kep-yaml 'authors' in kep.yaml is still a placeholder: replace it with the real value.",
        "6:1-6:7 error kep-yaml 'status' in kep.yaml is empty: fill it in.",
      ]);
    });

    it('without a README heading to compare, the number and title are not compared', () => {
      const text = 'title: Other\nkep-number: 1\nauthors: [a]\nowning-sig: sig-apps\nstatus: provisional\ncreation-date: 2026-01-19\n';
      assert.deepEqual(findings(text, parseProposal('Some text.\n')), []);
      assert.deepEqual(findings(text).map((f) => f.slice(0, 25)), ['1:8-1:13 warning kep-yaml', '2:13-2:14 error kep-yaml ']);
    });

    it('a configured severity applies to every finding; off turns the rule off', () => {
      const text = 'title: Other\nkep-number: 1\nauthors: [a]\nowning-sig: sig-apps\nstatus: provisional\ncreation-date: 2026-01-19\n';
      assert.deepEqual(checkKepYaml(text, SPEC, README, { 'kep-yaml': 'information' }).map((f) => f.severity), ['information', 'information']);
      assert.deepEqual(checkKepYaml(text, SPEC, README, { 'kep-yaml': 'off' }), []);
    });

    it("follows the README's status as the README's own findings do: a draft's errors are warnings, history's findings hints; a setting wins", () => {
      const kep = template('kep');
      const severities = (status: string, set: Parameters<typeof kepYamlFindingsFor>[2] = {}): string[] => {
        const text = `title: Other\nkep-number: 1\nauthors: [a]\nowning-sig: sig-apps\nstatus: ${status}\ncreation-date: 2026-01-19\n`;
        const result = checkModel(README, [kep], { template: 'kep', companions: { kepYaml: text } });
        return kepYamlFindingsFor(text, { model: README, template: kep, status: result.analysis!.status }, set).map((f) => `${f.range.start.line + 1} ${f.severity}`);
      };
      // Line 1: the title worded differently (a warning at most); line 2: the number that differs.
      assert.deepEqual(severities('implementable'), ['1 warning', '2 error']);
      assert.deepEqual(severities('provisional'), ['1 warning', '2 warning']);
      assert.deepEqual(severities('implemented'), ['1 hint', '2 hint']);
      assert.deepEqual(severities('implemented', { 'kep-yaml': 'error' }), ['1 error', '2 error']);
    });
  });

  describe('malformed YAML: one finding at the bad line, never a crash', () => {
    const cases: [string, string][] = [
      ['title: x\nstatus: [a\nstage: alpha\n', '2:1-2:11 error kep-yaml kep.yaml is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
      ['title: x\r\nstatus: [a, b\r\n\r\nstage: alpha\r\n', '2:1-2:14 error kep-yaml kep.yaml is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
      ['title: "unterminated\nstatus: provisional\n', '1:1-1:21 error kep-yaml kep.yaml is not valid YAML: Missing closing "quote'],
      ['title: Job Retry Budget\n\tstatus: provisional\n', '2:1-2:21 error kep-yaml kep.yaml is not valid YAML: Tabs are not allowed as indentation'],
      ['title: a\ntitle: b\n', '2:1-2:9 error kep-yaml kep.yaml is not valid YAML: Map keys must be unique'],
      ['- a\n- b\n', '1:1-2:4 error kep-yaml kep.yaml must be a set of "key: value" lines.'],
      ['', "1:1-1:1 error kep-yaml kep.yaml is empty: it needs 'title', 'kep-number', 'authors', 'owning-sig', 'status', 'creation-date'."],
      ['a\u0000b', '1:1-1:4 error kep-yaml kep.yaml is a binary file, not YAML: write it as "key: value" lines.'],
    ];
    for (const [text, expected] of cases) {
      it(JSON.stringify(text), () => assert.deepEqual(findings(text), [expected]));
    }

    it('any text: findings only, each inside the text', () => {
      const pieces = ['title: x', 'status: [', 'kep-number: 1', '  - a', '"', "'", '{', '}', ']', ':', '\t', '&a', '*a', '!!binary', '---', '...', '#', '\r', '\n', '? ', '- ', '|', '>'];
      fc.assert(
        fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { maxLength: 30 }), (parts) => {
          const text = parts.join('');
          const lines = text.split(/\r\n|\r|\n/).length;
          for (const f of checkKepYaml(text, SPEC, README)) {
            assert.equal(f.rule, 'kep-yaml');
            assert.ok(f.range.start.line < lines && f.range.end.line < lines, JSON.stringify(text));
          }
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('proposal-kit check', () => {
    const folder = withExampleKeps('pk-kepyaml-');
    const run = (args: string[]): ReturnType<typeof runCli> => runCli(args, folder());
    const yamlFile = (): string => path.join(folder(), 'keps', 'sig-apps', '4242-job-retry-budget', 'kep.yaml');

    it("prints kep.yaml's findings with kep.yaml's path, after its README's", () => {
      fs.writeFileSync(yamlFile(), fs.readFileSync(yamlFile(), 'utf8').replace('kep-number: 4242', 'kep-number: 4243').replace('stage: alpha', 'stage: GA'));
      const r = run(['check', 'keps']);
      const lines = r.out.trim().split('\n');
      // The example KEP is provisional, a draft: no finding above a warning.
      assert.deepEqual(lines.slice(-2), [
        "keps/sig-apps/4242-job-retry-budget/kep.yaml:2:13 warning kep-yaml kep-number 4243 in kep.yaml differs from the README's title 'KEP-4242: Job Retry Budget': make them the same number.",
        "keps/sig-apps/4242-job-retry-budget/kep.yaml:22:8 warning kep-yaml stage 'GA' in kep.yaml is not an allowed value: expected one of alpha, beta, stable, deprecated, disabled, removed.",
      ]);
      assert.match(r.err, /^Checked 2 files, 1 proposal: 0 errors, 3 warnings, 1 note\.$/m);
      // Warnings alone do not fail the check.
      assert.equal(r.code, 0);
    });

    it('a kep.yaml named on the command line is checked with its README; broken YAML is a finding, not a crash', () => {
      fs.writeFileSync(yamlFile(), 'title: Job Retry Budget\nstatus: [provisional\nstage: alpha\n');
      const r = run(['check', '--format', 'json', 'keps/sig-apps/4242-job-retry-budget/kep.yaml']);
      const doc = JSON.parse(r.out) as { files: { path: string; findings: { rule: string; message: string; range: { start: { line: number } } }[] }[] };
      assert.deepEqual(doc.files.map((f) => f.path), ['keps/sig-apps/4242-job-retry-budget/README.md', 'keps/sig-apps/4242-job-retry-budget/kep.yaml']);
      assert.deepEqual(doc.files[1].findings.map((f) => [f.range.start.line, f.message]), [
        [1, 'kep.yaml is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
      ]);
    });
  });
});
