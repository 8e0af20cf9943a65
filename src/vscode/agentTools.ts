// Registered by the activation shell, so they exist as soon as VS Code activates us for a tool
// call; the work waits for the engine. Both APIs are feature-detected: the language-model tool
// API needs VS Code 1.95, the MCP server definition provider API 1.101.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Engine } from './engine';

export const COST_TOOL_NAME = 'tokenSpend_estimateCost';
export const MCP_PROVIDER_ID = 'tokenSpend.mcp';

/** The part of the MCP provider API we use (VS Code 1.101+), absent from our @types/vscode 1.96. */
interface McpApi {
  registerMcpServerDefinitionProvider(id: string, provider: { provideMcpServerDefinitions(): unknown[] }): vscode.Disposable;
}
type McpStdioServerDefinitionClass = new (
  label: string,
  command: string,
  args?: string[],
  env?: Record<string, string>,
  version?: string,
) => { cwd?: vscode.Uri };

export function registerAgentTools(context: vscode.ExtensionContext, engine: () => Promise<Engine>): void {
  const lm = vscode.lm as typeof vscode.lm | undefined;
  if (typeof lm?.registerTool === 'function') {
    context.subscriptions.push(
      lm.registerTool<object>(COST_TOOL_NAME, {
        prepareInvocation: async (options) => (await engine()).costTool.prepareInvocation(options),
        invoke: async (options) => (await engine()).costTool.invoke(options),
      }),
    );
  }
  const mcp = lm as unknown as Partial<McpApi> | undefined;
  const Definition = (vscode as unknown as { McpStdioServerDefinition?: McpStdioServerDefinitionClass }).McpStdioServerDefinition;
  if (typeof mcp?.registerMcpServerDefinitionProvider === 'function' && Definition) {
    const cli = path.join(context.extensionPath, 'dist', 'cli.js');
    const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '');
    context.subscriptions.push(
      mcp.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, {
        provideMcpServerDefinitions: () => {
          // VS Code's own runtime runs the CLI as Node (no `node` on the PATH needed).
          const server = new Definition('Token Spend', process.execPath, [cli, 'mcp'], { ELECTRON_RUN_AS_NODE: '1' }, version);
          server.cwd = vscode.workspace.workspaceFolders?.[0]?.uri;
          return [server];
        },
      }),
    );
  }
}
