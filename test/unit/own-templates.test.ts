import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli';
import { checkModel, detectTemplate, parseProposal, parseTemplate, TemplateError } from '../../server/src/core';
import { saysOptional } from '../../server/src/core/template';
import { namedAsTemplate } from '../../server/src/core/detect';
import { builtinTemplates, CORPUS } from './helpers';

const WILD = path.join(CORPUS, 'wild');

/** Each family's main template, as MANIFEST.tsv names it. */
function mainTemplates(): { family: string; file: string }[] {
  const rows = fs.readFileSync(path.join(WILD, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  return rows.map((r) => r.split('\t')).map((c) => ({ family: c[0], file: path.join(WILD, c[0], c[3]) }));
}

const wild = (family: string, rel: string): string => fs.readFileSync(path.join(WILD, family, rel), 'utf8');

describe("teams' own templates, as they are", () => {
  describe('front matter: the team fields and Proposal Kit settings apart', () => {
    it('every main template of the wild corpus loads as it is', () => {
      const loaded = mainTemplates().map(({ family, file }) => {
        const t = parseTemplate(fs.readFileSync(file, 'utf8'), path.basename(file));
        return `${family}: ${t.id}, ${t.sections.length} sections`;
      });
      assert.deepEqual(loaded, [
        'npm-rfc: 0000-template, 7 sections',
        'nixos-rfc: 0000-template, 9 sections',
        'grpc-proposal: GRFC-TEMPLATE, 8 sections',
        'cometbft-adr: adr-template, 11 sections',
        'cilium-cfp: CFP-003-template, 8 sections',
        'flux-rfc: rfc, 9 sections',
        'ethereum-erc: erc-template, 9 sections',
        'cardano-cip: CIP-TEMPLATE, 8 sections',
        'tensorflow-rfc: yyyymmdd-rfc-template, 15 sections',
        'chia-chip: chip-template, 10 sections',
        'erlang-eep: eep-0033, 5 sections',
        'xrpl-xls: XLS_TEMPLATE, 11 sections',
      ]);
    });

    it("npm's status, title and null keys are its documents' fields: null may stay null, 'proposed' is only a default", () => {
      const t = parseTemplate(wild('npm-rfc', 'accepted/0000-template.md'), '0000-template.md');
      assert.equal(t.status, null);
      assert.equal(t.titlePattern, '{title}');
      assert.deepEqual(
        t.metadata.map((f) => [f.name, f.kind, f.placeholder ?? null, f.default ?? null, f.emptyAllowed ?? false, f.source]),
        [
          ['title', 'text', 'A human-readable title for this RFC', null, false, 'front-matter'],
          ['number', 'text', null, null, true, 'front-matter'],
          ['status', 'text', null, 'proposed', false, 'front-matter'],
          ['created', 'text', null, null, true, 'front-matter'],
          ['accepted_at', 'text', null, null, true, 'front-matter'],
          ['implemented_at', 'text', null, null, true, 'front-matter'],
          ['withdrawn_at', 'text', null, null, true, 'front-matter'],
          ['implementation', 'text', null, null, true, 'front-matter'],
        ],
      );
    });

    it("Ethereum's <angle> values are placeholders, a yyyy-mm-dd one a date; the TODO line in a comment is no field", () => {
      const t = parseTemplate(wild('ethereum-erc', 'erc-template.md'), 'erc-template.md');
      assert.deepEqual(
        t.metadata.map((f) => [f.name, f.kind, f.placeholder ?? f.default ?? null]),
        [
          ['title', 'text', '<The EIP title is a few words, not a complete sentence>'],
          ['description', 'text', '<Description is one full (short) sentence>'],
          [
            'author',
            'people',
            "<a comma separated list of the author's or authors' name + GitHub username (in parenthesis), or name and email (in angle brackets).  Example, FirstName LastName (@GitHubUsername), FirstName LastName <foo@bar.com>, FirstName (@GitHubUsername) and GitHubUsername (@GitHubUsername)>",
          ],
          ['discussions-to', 'text', '<URL>'],
          ['status', 'text', 'Draft'],
          ['type', 'text', '<Standards Track, Meta, or Informational>'],
          ['category', 'text', '<Core, Networking, Interface, or ERC>'],
          ['created', 'date', '<date created on, in ISO 8601 (yyyy-mm-dd) format>'],
          ['requires', 'text', '<EIP number(s)>'],
        ],
      );
    });

    it('alternatives in a team value are the allowed values', () => {
      const t = parseTemplate('---\nstatus: "{proposed | rejected | accepted}"\nphase: "Draft | Review | Final"\ndate: YYYY-MM-DD\n---\n# RFC: <Title>\n\n## Summary\n', 'rfc.md');
      assert.deepEqual(
        t.metadata.map((f) => [f.name, f.kind, f.values.join('/'), f.default ?? null]),
        [
          ['status', 'text', 'proposed/rejected/accepted', 'proposed'],
          ['phase', 'text', 'Draft/Review/Final', 'Draft'],
          ['date', 'date', '', null],
        ],
      );
    });

    it('settings under proposal-kit: beside the team keys; the older form (settings only) is still read', () => {
      const nested = parseTemplate('---\nstatus: Draft\nproposal-kit:\n  id: rfc\n  status:\n    order: [Draft, Final]\n---\n# RFC\n\n## Summary\n', 'x.md');
      assert.deepEqual([nested.id, nested.status?.order, nested.metadata.map((f) => f.name)], ['rfc', ['Draft', 'Final'], ['status']]);
      const older = parseTemplate('---\nid: rfc\nname: Team RFC\noptional: [Appendix]\n---\n# RFC\n\n## Summary\n\n## Appendix\n', 'x.md');
      assert.deepEqual([older.id, older.name, older.sections.map((s) => s.optional)], ['rfc', 'Team RFC', [false, true]]);
      // title and date alone could be a team's keys: they are its fields, not settings.
      const team = parseTemplate('---\ntitle: <Title>\ndate: YYYY-MM-DD\n---\n## Summary\n', 'team.md');
      assert.deepEqual([team.id, team.titlePattern, team.metadata.map((f) => f.name)], ['team', '{title}', ['title', 'date']]);
    });

    it('a bad setting under proposal-kit: is refused at its line', () => {
      const bad = (text: string): string => {
        try {
          parseTemplate(text, 't.md');
          return 'loaded';
        } catch (e) {
          return e instanceof TemplateError ? e.message : String(e);
        }
      };
      assert.equal(
        bad('---\ntitle: x\nproposal-kit:\n  id: t\n  status: draft\n---\n## A\n'),
        't.md:5: "status" must be a mapping, e.g. { "order": ["Draft", "Accepted", "Implemented"] }; found text.',
      );
      assert.equal(
        bad('---\nproposal-kit:\n  id: t\n  colour: red\n---\n## A\n'),
        't.md:2: "proposal-kit" has \'colour\', which is not one of Proposal Kit\'s settings (id, name, description, title, date, file, detect, metadata, kepYaml, status, requiredFrom, aliases, optional, versions).',
      );
    });

    it('settings are checked against schemas/template-settings.schema.json, each problem at its setting\'s line', () => {
      const bad = (settings: string): string => {
        try {
          parseTemplate(`---\ntitle: x\nproposal-kit:\n${settings}---\n## A\n`, 't.md');
          return 'loaded';
        } catch (e) {
          return e instanceof TemplateError ? e.message : String(e);
        }
      };
      assert.deepEqual(
        [
          bad('  id: t\n  metadata:\n    - kind: text\n'),
          bad('  status:\n    draft: [x]\n'),
          bad('  status:\n    order: []\n'),
          bad('  file:\n    pth: x.md\n'),
          bad('  aliases:\n    A: 3\n'),
          bad('  versions:\n    - version: 1\n'),
          bad('  metadata:\n    - name: Owner\n      fill: someone\n'),
          // A list setting also takes one value alone.
          bad('  optional: A\n'),
        ],
        [
          't.md:5: entry 1 of "metadata" needs "name": the field\'s name.',
          't.md:4: "status" needs "order": the statuses a proposal goes through, in order.',
          't.md:4: "status.order" is empty; it must list at least one value, e.g. ["Draft", "Accepted", "Implemented"].',
          't.md:4: "file" has \'pth\', which it does not take; it takes path, companions.',
          't.md:4: "aliases" for \'A\' must be a list of text values; found a number.',
          't.md:4: entry 1 of "versions" needs "outline": the older template\'s headings, one per line, and the field lines under its title, if it had any.',
          't.md:4: "fill" of entry 1 of "metadata" (\'Owner\') is \'someone\'; expected one of author, date, default.',
          'loaded',
        ],
      );
    });

    it('the schema names every setting the README documents, and the built-in templates follow it', () => {
      const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'schemas', 'template-settings.schema.json'), 'utf8')) as { properties: Record<string, unknown> };
      const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
      const block = /```yaml\n---\nproposal-kit:\n([\s\S]*?)---\n```/.exec(readme)?.[1] ?? '';
      const documented = [...block.matchAll(/^ {2}([A-Za-z]+):/gm)].map((m) => m[1]);
      assert.deepEqual(documented, Object.keys(schema.properties));
      for (const name of fs.readdirSync(path.join(__dirname, '..', '..', 'templates')).filter((n) => n.endsWith('.md'))) {
        assert.doesNotThrow(() => parseTemplate(fs.readFileSync(path.join(__dirname, '..', '..', 'templates', name), 'utf8'), name));
      }
    });
  });

  describe('optional sections, in the template\'s own words', () => {
    it('guidance that says so makes a section optional, in each wild template that has such words', () => {
      const optional = mainTemplates().map(({ family, file }) => {
        const t = parseTemplate(fs.readFileSync(file, 'utf8'), path.basename(file));
        return `${family}: ${t.sections.filter((x) => x.optional).map((x) => x.name).join(' | ')}`;
      });
      assert.deepEqual(optional, [
        // {{This section is optional if ...}}; {{THIS SECTION SHOULD BE REMOVED BEFORE RATIFICATION}}
        'npm-rfc: Prior Art | Unresolved Questions and Bikeshedding',
        // "What future work, if any, ..."; "If applicable, have a look at..." is the third sentence
        // of Prior art: advice, not a mark.
        'nixos-rfc: Future work',
        // "This section may be omitted if there are none."; "(if applicable)" in the heading
        'grpc-proposal: Temporary environment variable protection | Open issues',
        'cometbft-adr: ',
        'cilium-cfp: ',
        // "this section can be replaced with the actual documentation" (its subsections stay
        // required); <!-- Optional if existing discussions and/or issues are linked ... -->
        'flux-rfc: Proposal | User Stories',
        // <!-- This section is optional. --> and "This section is optional for non-Core EIPs."
        'ethereum-erc: Motivation | Backwards Compatibility | Test Cases | Reference Implementation',
        'cardano-cip: ',
        // "This section is optional."
        'tensorflow-rfc: Detailed Design',
        'chia-chip: ',
        // a section about the template itself
        'erlang-eep: How to Use This Template | Markdown EEP Formatting Requirements',
        'xrpl-xls: 2. Motivation | 5. Backwards Compatibility | 6. Test Plan | 7. Reference Implementation | Appendix | Appendix A: FAQ | A.1: [Question]',
      ]);
    });

    it('the words that make a section optional, and advice that does not', () => {
      const yes = ['Optional: a diagram.', '_Optional_ if the change is small.', 'If applicable, the migration steps.', 'Omit this section if nothing changes.', 'This section may be removed when unused.'];
      const no = ['Explain the design. If applicable, compare with other projects.', 'The key words "OPTIONAL" and "MAY" are to be read as in RFC 2119.', 'List the optional flags.'];
      assert.deepEqual(yes.map(saysOptional), [true, true, true, true, true]);
      assert.deepEqual(no.map(saysOptional), [false, false, false]);
    });

    it('an HTML comment right above a heading that calls it optional', () => {
      const t = parseTemplate('# RFC\n\n## Summary\n\nSay it.\n<!-- optional: remove if not needed -->\n## Appendix\n\n## Risks\n', 'rfc.md');
      assert.deepEqual(t.sections.map((x) => [x.name, x.optional]), [['Summary', false], ['Appendix', true], ['Risks', false]]);
    });

    it('text before the real title is a preamble; the title is no section', () => {
      const xls = parseTemplate(wild('xrpl-xls', 'templates/XLS_TEMPLATE.md'), 'XLS_TEMPLATE.md');
      assert.deepEqual([xls.titleHeading, xls.titlePattern, xls.sections[0].name, xls.sections[0].parent], ['[Title]', '{title}', '1. Abstract', null]);
      const grfc = parseTemplate(wild('grpc-proposal', 'GRFC-TEMPLATE.md'), 'GRFC-TEMPLATE.md');
      assert.deepEqual([grfc.titleHeading, grfc.titlePattern, grfc.sections[0].name], ['Title', '{title}', 'Abstract']);
      const eep = parseTemplate(wild('erlang-eep', 'eeps/eep-0033.md'), 'eep-0033.md');
      // EEP 33 leaves Post-History empty: a document may too.
      assert.deepEqual(eep.metadata.filter((f) => f.emptyAllowed).map((f) => f.name), ['Post-History']);
      assert.deepEqual([eep.titleHeading, eep.sections.map((x) => x.name)], [
        'EEP 33: Sample Markdown EEP Template',
        ['Abstract', 'Rationale', 'How to Use This Template', 'Markdown EEP Formatting Requirements', 'Copyright'],
      ]);
    });

    it("a link reference line under a heading names the section: NixOS RFC 0145's '# Design' is 'Detailed design'", () => {
      const t = parseTemplate(wild('nixos-rfc', '0000-template.md'), '0000-template.md');
      assert.deepEqual(t.sections[2].keys, ['detailed design', 'design']);
      const doc = parseProposal(wild('nixos-rfc', 'rfcs/0145-doc-strings.md'));
      const missing = checkModel(doc, [t], { template: t.id }).findings.filter((f) => f.rule === 'missing-section').map((f) => f.message);
      assert.equal(missing.includes("Missing required section 'Detailed design' (expected after 'Motivation')."), false);
    });

    it("numbered slot headings stand for the author's own, with all under them: Cilium's CFP template", () => {
      const t = parseTemplate(wild('cilium-cfp', 'cfps/CFP-003-template.md'), 'CFP-003-template.md');
      // "### Section 1/2", "### Impact: ... 1", "### Key Question: ... 2", "### Option 1:/2:" with
      // "#### Pros/Cons", "### Deferred Milestone 1/2" are not sections.
      assert.deepEqual(
        t.sections.map((x) => x.name),
        ['Summary', 'Motivation', 'Goals', 'Non-Goals', 'Proposal', 'Overview', 'Impacts / Key Questions', 'Future Milestones'],
      );
      // Their text is still the template's: kept under them, nothing is written ("_Section with proposal content_").
      const kept = ['# CFP-1: X', '', '## Proposal', '', '### Overview', '', 'An overview.', '', '### Section 1', '', '_Section with proposal content_', ''].join('\n');
      const p = checkModel(parseProposal(kept), [t], { template: t.id }).analysis?.present;
      assert.deepEqual([...(p?.values() ?? [])].map((x) => `${x.spec.name}:${x.state}`), ['Proposal:written', 'Overview:written']);
      const slotOnly = kept.replace('An overview.', '_Provide a high-level overview of the design aspects of the proposal._');
      const q = checkModel(parseProposal(slotOnly), [t], { template: t.id }).analysis?.present;
      assert.deepEqual([...(q?.values() ?? [])].map((x) => `${x.spec.name}:${x.state}`), ['Proposal:empty', 'Overview:guidance']);
    });

    it('a template that marks some fields optional in their own words requires the others; a field is matched without its plural', () => {
      const xls = parseTemplate(wild('xrpl-xls', 'templates/XLS_TEMPLATE.md'), 'XLS_TEMPLATE.md');
      const required = (t: typeof xls) => t.metadata.filter((f) => f.required).map((f) => f.name);
      assert.deepEqual(required(xls), ['xls', 'title', 'description', 'author', 'category', 'status', 'proposal-from', 'created', 'updated']);
      const chip = parseTemplate(wild('chia-chip', 'chip-template.md'), 'chip-template.md');
      // "(optional)" and "only allowed for Obsolete CHIPs" mark theirs; the blanks the editor fills may stay empty.
      assert.equal(required(chip).includes('Requires') || required(chip).includes('Superseded-By'), false);
      // A template that marks none asks for the fields it leaves a slot to fill: NixOS's front
      // matter holds an instruction in brackets for every key.
      const nixos = parseTemplate(wild('nixos-rfc', '0000-template.md'), '0000-template.md');
      assert.deepEqual(required(nixos), ['feature', 'start-date', 'author', 'co-authors', 'shepherd-team', 'shepherd-leader', 'related-issues']);
      // ...but not the fields it shows a plain value for: EEP 33 is a finished sample EEP.
      const eep = parseTemplate(wild('erlang-eep', 'eeps/eep-0033.md'), 'eep-0033.md');
      assert.deepEqual(required(eep), []);
      const tf = parseTemplate(wild('tensorflow-rfc', 'rfcs/yyyymmdd-rfc-template.md'), 'yyyymmdd-rfc-template.md');
      const doc = 'rfcs/20181026-tf-nightly.md';
      const fields = checkModel(parseProposal(wild('tensorflow-rfc', doc)), [tf], { template: tf.id, path: doc }).analysis?.metadata.map((m) => m.field.name);
      assert.ok(fields?.includes('Author(s)'), String(fields));
    });

    it('a field whose label and value share one bold span, a note after it: the value is what the span holds', () => {
      const t = parseTemplate(wild('cilium-cfp', 'cfps/CFP-003-template.md'), 'CFP-003-template.md');
      const sig = t.metadata.find((f) => f.name === 'SIG');
      assert.equal(sig?.placeholder, 'SIG-NAME');
      const doc = wild('cilium-cfp', 'cilium/CFP-42466-change-cilium-pod-ip-pool-crd.md');
      const found = checkModel(parseProposal(doc), [t], { template: t.id }).findings.filter((f) => f.field === 'SIG');
      assert.deepEqual(found.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.character + 1} ${f.message}`), [
        "3:8-16 SIG is still the template's placeholder 'SIG-NAME': replace it with the real value.",
      ]);
    });

    it('fixed text is not guidance: a Copyright statement, and visible text beside guidance in a comment', () => {
      const erc = parseTemplate(wild('ethereum-erc', 'erc-template.md'), 'erc-template.md');
      const chip = parseTemplate(wild('chia-chip', 'chip-template.md'), 'chip-template.md');
      const blocks = (t: typeof erc, name: string) => t.sections.find((x) => x.name === name)?.guidanceBlocks;
      assert.deepEqual([blocks(erc, 'Specification'), blocks(erc, 'Copyright'), blocks(chip, 'Copyright')], [[], [], []]);
      const doc = parseProposal(wild('ethereum-erc', 'ERCS/erc-6982.md'));
      const placeholders = checkModel(doc, [erc], { template: erc.id }).findings.filter((f) => f.rule === 'placeholder');
      assert.deepEqual(placeholders, []);
    });

    it('an ERC without Test Cases gets no missing-section for it; the template calls it optional', () => {
      const t = parseTemplate(wild('ethereum-erc', 'erc-template.md'), 'erc-template.md');
      const doc = parseProposal(wild('ethereum-erc', 'ERCS/erc-5267.md'));
      const result = checkModel(doc, [t], { path: 'ERCS/erc-5267.md', template: t.id });
      assert.deepEqual(result.findings.filter((f) => f.rule === 'missing-section'), []);
    });
  });

  describe('new proposals from it', () => {
    it('slots in capitals in the title are filled like braces', () => {
      const pattern = (file: string, family: string) => parseTemplate(wild(family, file), path.basename(file)).titlePattern;
      assert.equal(pattern('docs/references/architecture/adr-template.md', 'cometbft-adr'), 'ADR {n}: {title}');
      assert.equal(pattern('accepted/0000-template.md', 'npm-rfc'), '{title}');
      assert.equal(pattern('rfcs/RFC-0000/README.md', 'flux-rfc'), 'RFC-{n} {title}');
      // A title that is the template's name: its documents put their number and title there (`CFP-42466: ...`).
      assert.equal(pattern('cfps/CFP-003-template.md', 'cilium-cfp'), 'CFP-{n}: {title}');
      // "Title of RFC" describes the title: the title is all of it, the template is an RFC.
      const tf = parseTemplate(wild('tensorflow-rfc', 'rfcs/yyyymmdd-rfc-template.md'), 'yyyymmdd-rfc-template.md');
      assert.deepEqual([tf.titlePattern, tf.name], ['{title}', 'RFC']);
    });
  });

  describe('which documents follow it', () => {
    it("the template's own copy among the documents is not a proposal, whatever its line endings", () => {
      const text = wild('nixos-rfc', '0000-template.md');
      const t = parseTemplate(text, '0000-template.md');
      assert.equal(detectTemplate(parseProposal(text), '0000-template.md', [t]), null);
      assert.equal(detectTemplate(parseProposal(text.replace(/\n/g, '\r\n')), 'rfcs/0000-template.md', [t]), null);
      const rfc = detectTemplate(parseProposal(wild('nixos-rfc', 'rfcs/0106-nix-release-schedule.md')), 'rfcs/0106-nix-release-schedule.md', [t]);
      assert.deepEqual([rfc?.template.id, rfc?.reason], ['0000-template', 'metadata']);
    });

    it('a file named as a template, without a number of its own, is not a proposal', () => {
      const names = ['accepted/0000-template.md', 'design-proposals/klip-template.md', 'doc/developer/design/00000000_template.md', 'docs/developer/proposal/EP-TEMPLATE.md', 'keps/NNNN-kep-template/README.md', 'templates/XLS_TEMPLATE.md'];
      assert.deepEqual(names.map(namedAsTemplate), [true, true, true, true, true, true]);
      const proposals = ['keps/sig-apps/1234-pod-template/README.md', 'rfcs/0042-templates.md', 'cfps/CFP-003-template.md', 'docs/templating.md'];
      assert.deepEqual(proposals.map(namedAsTemplate), [false, false, false, false]);
    });

    const detect = (family: string, template: string, doc: string, text = wild(family, doc)) => {
      const t = parseTemplate(wild(family, template), path.basename(template));
      const d = detectTemplate(parseProposal(text), doc, [...builtinTemplates(), t]);
      return d ? `${d.template.id} ${d.confidence} ${d.reason}` : 'none';
    };

    it("a workspace template that fits wins over a built-in one: NixOS RFC 0106 is not a Materialize design doc", () => {
      const doc = 'rfcs/0106-nix-release-schedule.md';
      const body = wild('nixos-rfc', doc).replace(/^---[\s\S]*?\n---\n/, '');
      assert.equal(detectTemplate(parseProposal(body), doc, builtinTemplates())?.template.id, 'materialize');
      assert.equal(detect('nixos-rfc', '0000-template.md', doc, body), '0000-template 0.75 headings');
    });

    it("front matter keys shared with the template's own are evidence", () => {
      assert.equal(detect('nixos-rfc', '0000-template.md', 'rfcs/0106-nix-release-schedule.md'), '0000-template 0.9 metadata');
      assert.equal(detect('npm-rfc', 'accepted/0000-template.md', 'accepted/0054-make-scripts-install-opt-in.md'), '0000-template 0.9 metadata');
      // The withdrawal template has the same front matter but not the outline: not claimed on its keys alone.
      assert.equal(detect('npm-rfc', 'accepted/0000-template.md', 'withdrawn/0000-template.md'), 'none');
    });

    it("sibling templates: a document under the fixed title of one (npm's Withdrawal Amendment) follows it, and the title is no placeholder there", () => {
      const accepted = parseTemplate(wild('npm-rfc', 'accepted/0000-template.md'), '0000-template.md');
      const withdrawn = parseTemplate(wild('npm-rfc', 'withdrawn/0000-template.md'), 'withdrawn-0000-template.md');
      const detectIn = (doc: string): string => {
        const d = detectTemplate(parseProposal(wild('npm-rfc', doc)), doc, [...builtinTemplates(), accepted, withdrawn]);
        return d ? `${d.template.id} ${d.confidence} ${d.reason}` : 'none';
      };
      // 0002 is its withdrawal amendment followed by the whole accepted RFC: the amendment's title says which it is.
      assert.equal(detectIn('withdrawn/0002-changelog.md'), 'withdrawn-0000-template 1 title');
      assert.equal(detectIn('accepted/0054-make-scripts-install-opt-in.md'), '0000-template 0.9 metadata');
      const r = checkModel(parseProposal(wild('npm-rfc', 'withdrawn/0002-changelog.md')), [accepted, withdrawn], { path: 'withdrawn/0002-changelog.md' });
      assert.deepEqual(r.findings.map((f) => f.message), []);
      // A title that is a slot is still one: "CFP-003: Template" kept as it is.
      const cfp = parseTemplate(wild('cilium-cfp', 'cfps/CFP-003-template.md'), 'CFP-003-template.md');
      const kept = checkModel(parseProposal(wild('cilium-cfp', 'cilium/CFP-TODO-delegated-ipam-cilium-ips.md')), [cfp], { path: 'cilium/CFP-TODO-delegated-ipam-cilium-ips.md' });
      assert.ok(kept.findings.some((f) => f.message === "The title is still the template's placeholder 'CFP-003: Template': write the proposal's own title."));
    });

    it('named as the template names its documents, with nearly all of its many fields: its document under headings all its own', () => {
      // No section in common: XLS-0063's "# Problem Statement" / "# Proposal", ERC-1387's "### Introduction".
      assert.equal(detect('xrpl-xls', 'templates/XLS_TEMPLATE.md', 'XLS-0063-signin/README.md'), 'XLS_TEMPLATE 0.5 path');
      assert.equal(detect('ethereum-erc', 'erc-template.md', 'ERCS/erc-1387.md'), 'erc-template 0.5 path');
      // Five of the RFC table's fields over a SIG request's questions: not an RFC of the template.
      assert.equal(detect('tensorflow-rfc', 'rfcs/yyyymmdd-rfc-template.md', 'rfcs/20201023-sig-models.md'), 'none');
    });

    it("titled as the template titles its documents ('RFC-NNNN Title' gives 'RFC-0001 ...'), with two sections in common: its document", () => {
      assert.equal(detect('flux-rfc', 'rfcs/RFC-0000/README.md', 'rfcs/0001-authorization/README.md'), 'rfc 0.4 path');
    });

    it("Flux's fields: the values listed in the comment under Status, the dates' slots: each asked of an RFC", () => {
      const t = parseTemplate(wild('flux-rfc', 'rfcs/RFC-0000/README.md'), 'README.md');
      assert.equal(t.id, 'rfc');
      assert.deepEqual(
        t.metadata.map((f) => [f.name, f.kind, f.values.join(' '), f.default, f.required]),
        [
          ['Status', 'text', 'provisional implementable implemented deferred rejected withdrawn replaced', 'provisional', true],
          ['Creation date', 'date', '', undefined, true],
          ['Last update', 'date', '', undefined, true],
        ],
      );
      const doc = 'rfcs/0001-authorization/README.md';
      const messages = checkModel(parseProposal(wild('flux-rfc', doc)), [t], { template: t.id, path: doc }).findings.filter((f) => f.rule === 'metadata').map((f) => `${f.range.start.line}: ${f.message}`);
      assert.deepEqual(messages, [
        '0: The Status line is missing: add "**Status:** <value>" (one of provisional, implementable, implemented, deferred, rejected, withdrawn, replaced) under the title.',
        '0: The Creation date line is missing: add "**Creation date:** <value>" under the title.',
        '0: The Last update line is missing: add "**Last update:** <value>" under the title.',
      ]);
      // The later RFCs carry the three lines; RFC-0006's status is one of the listed values.
      const later = 'rfcs/0006-cdevents/README.md';
      assert.deepEqual(checkModel(parseProposal(wild('flux-rfc', later)), [t], { template: t.id, path: later }).findings.filter((f) => f.rule === 'metadata'), []);
    });

    it("ERC's front matter comments say which keys are only sometimes needed: those are not asked for", () => {
      const t = parseTemplate(wild('ethereum-erc', 'erc-template.md'), 'erc-template.md');
      const field = (name: string) => t.metadata.find((f) => f.name === name);
      assert.equal(field('requires')?.note, 'Only required when you reference an EIP in the `Specification` section. Otherwise, remove this field.');
      assert.equal(field('requires')?.required, false);
      assert.equal(field('category')?.required, false);
      assert.equal(field('created')?.required, true);
    });

    it('a field a document gives as a section of its own (## Status over one line) is there', () => {
      const t = parseTemplate(wild('cilium-cfp', 'cfps/CFP-003-template.md'), 'CFP-003-template.md');
      const doc = 'cilium/CFP-36975-configuration-profiles.md';
      const a = checkModel(parseProposal(wild('cilium-cfp', doc)), [t], { template: t.id, path: doc });
      assert.deepEqual(a.analysis?.metadata.map((m) => `${m.field.name}=${m.value} (${m.source})`), [
        'Authors=Dorde Lapcevic (dordel@google.com) (section)',
        'Begin Design Discussion=2025-02-07 (section)',
        'Status=Implementable (section)',
      ]);
      // What it does not give anywhere is still missing.
      assert.deepEqual(a.findings.filter((f) => f.rule === 'metadata').map((f) => f.field), ['SIG', 'Cilium Release']);
    });

    it("EEP 33's instructions: Erlang-Version asked of Standards Track EEPs, Created in dd-mmm-yyyy, the header lines above the title read", () => {
      const t = parseTemplate(wild('erlang-eep', 'eeps/eep-0033.md'), 'eep-0033.md');
      const field = (name: string) => t.metadata.find((f) => f.name === name);
      assert.deepEqual([field('Erlang-Version')?.requiredWhen, field('Erlang-Version')?.source, field('Erlang-Version')?.required], ['Standards Track', 'header', false]);
      // "For Standards Track EEPs, if your feature depends on ..., add a Requires header": a condition that cannot be checked.
      assert.equal(field('Requires'), undefined);
      assert.deepEqual([field('Created')?.kind, field('Created')?.dateForm], ['date', 'dd-mmm-yyyy']);
      const metadata = (doc: string, text = wild('erlang-eep', doc)) =>
        checkModel(parseProposal(text), [t], { template: t.id, path: doc }).findings.filter((f) => f.rule === 'metadata').map((f) => `${f.range.start.line}:${f.range.start.character} ${f.message}`);
      // EEP 63 is Standards Track, without the line; its "1-Jun-2023" is in the form.
      assert.deepEqual(metadata('eeps/eep-0063.md'), [
        '6:0 The Erlang-Version line is missing: add "Erlang-Version: <value>" to the lines above the title (the template asks it of Standards Track proposals).',
      ]);
      // EEP 78 has the line; its Created is numeric.
      assert.deepEqual(metadata('eeps/eep-0078.md'), ["3:13 Created '16-12-2024' is not written as the template asks: write it as dd-mmm-yyyy (like 31-Mar-2010)."]);
      // A Process EEP is not asked for it.
      const processEep = wild('erlang-eep', 'eeps/eep-0063.md').replace('Type: Standards Track', 'Type: Process');
      assert.deepEqual(metadata('eeps/eep-0063.md', processEep), []);
      // The same instruction in a team's words.
      const team = parseTemplate('# RFC: [Title]\n\nKind: Feature | Process\n\nFor Feature proposals, after the Kind line, add a Target-Release line.\n\n## Summary\n\n## Design\n', 'rfc.md');
      assert.deepEqual(team.metadata.map((f) => [f.name, f.requiredWhen ?? null]), [['Kind', null], ['Target-Release', 'Feature']]);
    });

    it("a section of the author's own that says only TBD is not written yet; the template's own sections keep their message", () => {
      const t = parseTemplate(wild('erlang-eep', 'eeps/eep-0033.md'), 'eep-0033.md');
      const doc = 'eeps/eep-0063.md';
      const empty = checkModel(parseProposal(wild('erlang-eep', doc)), [t], { template: t.id, path: doc }).findings.filter((f) => f.rule === 'empty-section');
      assert.deepEqual(
        empty.map((f) => [f.range.start.line, f.section, f.message]),
        [[37, 'Reference Implementation', 'Section \'Reference Implementation\' only says it is still to be written (\'TBD\'): write it, or say why it does not apply ("N/A: <reason>").']],
      );
      // Anything else under it is the author's.
      const written = wild('erlang-eep', doc).replace('\nTBD\n', '\nTBD: the prototype is at https://example.org/eep63.\n\nIt parses both forms.\n');
      assert.deepEqual(checkModel(parseProposal(written), [t], { template: t.id, path: doc }).findings.filter((f) => f.rule === 'empty-section'), []);
    });

    it('"## Core changes" inside Motivation is the detailed design where the template expects it (NixOS RFC 0080)', () => {
      const t = parseTemplate(wild('nixos-rfc', '0000-template.md'), '0000-template.md');
      const doc = 'rfcs/0080-nixos-release-schedule.md';
      const missing = checkModel(parseProposal(wild('nixos-rfc', doc)), [t], { template: t.id, path: doc }).findings.filter((f) => f.rule === 'missing-section').map((f) => f.section);
      assert.deepEqual(missing, ['Examples and Interactions', 'Prior art', 'Unresolved questions']);
    });

    it('a section the template lets the author replace by their own text, replaced: what it holds is not asked for', () => {
      // Flux's Proposal: "If the RFC goal is to document best practices, then this section can be
      // replaced with the actual documentation". RFC-0001 documents Flux's authorization model instead.
      const t = parseTemplate(wild('flux-rfc', 'rfcs/RFC-0000/README.md'), 'RFC-0000.md');
      assert.equal(t.sections.find((x) => x.name === 'Proposal')?.replaceable, true);
      const missing = (text: string) => checkModel(parseProposal(text), [t], { path: 'rfcs/0001-authorization/README.md' }).findings.filter((f) => f.rule === 'missing-section').map((f) => f.section);
      const doc = wild('flux-rfc', 'rfcs/0001-authorization/README.md');
      assert.deepEqual(missing(doc), ['Implementation History']);
      // Under the template's own title, it is the proposal, and its Alternatives are asked for.
      assert.deepEqual(missing(doc.replace("## Flux's authorization model", '## Proposal')), ['Alternatives', 'Design Details', 'Implementation History']);
    });

    it("a document's own subsections inside the template's sections do not dilute its score", () => {
      // 20221116 has the template's sections, and "Software Emulation" of its own under Design Proposal.
      // Its headings alone (without the table of fields, evidence of its own: 0.9 with it).
      const doc = 'rfcs/20221116-enable-stochastic-rounding.md';
      const body = wild('tensorflow-rfc', doc).split('\n').filter((l) => !l.includes('|')).join('\n');
      assert.equal(detect('tensorflow-rfc', 'rfcs/yyyymmdd-rfc-template.md', doc, body), 'yyyymmdd-rfc-template 0.81 headings');
      assert.equal(detect('tensorflow-rfc', 'rfcs/yyyymmdd-rfc-template.md', doc), 'yyyymmdd-rfc-template 0.9 metadata');
    });
  });

  describe('check, in a workspace with a wild template copied in as it is', () => {
    let tmp: string;
    beforeEach(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pk-own-'));
    });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    const put = (rel: string, text: string): void => {
      fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
      fs.writeFileSync(path.join(tmp, rel), text);
    };
    const run = (args: string[]) => {
      let out = '';
      let err = '';
      const code = main(args, { out: (s) => (out += s), err: (s) => (err += s), cwd: tmp });
      return { code, out, err };
    };

    it('NixOS: a front matter value still the template\'s instruction is reported at the value', () => {
      put('.proposals/templates/0000-template.md', wild('nixos-rfc', '0000-template.md'));
      put('rfcs/0106-nix-release-schedule.md', wild('nixos-rfc', 'rfcs/0106-nix-release-schedule.md'));
      const r = run(['check', '--format', 'json', 'rfcs']);
      const findings = JSON.parse(r.out).files[0].findings.filter((f: { rule: string }) => f.rule === 'metadata');
      assert.deepEqual(
        findings.map((f: { message: string; range: unknown }) => [f.message, f.range]),
        [
          [
            "co-authors is still the template's placeholder '(find a buddy later to help out with the RFC)': replace it with the real value.",
            { start: { line: 4, character: 12 }, end: { line: 4, character: 57 } },
          ],
        ],
      );
    });

    it("Flux: the template kept as its folder's README.md, copied in as it is, is a template; a folder's own README is not", () => {
      put('.proposals/templates/README.md', wild('flux-rfc', 'rfcs/RFC-0000/README.md'));
      put('.proposals/templates/NOTES.md', '# Our templates\n\n## Which one to use\n\nThe RFC template, for anything that changes an API.\n');
      put('rfcs/0003-kubernetes-oci/README.md', wild('flux-rfc', 'rfcs/0003-kubernetes-oci/README.md'));
      const listed = run(['templates']);
      assert.equal(listed.code, 0);
      assert.deepEqual(listed.out.split('\n').filter(Boolean).map((l) => l.split(/\s+/)[0]), ['kep', 'kepler', 'klip', 'materialize', 'rfc']);
      const r = run(['check', '--format', 'json', 'rfcs']);
      const report = JSON.parse(r.out).files[0];
      assert.equal(report.template.id, 'rfc');
      // A README that cannot be read as a template is the folder's own, and passed over; one with
      // Proposal Kit's settings is meant as a template, and what keeps it from loading is said.
      put('.proposals/templates/NOTES.md', 'Which template to use: the RFC one.\n');
      assert.equal(run(['templates']).code, 0);
      put('.proposals/templates/NOTES.md', '---\nproposal-kit:\n  id: notes\n---\n\nNo headings yet.\n');
      const broken = run(['check', 'rfcs']);
      assert.equal(broken.code, 2);
      assert.match(broken.err, /NOTES\.md:1: The template has no section headings/);
      assert.deepEqual(report.findings.map((f: { rule: string; message: string }) => `${f.rule}: ${f.message}`), [
        "missing-section: Missing required section 'Alternatives' (expected after 'User Stories').",
      ]);
    });

    it("XRPL: the parts AMENDMENT_TEMPLATE.md structures are read against it; a level skipped under each Failure Conditions is reported", () => {
      put('.proposals/templates/XLS_TEMPLATE.md', wild('xrpl-xls', 'templates/XLS_TEMPLATE.md'));
      put('.proposals/templates/AMENDMENT_TEMPLATE.md', wild('xrpl-xls', 'templates/AMENDMENT_TEMPLATE.md'));
      put('XLS-0087-token-preauth/README.md', wild('xrpl-xls', 'XLS-0087-token-preauth/README.md'));
      // The same headings one level up, where the template puts them: nothing to say.
      put('XLS-0088-fixed/README.md', wild('xrpl-xls', 'XLS-0087-token-preauth/README.md').replace(/^##### (3\.\d\.\d\.\d\. )/gm, '#### $1'));
      const r = run(['check', '--format', 'json', '.']);
      const levels = (doc: string) =>
        JSON.parse(r.out)
          .files.find((f: { path: string }) => f.path === doc)
          .findings.filter((f: { rule: string }) => f.rule === 'heading-level')
          .map((f: { range: { start: { line: number } }; message: string }) => `${f.range.start.line + 1}: ${f.message}`);
      const skip = (line: number, heading: string, parent: string) =>
        `${line}: Heading '${heading}' is level 5 (#####) under '${parent}' (level 3), skipping a level; AMENDMENT_TEMPLATE.md puts it right under it, at level 4 (####).`;
      assert.deepEqual(levels('XLS-0087-token-preauth/README.md'), [
        skip(165, '3.2.4.1. Data Verification', '4.4. Failure Conditions'),
        skip(172, '3.2.4.2. Protocol-Level Failures', '4.4. Failure Conditions'),
        skip(240, '3.3.2.1. Data Verification', '5.2. Failure Conditions'),
        skip(244, '3.3.2.2. Protocol-Level Failures', '5.2. Failure Conditions'),
        skip(306, '3.4.2.1. Data Verification', '6.2. Failure Conditions'),
        skip(310, '3.4.2.2. Protocol-Level Failures', '6.2. Failure Conditions'),
      ]);
      assert.deepEqual(levels('XLS-0088-fixed/README.md'), []);
      // Two sections of a team's template that name the same template: its parts are read once.
      put('.proposals/templates/XLS_TEMPLATE.md', wild('xrpl-xls', 'templates/XLS_TEMPLATE.md').replace('## 4. Rationale', '## 4. Rationale\n\n_[Structure it with the [AMENDMENT_TEMPLATE.md](./AMENDMENT_TEMPLATE.md) template too.]_'));
      const twice = run(['check', '--format', 'json', 'XLS-0087-token-preauth']);
      assert.equal(JSON.parse(twice.out).files[0].findings.filter((f: { rule: string }) => f.rule === 'heading-level').length, 6);
      // Its fields are in a <pre> block, and the message says so.
      const metadata = JSON.parse(r.out).files.find((f: { path: string }) => f.path === 'XLS-0087-token-preauth/README.md').findings.filter((f: { rule: string }) => f.rule === 'metadata');
      assert.deepEqual(metadata.map((f: { message: string }) => f.message), ['The metadata block at the top (<pre>) has no updated line: add "updated: <value>".']);
    });

    it('npm: an accepted RFC with null dates gets no metadata finding', () => {
      put('.proposals/templates/0000-template.md', wild('npm-rfc', 'accepted/0000-template.md'));
      put('accepted/0054-make-scripts-install-opt-in.md', wild('npm-rfc', 'accepted/0054-make-scripts-install-opt-in.md'));
      const r = run(['check', '--format', 'json', 'accepted']);
      assert.equal(r.err.includes('template error'), false);
      const report = JSON.parse(r.out).files[0];
      assert.equal(report.template.id, '0000-template');
      assert.deepEqual(report.findings.filter((f: { rule: string }) => f.rule === 'metadata'), []);
    });

    const copy = (family: string, rel: string, to = rel): void => put(to, wild(family, rel));

    it('new, npm: number width from the existing files, the team front matter with title, number and date filled', () => {
      copy('npm-rfc', 'accepted/0000-template.md', '.proposals/templates/0000-template.md');
      copy('npm-rfc', 'accepted/0054-make-scripts-install-opt-in.md');
      copy('npm-rfc', 'implemented/0052-registry-scoped-keyfile-and-certfile.md');
      const r = run(['new', '--template', '0000-template', '--title', 'Scoped install scripts', '--author', 'Ada Lovelace', '--date', '2026-12-02']);
      assert.deepEqual([r.code, r.out], [0, `${path.join('accepted', '0055-scoped-install-scripts.md')}\n`]);
      const text = fs.readFileSync(path.join(tmp, 'accepted', '0055-scoped-install-scripts.md'), 'utf8');
      assert.equal(
        text.split('\n').slice(0, 15).join('\n'),
        [
          '---',
          'title: "Scoped install scripts"',
          'number: 55',
          'status: proposed',
          'created: 2026-12-02',
          'accepted_at: null',
          'implemented_at: null',
          'withdrawn_at: null',
          'implementation: null',
          '---',
          '',
          '# Scoped install scripts',
          '',
          '## Summary',
          '',
        ].join('\n'),
      );
    });

    it('new, CometBFT: the {ADR-NUMBER} and {TITLE} slots filled, three digits as the ADRs beside it', () => {
      copy('cometbft-adr', 'docs/references/architecture/adr-template.md', '.proposals/templates/adr-template.md');
      copy('cometbft-adr', 'docs/references/architecture/adr-119-dog-mempool-gossip.md');
      copy('cometbft-adr', 'docs/references/architecture/tendermint-core/adr-009-ABCI-design.md');
      const r = run(['new', '--template', 'adr-template', '--title', 'Predictable mempool', '--date', '2026-12-02']);
      assert.deepEqual([r.code, r.out], [0, `${path.join('docs', 'references', 'architecture', 'adr-120-predictable-mempool.md')}\n`]);
      const text = fs.readFileSync(path.join(tmp, 'docs', 'references', 'architecture', 'adr-120-predictable-mempool.md'), 'utf8');
      assert.equal(text.split('\n')[0], '# ADR 120: Predictable mempool');
    });

    it('new, NixOS: the team keys carried, the date and author filled, the instructions left for the author', () => {
      copy('nixos-rfc', '0000-template.md', '.proposals/templates/0000-template.md');
      copy('nixos-rfc', 'rfcs/0180-broken-package-removal.md');
      const r = run(['new', '--template', '0000-template', '--title', 'Flake schemas', '--author', 'Ada Lovelace', '--date', '2026-12-02']);
      assert.deepEqual([r.code, r.out], [0, `${path.join('rfcs', '0181-flake-schemas.md')}\n`]);
      const text = fs.readFileSync(path.join(tmp, 'rfcs', '0181-flake-schemas.md'), 'utf8');
      assert.equal(
        text.split('\n').slice(0, 12).join('\n'),
        [
          '---',
          'feature: (fill me in with a unique ident, my_awesome_feature)',
          'start-date: 2026-12-02',
          'author: "Ada Lovelace"',
          'co-authors: (find a buddy later to help out with the RFC)',
          'shepherd-team: (names, to be nominated and accepted by RFC steering committee)',
          'shepherd-leader: (name to be appointed by RFC steering committee)',
          'related-issues: (will contain links to implementation PRs)',
          '---',
          '',
          '# Summary',
          '[summary]: #summary',
        ].join('\n'),
      );
    });

    it('new, NixOS: the new file is a proposal and is checked, not taken for the template\'s copy', () => {
      copy('nixos-rfc', '0000-template.md', '.proposals/templates/0000-template.md');
      copy('nixos-rfc', 'rfcs/0180-broken-package-removal.md');
      const made = run(['new', '--template', '0000-template', '--title', 'Flake schemas', '--author', 'Ada Lovelace', '--date', '2026-12-02']).out.trim();
      const r = run(['check', '--format', 'json', made]);
      assert.equal(JSON.parse(r.out).files[0].template.id, '0000-template');
    });

    it('new, Cilium: named CFP-<n>-<slug> in the folder of the highest number, as the CFPs beside the template (CFP-003-template.md) are', () => {
      copy('cilium-cfp', 'cfps/CFP-003-template.md', '.proposals/templates/CFP-003-template.md');
      copy('cilium-cfp', 'cilium/CFP-45607-delegated-ipam-ingress.md');
      copy('cilium-cfp', 'hubble/CFP-30788-managing-hubble-metrics-cardinality.md');
      const r = run(['new', '--template', 'CFP-003-template', '--title', 'Per-namespace egress policies', '--author', 'Ada Lovelace', '--date', '2026-12-02']);
      assert.deepEqual([r.code, r.out], [0, `${path.join('cilium', 'CFP-45608-per-namespace-egress-policies.md')}\n`]);
      const text = fs.readFileSync(path.join(tmp, 'cilium', 'CFP-45608-per-namespace-egress-policies.md'), 'utf8');
      // The template's choice of statuses, "Implementable, Released, Dormant, Declined": a new CFP starts at the first.
      assert.match(text, /^\*\*Status:\*\* Implementable$/m);
      assert.match(text, /^\*\*Authors:\*\* Ada Lovelace$/m);
    });

    it('new, TensorFlow: a file named for the day it is written (yyyymmdd-rfc-template.md, 20180507-cond-v2.md), not a number after the last', () => {
      copy('tensorflow-rfc', 'rfcs/yyyymmdd-rfc-template.md', '.proposals/templates/yyyymmdd-rfc-template.md');
      copy('tensorflow-rfc', 'rfcs/20180507-cond-v2.md');
      copy('tensorflow-rfc', 'rfcs/20201023-sig-models.md');
      const r = run(['new', '--template', 'yyyymmdd-rfc-template', '--title', 'Sparse tensor checkpoints', '--author', 'Ada Lovelace', '--date', '2026-12-02']);
      assert.deepEqual([r.code, r.out], [0, `${path.join('rfcs', '20261202-sparse-tensor-checkpoints.md')}\n`]);
      const text = fs.readFileSync(path.join(tmp, 'rfcs', '20261202-sparse-tensor-checkpoints.md'), 'utf8');
      // The table's Author(s) row is the author's; Updated is the date.
      assert.match(text, /^\| \*\*Author\(s\)\*\* \| Ada Lovelace +\|$/m);
      assert.match(text, /^\| \*\*Updated\*\* +\| 2026-12-02 +\|$/m);
    });

    it('a template that cannot be loaded: its file, line and reason, and exit code 2', () => {
      put('.proposals/templates/0000-template.md', wild('nixos-rfc', '0000-template.md'));
      put('.proposals/templates/broken.md', '---\nfeature: x\nproposal-kit: [1]\n---\n## A\n');
      put('rfcs/0106-nix-release-schedule.md', wild('nixos-rfc', 'rfcs/0106-nix-release-schedule.md'));
      const r = run(['check', 'rfcs']);
      assert.equal(r.code, 2);
      const lines = r.err.split('\n');
      assert.equal(
        lines[0],
        `proposal-kit: template error: .proposals/templates/broken.md:3: "proposal-kit" must be a mapping of Proposal Kit's settings (id, name, description, title, date, file, detect, metadata, kepYaml, status, requiredFrom, aliases, optional, versions).`,
      );
      assert.equal(lines.at(-2), 'proposal-kit: a template could not be loaded (see above), so no document was checked against it: fix it and run again.');
    });
  });
});
