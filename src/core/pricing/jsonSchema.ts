import { z } from 'zod';
import { PricingFileSchema, PricingOverlaySchema } from './schema';

/**
 * JSON Schemas of the pricing format, generated from the zod schemas so they cannot drift. Draft 7,
 * the draft VS Code's JSON language service validates fully. Rules zod checks in code (unique ids,
 * known vendors, bracket order) are not expressible here: pricing:check and the extension still run them.
 */
export function pricingJsonSchemas(): { file: string; schema: Record<string, unknown> }[] {
  const generate = (schema: z.ZodType, title: string, description: string) => ({
    ...z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }),
    title,
    description,
  });
  return [
    {
      file: 'pricing.schema.json',
      schema: generate(
        PricingFileSchema,
        'Token Spend pricing file',
        "Prices in each vendor's own currency and unit, with sources and check dates (pricing/pricing.json).",
      ),
    },
    {
      file: 'pricing-overlay.schema.json',
      schema: generate(
        PricingOverlaySchema,
        'Token Spend user pricing file',
        'Your own models, vendors and price overrides, layered over the bundled prices (e.g. .vscode/token-spend-pricing.json). Every part is optional except "version".',
      ),
    },
  ];
}
