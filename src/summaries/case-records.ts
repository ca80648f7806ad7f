import type { Store } from '../storage/store.js';
import { caseSummarySchema, type CaseSummary } from './case-summary.js';

/** Storage key prefix of case records (the housekeeping sweep deletes old ones). */
export const CASE_RECORD_PREFIX = 'baliewijzer/case/';

/** Finished cases by id, so "Deel in teamkanaal" can be clicked long after the case ended. */
export class CaseRecords {
  constructor(private readonly store: Store) {}

  /** Stores the summary; the same case again replaces it (a re-sent turn writes it twice). */
  async save(summary: CaseSummary): Promise<void> {
    await this.store.write(CASE_RECORD_PREFIX + summary.caseId, summary);
  }

  async get(caseId: string): Promise<CaseSummary | undefined> {
    const stored = await this.store.read(CASE_RECORD_PREFIX + caseId);
    const parsed = caseSummarySchema.safeParse(stored?.value);
    return parsed.success ? parsed.data : undefined;
  }
}
