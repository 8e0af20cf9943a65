import type { Model } from './pricing/schema';
import { costDifference, type CostDifference } from './suggest/answer';
import type { ComparisonRow } from './types';

/**
 * One model bought two ways: through a channel that resells it (GitHub Copilot, in AI credits) and
 * from its maker's own API. `difference` is what the channel saves against the direct API per call
 * (negative when the channel costs more), absent when either side is unpriced.
 */
export interface ChannelPair {
  channel: ComparisonRow;
  direct: ComparisonRow;
  difference?: CostDifference;
}

/** The other way to buy `model`: its direct API entry for a channel model, the channel entry that names it for a direct one. */
export function counterpartOf(model: Model, models: readonly Model[]): Model | undefined {
  if (model.direct !== undefined) return models.find((m) => m.id === model.direct);
  return models.find((m) => m.direct === model.id);
}

/** The pairing of `current` with its other way to buy, when both rows are there. */
export function channelPairOf(current: ComparisonRow, rows: readonly ComparisonRow[]): ChannelPair | undefined {
  const other = counterpartOf(
    current.model,
    rows.map((r) => r.model),
  );
  const otherRow = other && rows.find((r) => r.model.id === other.id);
  if (!otherRow) return undefined;
  const [channel, direct] = current.model.direct !== undefined ? [current, otherRow] : [otherRow, current];
  const difference = costDifference(channel, direct);
  return { channel, direct, ...(difference ? { difference } : {}) };
}
