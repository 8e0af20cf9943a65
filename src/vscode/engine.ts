/**
 * Everything behind the activation shell (src/extension.ts): built as its own bundle,
 * dist/engine.js, and loaded just after activation returns, so activation never parses the
 * pricing schema, zod or the tokenizers.
 */
import { openPickerRows } from './modelPicker';
import * as vscode from 'vscode';
import type { CommandId } from './commandIds';
import { commandHandlers } from './commands';
import { ComparisonPanel } from './comparisonPanel';
import type { Services } from './context';
import { WorkerCountService } from './workerCountService';
import { startPriceUpdates } from './priceUpdates';
import { PricingService } from './pricingService';
import { PricingSourcesPanel } from './pricingSources';
import { ProblemReporter } from './problems';
import { SettingsService } from './settings';
import { StatusBarController } from './statusBar';
import { PickedWindow } from './pickedWindow';
import { AlwaysSentService } from './alwaysSent';
import { showAlwaysSentContext } from './alwaysSentCommand';
import { CostTool } from './costTool';
import type { TokenSpendApi } from './api';
import { COMMANDS } from './commandIds';
import { SpendService } from './spend/spendService';
import { SpendViewProvider } from './spend/spendView';
import { SPEND_VIEW_ID } from '../webview/spend/protocol';

export interface Engine {
  run(command: CommandId, args: unknown[]): Promise<unknown>;
  revivePanel(panel: vscode.WebviewPanel, state: unknown): void;
  /** The language-model tool's work (registered by the shell: src/vscode/agentTools.ts). */
  costTool: CostTool;
  api: TokenSpendApi;
}

/** `loadStarted`: when the shell began loading this bundle (Date.now()), for the start-up log line. */
export function start(context: vscode.ExtensionContext, loadStarted = Date.now()): Engine {
  const problems = new ProblemReporter();
  problems.output.info(`engine loaded in ${Date.now() - loadStarted} ms`);
  const settings = new SettingsService(problems);
  // Opt-in: with tokenSpend.priceUpdates.enabled off (the default) this schedules nothing and never touches the network.
  const updates = startPriceUpdates(context, problems);
  const pricing = new PricingService(settings, problems, updates);
  // Counting runs on a worker thread started by the first count (dist/count-worker.js).
  const counts = new WorkerCountService((line) => problems.output.error(line));
  const alwaysSent = new AlwaysSentService(counts);
  const services: Services = { settings, pricing, counts, problems, updates, pickedWindow: new PickedWindow(context.globalState), alwaysSent };
  const statusBar = new StatusBarController(services, alwaysSent);
  const handlers = commandHandlers(services, context, () => statusBar);
  // Real spend from the agents' logs: its own status item, view and worker thread.
  const spend = new SpendService(services, context);
  const spendView = new SpendViewProvider(spend, context.extensionUri, problems.output);
  handlers.set(COMMANDS.showSpend, () => SpendViewProvider.reveal());
  handlers.set(COMMANDS.refreshSpend, () => spend.refresh());
  handlers.set(COMMANDS.showAlwaysSentContext, () => showAlwaysSentContext(services, alwaysSent));
  context.subscriptions.push(
    problems,
    settings,
    pricing,
    counts,
    alwaysSent,
    statusBar,
    spend,
    spendView,
    vscode.window.registerWebviewViewProvider(SPEND_VIEW_ID, spendView),
    { dispose: () => ComparisonPanel.instance?.dispose() },
    { dispose: () => PricingSourcesPanel.current?.dispose() },
  );
  return {
    run: async (command, args) => {
      const handler = handlers.get(command);
      if (!handler) throw new Error(`Token Spend has no command ${command}`);
      return handler(...args);
    },
    revivePanel: (panel, state) => {
      ComparisonPanel.revive(panel, services, context, state);
    },
    costTool: new CostTool(services),
    api: {
      statusBar: async () => statusBar.snapshot(),
      statusBarIdle: () => statusBar.whenIdle(),
      panel: async () => ComparisonPanel.instance?.snapshot(),
      nextPanelRender: () => {
        const panel = ComparisonPanel.instance;
        return panel ? panel.nextRender() : Promise.reject(new Error('no comparison panel is open'));
      },
      panelComputed: async () => {
        await ComparisonPanel.instance?.whenComputed();
      },
      sendToPanel: async (message) => ComparisonPanel.instance?.receiveForTest(message) ?? false,
      modelPicker: async () => openPickerRows(),
      problems: async () => [...problems.history],
      pricingSources: async () => PricingSourcesPanel.current?.snapshot(),
    },
  };
}
