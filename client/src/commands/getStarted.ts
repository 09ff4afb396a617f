/** "Proposal Kit: Get Started": opens the Getting Started walkthrough (package.json contributes.walkthroughs). */
import * as vscode from 'vscode';
import { WALKTHROUGH } from '../ids';

export async function getStarted(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false);
}
