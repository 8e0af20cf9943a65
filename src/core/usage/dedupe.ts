import type { UsageRecord } from './types';

function billedTokens(r: UsageRecord): number {
  return r.input + r.output + r.cacheRead + r.cacheWrite + r.reasoning;
}

/**
 * Adds `record` to `byKey` unless a record of the same request is there. Claude Code writes a
 * response's usage on every content block's line, and a line written while the answer streamed
 * can hold fewer output tokens than the last: of two records of one request the larger is kept,
 * except that a copy (a sidechain replaying its parent's messages) always gives way to the original.
 * Returns true when `record` was kept.
 */
export function addUnique(byKey: Map<string, UsageRecord>, record: UsageRecord): boolean {
  const seen = byKey.get(record.key);
  if (seen && (seen.copy === true) !== (record.copy === true)) {
    // A sidechain's copy of a request gives way to the original, whichever was read first.
    if (record.copy) return false;
    byKey.set(record.key, record);
    return true;
  }
  if (seen && billedTokens(seen) >= billedTokens(record)) return false;
  byKey.set(record.key, record);
  return true;
}

/** The records of one request each, in time order. */
export function uniqueRecords(records: Iterable<UsageRecord>): UsageRecord[] {
  const byKey = new Map<string, UsageRecord>();
  for (const r of records) addUnique(byKey, r);
  return [...byKey.values()].sort((a, b) => a.at - b.at);
}
