/**
 * Whether to tell the user that the language server stopped. vscode-languageclient restarts a
 * crashed server by itself (up to 4 times in 3 minutes) and only logs the restart; the user should
 * hear about the first one, once per session, and not about every one after it.
 */
const RESTART_MESSAGE = "Proposal Kit's language server stopped and was restarted.";

export class RestartNotice {
  private shown = false;

  /** Called when the connection closed; `restarting` when the client is about to restart the server. */
  onClosed(restarting: boolean): string | undefined {
    if (!restarting || this.shown) return undefined;
    this.shown = true;
    return RESTART_MESSAGE;
  }
}
