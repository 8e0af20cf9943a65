/**
 * Messages between the pricing-sources page's host (src/vscode/pricingSources.ts) and its webview
 * (src/webview/sources/main.ts). Each side validates what it receives; the page may only ask to
 * open an address the host sent it, or one of the user's pricing files by its index.
 */
import { z } from 'zod';

const Text = z.string().max(4000);
const Url = z.string().max(2000);

const RowSchema = z.object({
  name: Text,
  input: Text,
  output: Text,
  checked: z.string().max(20),
  stale: Text.optional(),
  secondary: z.boolean(),
  yours: z.boolean(),
  source: Url,
});

export const SourcesViewSchema = z.object({
  locale: z.enum(['en', 'zh-cn']),
  text: z.record(z.string().max(40), Text),
  summary: z.array(Text).max(10),
  rates: Text,
  stale: Text,
  staleCount: z.number().int().min(0),
  files: z.array(z.object({ label: Text, status: Text, errors: z.array(Text).max(1000) })).max(20),
  vendors: z
    .array(
      z.object({
        id: z.string().max(100),
        name: Text,
        alias: Text.optional(),
        pricingPage: Url,
        models: z.array(RowSchema).max(2000),
        plans: z.array(RowSchema).max(500),
      }),
    )
    .max(500),
});

export const SourcesHostMessageSchema = z.object({ type: z.literal('data'), view: SourcesViewSchema });
export type SourcesHostMessage = z.infer<typeof SourcesHostMessageSchema>;

export const SourcesWebviewMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('openLink'), url: z.string().max(2000) }),
  z.strictObject({ type: z.literal('openFile'), index: z.number().int().min(0).max(19) }),
  /** The page drew the view: how many vendor sections and rows, for the integration tests. */
  z.strictObject({ type: z.literal('rendered'), vendors: z.number().int().min(0), rows: z.number().int().min(0) }),
]);
export type SourcesWebviewMessage = z.infer<typeof SourcesWebviewMessageSchema>;
