import type { Storage } from 'botbuilder';
import { withoutETag } from '../storage/stored-item.js';
import { caseSummarySchema, type CaseSummary } from './case-summary.js';

/** Storage key prefix of case records (the housekeeping sweep deletes old ones). */
export const CASE_RECORD_PREFIX = 'baliewijzer/case/';

/** Finished cases by id, so "Deel in teamkanaal" can be clicked long after the case ended. */
export class CaseRecords {
  constructor(private readonly storage: Storage) {}

  async save(summary: CaseSummary): Promise<void> {
    await this.storage.write({ [CASE_RECORD_PREFIX + summary.caseId]: { ...summary } });
  }

  async get(caseId: string): Promise<CaseSummary | undefined> {
    const items = await this.storage.read([CASE_RECORD_PREFIX + caseId]);
    const raw: unknown = items[CASE_RECORD_PREFIX + caseId];
    if (raw === undefined) return undefined;
    const parsed = caseSummarySchema.safeParse(withoutETag(raw));
    return parsed.success ? parsed.data : undefined;
  }
}
