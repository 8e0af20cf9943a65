/**
 * The activation shell: registers the commands and the panel serializer, then loads the engine
 * (dist/engine.js) on the next tick. Nothing here tokenizes, reads prices or loads zod, so
 * activation stays in the low milliseconds; a command used before the engine is up waits for it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TokenSpendApi } from './vscode/api';
import { COMMANDS, type CommandId } from './vscode/commandIds';
import { VIEW_TYPE } from './webview/viewType';
import type { Engine } from './vscode/engine';
import { registerAgentTools } from './vscode/agentTools';

export function activate(context: vscode.ExtensionContext): TokenSpendApi {
  let loaded: Promise<Engine> | undefined;
  const engine = (): Promise<Engine> => {
    loaded ??= new Promise<Engine>((resolve, reject) => {
      setImmediate(() => {
        try {
          // A computed path: the engine is a separate bundle, not inlined into this one.
          const started = Date.now();
          // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy, after activation returns: import() would be bundled or made async by esbuild
          const mod = require(path.join(__dirname, 'engine.js')) as typeof import('./vscode/engine');
          resolve(mod.start(context, started));
        } catch (err) {
          reject(err);
        }
      });
    });
    return loaded;
  };

  for (const id of Object.values(COMMANDS) as CommandId[]) {
    context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => (await engine()).run(id, args)));
  }
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => (await engine()).revivePanel(panel, state),
    }),
  );
  registerAgentTools(context, engine);
  // Start right after activation returns: the status bar should show up without waiting for a command.
  void engine().catch((err: unknown) => {
    void vscode.window.showErrorMessage(vscode.l10n.t('Token Spend could not start: {0}', err instanceof Error ? err.message : String(err)));
  });

  return {
    statusBar: async () => (await engine()).api.statusBar(),
    statusBarIdle: async () => (await engine()).api.statusBarIdle(),
    panel: async () => (await engine()).api.panel(),
    nextPanelRender: async () => (await engine()).api.nextPanelRender(),
    panelComputed: async () => (await engine()).api.panelComputed(),
    sendToPanel: async (message) => (await engine()).api.sendToPanel(message),
    modelPicker: async () => (await engine()).api.modelPicker(),
    problems: async () => (await engine()).api.problems(),
    pricingSources: async () => (await engine()).api.pricingSources(),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
