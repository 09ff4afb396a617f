/**
 * Every identifier the extension shares with package.json, in one place. Pure (no `vscode`
 * import), so the manifest test can check package.json against it.
 */
export const COMMANDS = {
  newProposal: 'proposalKit.newProposal',
  insertMissingSections: 'proposalKit.insertMissingSections',
  showGuidance: 'proposalKit.showGuidance',
  insertSection: 'proposalKit.insertSection',
  revealSection: 'proposalKit.revealSection',
  createTemplate: 'proposalKit.createTemplate',
  getStarted: 'proposalKit.getStarted',
} as const;

/** Commands that only make sense from the outline view, hidden from the command palette. */
export const INTERNAL_COMMANDS: readonly string[] = [COMMANDS.insertSection, COMMANDS.revealSection];

export const OUTLINE_VIEW = 'proposalKit.outline';
/** Every proposal in the workspace, by template and status. */
export const PROPOSALS_VIEW = 'proposalKit.proposals';
/** The Getting Started walkthrough (package.json contributes.walkthroughs), as `<publisher>.<name>#<id>`. */
export const WALKTHROUGH = 'proposal-kit.proposal-kit#gettingStarted';
/** Set while the active editor holds a proposal; shows the outline view. */
export const IS_PROPOSAL_CONTEXT = 'proposalKit.isProposal';
export const CONFIG_SECTION = 'proposalKit';
/** The URI scheme of the read-only guidance documents. */
export const GUIDANCE_SCHEME = 'proposal-kit-guidance';
