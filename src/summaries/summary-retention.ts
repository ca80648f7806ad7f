import { z } from 'zod';
import type { SweepRule } from '../storage/store-sweep.js';
import { CASE_RECORD_PREFIX } from './case-records.js';
import { HANDOVER_DIGEST_PREFIX } from './handover-digest.js';
import { HANDOVER_PREFIX } from './handover-board.js';
import { OUTBOX_ITEM_PREFIX } from './summary-outbox.js';
import { DAY_MS } from '../clock/durations.js';


/** What the sweep reads of a case record and an outbox item; anything it cannot read, it keeps. */
const caseRecordDates = z.looseObject({ endedAt: z.iso.datetime() });
const finishedOutboxItem = z.looseObject({ status: z.enum(['sent', 'failed']), createdAt: z.iso.datetime(), sentAt: z.iso.datetime().optional() });
const handoverDates = z.looseObject({ summary: caseRecordDates });
const digestMarkerDates = z.looseObject({ at: z.iso.datetime() });

/**
 * Case records, shared or failed summaries and handed-over cases hold a staff member's display
 * name and note: they are deleted after the record retention (config RECORD_RETENTION_DAYS),
 * counted like the case record from the day the case ended. They are needed only while someone
 * may still press "Deel in teamkanaal", look at the sending state or pick the case up; summaries
 * still waiting to be sent stay. The markers of daily handover digests go after the same time.
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
    {
      name: 'handover',
      prefix: HANDOVER_PREFIX,
      cutoff,
      due: (value, now) => {
        const parsed = handoverDates.safeParse(value);
        return parsed.success && Date.parse(parsed.data.summary.endedAt) < cutoff(now).getTime();
      },
    },
    {
      name: 'handover-digest',
      prefix: HANDOVER_DIGEST_PREFIX,
      cutoff,
      due: (value, now) => {
        const parsed = digestMarkerDates.safeParse(value);
        return parsed.success && Date.parse(parsed.data.at) < cutoff(now).getTime();
      },
    },
  ];
}
