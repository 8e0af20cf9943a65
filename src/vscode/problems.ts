import * as vscode from 'vscode';
import { withoutLinks } from '../core/textPolicy';

/**
 * Tells the user about a problem once: the same message is not shown again until it has been
 * fixed and comes back (call `forgetAllExcept` with the problems that still hold).
 * Every message is also written to the "Token Spend" output channel.
 */
export class ProblemReporter implements vscode.Disposable {
  private readonly shown = new Set<string>();
  private readonly channel: vscode.LogOutputChannel;
  /** Every message shown, newest last; read by the integration tests through the API. */
  readonly history: string[] = [];

  constructor() {
    this.channel = vscode.window.createOutputChannel('Token Spend', { log: true });
  }

  get output(): vscode.LogOutputChannel {
    return this.channel;
  }

  /** Shows `message` unless it is already showing or was shown and not yet resolved. */
  report(group: string, message: string, actions: ProblemAction[] = []): void {
    const id = group + '\u0000' + message;
    if (this.shown.has(id)) return;
    this.shown.add(id);
    this.history.push(message);
    this.channel.warn(message);
    const titles = actions.map((a) => a.title);
    // Messages quote setting values and pricing-file keys: no link in them may become clickable.
    void vscode.window.showWarningMessage(withoutLinks(message), ...titles).then((picked) => {
      actions.find((a) => a.title === picked)?.run();
    });
  }

  /** Forgets problems of `group` that are not in `stillPresent`, so they are reported again if they return. */
  forgetAllExcept(group: string, stillPresent: readonly string[]): void {
    const keep = new Set(stillPresent.map((m) => group + '\u0000' + m));
    for (const id of this.shown) if (id.startsWith(group + '\u0000') && !keep.has(id)) this.shown.delete(id);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

export interface ProblemAction {
  title: string;
  run(): void;
}
