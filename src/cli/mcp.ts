// `token-spend mcp`: the cost tools as an MCP server on standard input/output, built on the
// official MCP TypeScript SDK (protocol version negotiation, framing and errors are the SDK's).
// Nothing is sent anywhere: every tool reads local files and the bundled prices.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { isToolName, runCostTool, TOOL_NAMES, TOOLS, toolInputJsonSchema, ToolInputError, type ToolHost } from '../core/tools';
import { nodeToolHost } from '../node/tools/host';
import { loadCatalogueWith } from './common';
import type { CliIo } from './main';
import pkg from '../../package.json';

export const MCP_HELP = `Usage: token-spend mcp [--pricing FILE]

Runs an MCP server on standard input and output with four tools: estimate_cost, compare_models,
list_prices and always_sent_context. Relative paths are read from the folder it is started in.
Nothing leaves the machine: the tools read the files they are given and the bundled prices.

  --pricing FILE     a pricing file of your own, layered over the bundled prices`;

/** The MCP server of the cost tools, not yet connected to a transport. */
export function createCostToolServer(host: ToolHost): Server {
  const server = new Server({ name: 'token-spend', title: 'Token Spend', version: pkg.version }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: TOOL_NAMES.map((name) => ({
      name,
      title: TOOLS[name].title,
      description: TOOLS[name].description,
      inputSchema: toolInputJsonSchema(name) as { type: 'object' },
      annotations: { readOnlyHint: true, openWorldHint: false },
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const { name, arguments: args } = request.params;
    if (!isToolName(name)) throw new McpError(ErrorCode.InvalidParams, `unknown tool "${name}"; the tools are ${TOOL_NAMES.join(', ')}`);
    try {
      const result = await runCostTool(name, args ?? {}, host);
      return { content: [{ type: 'text' as const, text: JSON.stringify(result, null, 2) }] };
    } catch (err) {
      if (err instanceof ToolInputError) throw new McpError(ErrorCode.InvalidParams, `${name}: ${err.message}`);
      // An unknown model, an unreadable file: the agent reads the message and can correct itself.
      return { content: [{ type: 'text' as const, text: `${name}: ${(err as Error).message}` }], isError: true };
    }
  });
  return server;
}

export async function runMcp(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(MCP_HELP + '\n');
    return 0;
  }
  let pricingFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--pricing' && argv[i + 1] !== undefined) pricingFile = argv[++i];
    else {
      const problem = argv[i] === '--pricing' ? '--pricing expects a file' : `unknown option ${argv[i]}`;
      io.stderr(`token-spend mcp: ${problem}\nRun token-spend mcp --help for usage.\n`);
      return 1;
    }
  }
  let host: ToolHost;
  try {
    host = nodeToolHost(loadCatalogueWith(pricingFile), process.cwd());
  } catch (err) {
    io.stderr(`token-spend mcp: ${(err as Error).message}\n`);
    return 1;
  }
  const server = createCostToolServer(host);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((done) => (server.onclose = done));
  await server.connect(transport);
  await closed;
  return 0;
}
