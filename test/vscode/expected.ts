/**
 * What both real-editor suites expect of the fixture workspace (test/e2e/fixtures/workspace): the
 * Playwright suite (test/e2e) reads it off the screen, the VS Code API suite (test/vscode/suite)
 * through the API. The messages are the CLI's: `node dist/cli.js check <file>` prints the same.
 */

export const KLIP = 'design-proposals/klip-7-stream-pausing.md';
export const README = 'README.md';

export interface Problem {
  severity: 'error' | 'warning';
  /** One-based, as the Problems panel and the CLI show it. */
  line: number;
  rule: string;
  message: string;
}

/** The KLIP misses 'Compatibility Implications' and leaves 'Test plan' empty: errors, as it is Design Approved. */
export const KLIP_PROBLEMS: readonly Problem[] = [
  { severity: 'error', line: 39, rule: 'empty-section', message: `Section 'Test plan' is empty: write it, or say why it does not apply ("N/A: <reason>").` },
  { severity: 'error', line: 43, rule: 'missing-section', message: `Missing required section 'Compatibility Implications' (expected after 'Documentation Updates').` },
];

/** The quick fix for the missing section, and the file it leaves on disk once saved (in fixtures/expected). */
export const QUICK_FIX_TITLE = `Insert section 'Compatibility Implications'`;
export const AFTER_QUICK_FIX = 'klip-7-stream-pausing.quick-fix.md';
/** What the inserted (still empty) section adds to the Problems panel. */
export const AFTER_QUICK_FIX_PROBLEMS: readonly Problem[] = [
  KLIP_PROBLEMS[0],
  { severity: 'error', line: 47, rule: 'empty-section', message: `Section 'Compatibility Implications' is empty: write it, or say why it does not apply ("N/A: <reason>").` },
];

/** The Proposal view after the quick fix: label and description of each entry, and its description. */
export const OUTLINE_AFTER_QUICK_FIX = {
  description: '9 of 11 required sections written',
  status: '$(checklist) 9/11 sections',
  entries: [
    ['tl;dr', ''],
    ['Motivation and background', ''],
    ['What is in scope', ''],
    ['What is not in scope', ''],
    ['Value/Return', ''],
    ['Public APIS', ''],
    ['Design', ''],
    ['Test plan', 'empty'],
    ['optional: LOEs and Delivery Milestones', 'missing'],
    ['Documentation Updates', ''],
    ['Compatibility Implications', 'empty'],
    ['Security Implications', ''],
  ] as [string, string][],
};
/** Written into 'Test plan' (under its guidance comment, 0-based line 41), it makes 10 of 11. */
export const TEST_PLAN_TEXT = 'Unit tests for the new statements; an integration test restarts a server while a query is paused.';
export const TEST_PLAN_LINE = 41;
export const OUTLINE_AFTER_WRITING = { description: '10 of 11 required sections written', status: '$(checklist) 10/11 sections' };

/** Hover on the '## Design' heading (0-based line 33) and completion at a new '## ' heading. */
export const DESIGN_LINE = 33;
export const DESIGN_HOVER = ['**Design**: required section of KLIP', 'Walk through the implementation'];
export const COMPLETION_LABEL = 'LOEs and Delivery Milestones';
export const COMPLETION_DETAIL = 'Optional KLIP section';
export const COMPLETION_GUIDANCE = 'Split the work into milestones that each give users something they can use';

export const NEW_TITLE = 'Faster Builds';

export interface NewProposalCase {
  template: string;
  /** The template's name in the New Proposal picker. */
  name: string;
  sig?: string;
  /** Two runs: the file each creates (from the workspace folder) and its first line. */
  runs: [{ file: string; title: string }, { file: string; title: string }];
}

/** The local date as New Proposal writes it (YYYYMMDD in a Materialize file name). */
export function yyyymmdd(d = new Date()): string {
  return `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
}

/** The fixture workspace holds KLIP 7, KEP 4210 and Kepler EP-004: the next numbers follow them. */
export function newProposalCases(date = yyyymmdd()): NewProposalCase[] {
  return [
    {
      template: 'klip',
      name: 'KLIP',
      runs: [
        { file: 'design-proposals/klip-8-faster-builds.md', title: '# KLIP 8 - Faster Builds' },
        { file: 'design-proposals/klip-9-faster-builds.md', title: '# KLIP 9 - Faster Builds' },
      ],
    },
    {
      template: 'kep',
      name: 'KEP',
      sig: 'node',
      runs: [
        { file: 'keps/sig-node/4211-faster-builds/README.md', title: '# KEP-4211: Faster Builds' },
        { file: 'keps/sig-node/4212-faster-builds/README.md', title: '# KEP-4212: Faster Builds' },
      ],
    },
    {
      template: 'materialize',
      name: 'Materialize',
      runs: [
        { file: `doc/developer/design/${date}_faster_builds.md`, title: '# Faster Builds' },
        { file: `doc/developer/design/${date}_faster_builds-2.md`, title: '# Faster Builds' },
      ],
    },
    {
      template: 'kepler',
      name: 'Kepler EP',
      runs: [
        { file: 'docs/developer/proposal/EP-005-faster-builds.md', title: '# EP-005: Faster Builds' },
        { file: 'docs/developer/proposal/EP-006-faster-builds.md', title: '# EP-006: Faster Builds' },
      ],
    },
  ];
}

/** A workspace template (.proposals/templates/madr.md) and a decision written with it (scenario 7). */
export const DECISION = 'docs/decisions/0002-adopt-feature-flags.md';

export interface PlacedProblem extends Problem {
  column: number;
}

/** What the decision gets from the workspace's MADR-style template (the CLI prints the same). */
export const DECISION_PROBLEMS: readonly PlacedProblem[] = [
  { severity: 'warning', line: 3, column: 11, rule: 'metadata', message: "Status 'wip' is not an allowed value: expected one of proposed, rejected, accepted, deprecated, superseded." },
  { severity: 'warning', line: 4, column: 9, rule: 'metadata', message: "Date is still the template's placeholder '{YYYY-MM-DD}': replace it with the real value." },
  { severity: 'error', line: 11, column: 1, rule: 'missing-section', message: "Missing required section 'Considered Options' (expected after 'Decision Drivers')." },
  { severity: 'warning', line: 11, column: 1, rule: 'empty-section', message: `Section 'Decision Drivers' is empty: write it, or say why it does not apply ("N/A: <reason>").` },
  { severity: 'warning', line: 19, column: 1, rule: 'placeholder', message: "Template guidance left in 'Consequences': replace it with the section's content." },
];

/** New Proposal from the workspace template goes where .proposalkit.json's newProposalFolders says. */
export const NEW_DECISION = { name: 'madr', file: 'docs/decisions/0003-faster-builds.md', lines: ['# Faster Builds', '', '* Status: proposed'] };

/** A plain team template turned into a workspace template with Create Template from This File. */
export const TEAM_TEMPLATE_SOURCE = 'docs/team-rfc.md';
export const TEAM_TEMPLATE_ID = 'team-rfc';
export const TEAM_TEMPLATE_FILE = '.proposals/templates/team-rfc.md';
export const TEAM_TEMPLATE_HEADER = '---\nproposal-kit:\n  id: team-rfc\n  name: "RFC"\n---\n\n';
/** A proposal that names the new template in its front matter: checked once the template exists. */
export const TEAM_RFC = 'docs/rfcs/0001-cache-builds.md';
export const TEAM_RFC_PROBLEMS: readonly PlacedProblem[] = [
  { severity: 'error', line: 10, column: 1, rule: 'missing-section', message: "Missing required section 'Alternatives' (expected after 'Motivation')." },
];

/** .proposalkit.json with a key it does not know, typed at the start of line 2. */
export const CONFIG_FILE = '.proposalkit.json';
export const CONFIG_TYPED = '  "colour": 1,\n';
export const CONFIG_PROBLEM: PlacedProblem = {
  severity: 'error',
  line: 2,
  column: 3,
  rule: 'config',
  message: 'Unknown key "colour": the keys are files, templateFor, rules, templates, newProposalFolders, author.',
};
