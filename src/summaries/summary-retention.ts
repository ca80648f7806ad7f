import { z } from 'zod';
import type { SweepRule } from '../storage/store-sweep.js';
import { CASE_RECORD_PREFIX } from './case-records.js';
import { OUTBOX_ITEM_PREFIX } from './summary-outbox.js';
import { DAY_MS } from '../clock/durations.js';


/** What the sweep reads of a case record and an outbox item; anything it cannot read, it keeps. */
const caseRecordDates = z.looseObject({ endedAt: z.iso.datetime() });
const finishedOutboxItem = z.looseObject({ status: z.enum(['sent', 'failed']), createdAt: z.iso.datetime(), sentAt: z.iso.datetime().optional() });

/**
 * Case records and shared or failed summaries hold a staff member's display name and note: they
 * are deleted after the record retention (config RECORD_RETENTION_DAYS). They are needed only while
 * someone may still press "Deel in teamkanaal" or look at the sending state; summaries still
 * waiting to be sent stay.
 */
export function summaryRetentionRules(retentionDays: number): SweepRule[] {
  const cutoff = (now: Date): Date => new Date(now.getTime() - retentionDays * DAY_MS);
  return [
    {
      name: 'case-record',
      prefix: CASE_RECORD_PREFIX,
      cutoff,
      due: (value, now) => {
        const parsed = caseRecordDates.safeParse(value);
        return parsed.success && Date.parse(parsed.data.endedAt) < cutoff(now).getTime();
      },
    },
    {
      name: 'outbox-item',
      prefix: OUTBOX_ITEM_PREFIX,
      cutoff,
      due: (value, now) => {
        const parsed = finishedOutboxItem.safeParse(value);
        return parsed.success && Date.parse(parsed.data.sentAt ?? parsed.data.createdAt) < cutoff(now).getTime();
      },
    },
  ];
}
