import { z } from 'zod';
import { MAX_TOKENS_PER_REQUEST, USAGE_SOURCES, type UsageRecord } from './types';

/**
 * The file `token-spend usage --export` writes and `--import` reads: usage records only (no
 * prompt or answer), each with the key that names its request, so merging exports from several
 * machines, or the same export twice, counts every request once.
 */
export const USAGE_EXPORT_FORMAT = 'token-spend-usage';

/** Records one import may hold: about 10 years of a heavy user's requests. */
export const MAX_IMPORTED_RECORDS = 5_000_000;

const Tokens = z.number().int().min(0).max(MAX_TOKENS_PER_REQUEST);
const Name = z.string().max(1000);

const ExportedRecordSchema = z
  .strictObject({
    source: z.enum(USAGE_SOURCES),
    key: z.string().min(1).max(2000),
    at: z.iso.datetime({ offset: true }),
    model: Name,
    session: Name,
    project: Name,
    input: Tokens,
    output: Tokens,
    cacheRead: Tokens,
    cacheWrite: Tokens,
    cacheWrite1h: Tokens.optional(),
    reasoning: Tokens,
    loggedCostUsd: z.number().finite().min(0).optional(),
    copy: z.literal(true).optional(),
  })
  .refine((r) => (r.cacheWrite1h ?? 0) <= r.cacheWrite, { message: 'cacheWrite1h is part of cacheWrite and cannot exceed it', path: ['cacheWrite1h'] });

export const UsageExportSchema = z.strictObject({
  format: z.literal(USAGE_EXPORT_FORMAT),
  version: z.literal(1),
  exported: z.iso.datetime({ offset: true }),
  records: z.array(ExportedRecordSchema).max(MAX_IMPORTED_RECORDS),
});
export type UsageExport = z.infer<typeof UsageExportSchema>;

export function toExport(records: readonly UsageRecord[], now: Date): UsageExport {
  return {
    format: USAGE_EXPORT_FORMAT,
    version: 1,
    exported: now.toISOString(),
    records: records.map((r) => ({
      source: r.source,
      key: r.key,
      at: new Date(r.at).toISOString(),
      model: r.model,
      session: r.session,
      project: r.project,
      input: r.input,
      output: r.output,
      cacheRead: r.cacheRead,
      cacheWrite: r.cacheWrite,
      ...(r.cacheWrite1h ? { cacheWrite1h: r.cacheWrite1h } : {}),
      reasoning: r.reasoning,
      ...(r.loggedCostUsd !== undefined ? { loggedCostUsd: r.loggedCostUsd } : {}),
      ...(r.copy ? { copy: true as const } : {}),
    })),
  };
}

/** The records of an export file, or a message saying what is wrong with it (first three problems). */
export function fromExport(json: unknown): { records: UsageRecord[] } | { error: string } {
  const parsed = UsageExportSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return { error: `not a token-spend usage export (${issues.join('; ')})` };
  }
  return { records: parsed.data.records.map((r) => ({ ...r, at: Date.parse(r.at) })) };
}
