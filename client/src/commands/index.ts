/** Every command, in one table: extension.ts registers them all the same way. */
import type { Ctx } from '../context';
import { COMMANDS } from '../ids';
import { createTemplate } from './createTemplate';
import { getStarted } from './getStarted';
import { insertMissingSections } from './insertMissingSections';
import { insertSection } from './insertSection';
import { newProposal } from './newProposal';
import { revealSection } from './revealSection';
import { showGuidance } from './showGuidance';

export interface Command {
  id: string;
  /** What it resolves to is what `executeCommand` gives its caller (New Proposal: the new file). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- arguments come from VS Code menus and tree items
  run: (ctx: Ctx, ...args: any[]) => Promise<unknown>;
}

export const COMMAND_TABLE: readonly Command[] = [
  { id: COMMANDS.newProposal, run: newProposal },
  { id: COMMANDS.insertMissingSections, run: insertMissingSections },
  { id: COMMANDS.showGuidance, run: showGuidance },
  { id: COMMANDS.insertSection, run: insertSection },
  { id: COMMANDS.revealSection, run: revealSection },
  { id: COMMANDS.createTemplate, run: createTemplate },
  { id: COMMANDS.getStarted, run: getStarted },
];
