import * as vscode from 'vscode';
import { SPEND_VIEW_ID, SpendWebviewMessageSchema, type SpendHostMessage } from '../../webview/spend/protocol';
import { uiLocale } from '../context';
import { webviewHtml, webviewOptions } from '../webviewHtml';
import type { SpendService } from './spendService';

/**
 * The Spend view (a webview view in the Token Spend side bar): daily bars of the last 30 days by
 * model or agent, top sessions and projects, cache savings, the cheapest-equivalent estimate and
 * the budgets. The host sends totals only; every message from the page is validated.
 */
export class SpendViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly spend: SpendService,
    private readonly extensionUri: vscode.Uri,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.subscription = spend.onDidChange(() => this.post());
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = webviewOptions(this.extensionUri);
    view.webview.html = webviewHtml(view.webview, this.extensionUri, uiLocale(), { script: 'spend.js', style: 'spend.css' });
    view.webview.onDidReceiveMessage((raw: unknown) => {
      const parsed = SpendWebviewMessageSchema.safeParse(raw);
      if (!parsed.success) {
        this.output.warn(`Spend view: ignored a message that is not part of the protocol (${parsed.error.issues[0]?.message ?? 'invalid'})`);
        return;
      }
      switch (parsed.data.type) {
        case 'ready':
          this.post();
          if (!this.spend.current() && this.spend.enabled) {
            void this.send({ type: 'scanning' });
            void this.spend.refresh();
          }
          break;
        case 'refresh':
          void this.spend.refresh();
          break;
        case 'openSettings':
          void vscode.commands.executeCommand('workbench.action.openSettings', 'tokenSpend.usage');
          break;
      }
    });
    view.onDidDispose(() => (this.view = undefined));
  }

  private post(): void {
    const data = this.spend.current();
    if (!this.spend.enabled) void this.send({ type: 'disabled', locale: uiLocale() });
    else if (data) void this.send({ type: 'data', data });
  }

  private send(message: SpendHostMessage): Thenable<boolean> | undefined {
    return this.view?.webview.postMessage(message);
  }

  /** Shows the view (the status item's click, the command). */
  static async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${SPEND_VIEW_ID}.focus`);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
