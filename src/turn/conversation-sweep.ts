import type { SweepRule } from '../storage/store-sweep.js';
import { CONVERSATION_PREFIX } from './conversation-state.js';
import { TURN_RECORD_PROPERTY, turnRecordSchema } from './turn-record.js';
import { HOUR_MS } from '../clock/durations.js';


/**
 * Conversations nobody touched for longer than the case lifetime are deleted, so abandoned cases
 * do not pile up (a turn in such a conversation closes the case itself; this is for the ones that
 * never come back). The age counts from the turn record's last change, else from the last write.
 */
export function conversationSweepRule(caseTtlHours: number): SweepRule {
  const cutoff = (now: Date): Date => new Date(now.getTime() - caseTtlHours * HOUR_MS);
  return {
    name: 'conversation',
    prefix: CONVERSATION_PREFIX,
    cutoff,
    due: (value, now) => {
      const record = turnRecordSchema.safeParse(value[TURN_RECORD_PROPERTY]);
      return !record.success || Date.parse(record.data.touchedAt) < cutoff(now).getTime();
    },
  };
}
