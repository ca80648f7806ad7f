import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExpiredStateSweep } from '../../src/storage/expired-state-sweep.js';
import { FileStorage } from '../../src/storage/file-storage.js';
import { memoryLogger } from '../support/logs.js';

const NOW = new Date('2026-06-30T12:00:00.000Z');
const daysAgo = (days: number): string => new Date(NOW.getTime() - days * 86_400_000).toISOString();

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('the file store housekeeping (RECORD_RETENTION_DAYS, default 30)', () => {
  it('deletes case records and finished summaries past the retention, keeps what is recent, waiting to be sent, unreadable or anonymous', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sweep-'));
    dirs.push(dir);
    const storage = FileStorage.open(dir);
    const outbox = (status: string, createdDaysAgo: number, sentDaysAgo?: number) => ({
      status,
      createdAt: daysAgo(createdDaysAgo),
      ...(sentDaysAgo === undefined ? {} : { sentAt: daysAgo(sentDaysAgo) }),
    });
    await storage.write({
      'baliewijzer/case/old': { endedAt: daysAgo(31), staffName: 'Balie Medewerker' },
      'baliewijzer/case/recent': { endedAt: daysAgo(29), staffName: 'Balie Medewerker' },
      'baliewijzer/case/unreadable': { staffName: 'no endedAt' },
      'baliewijzer/outbox/sent-long-ago': outbox('sent', 40, 35),
      'baliewijzer/outbox/sent-lately': outbox('sent', 40, 10),
      'baliewijzer/outbox/failed-long-ago': outbox('failed', 45),
      'baliewijzer/outbox/still-waiting': outbox('pending', 45),
      'baliewijzer/outbox/being-sent': outbox('sending', 45),
      'baliewijzer/statistics/2026-01-01/00': { records: {} },
      'baliewijzer/teams': { teams: [] },
    });
    const logs = memoryLogger();
    const sweep = new ExpiredStateSweep({ target: storage, caseTtlHours: 24, recordRetentionDays: 30, log: logs.log, now: () => NOW });

    expect(await sweep.sweepOnce()).toBe(3);

    const left = await storage.read([
      'baliewijzer/case/old',
      'baliewijzer/case/recent',
      'baliewijzer/case/unreadable',
      'baliewijzer/outbox/sent-long-ago',
      'baliewijzer/outbox/sent-lately',
      'baliewijzer/outbox/failed-long-ago',
      'baliewijzer/outbox/still-waiting',
      'baliewijzer/outbox/being-sent',
      'baliewijzer/statistics/2026-01-01/00',
      'baliewijzer/teams',
    ]);
    expect(Object.keys(left).sort()).toEqual([
      'baliewijzer/case/recent',
      'baliewijzer/case/unreadable',
      'baliewijzer/outbox/being-sent',
      'baliewijzer/outbox/sent-lately',
      'baliewijzer/outbox/still-waiting',
      'baliewijzer/statistics/2026-01-01/00',
      'baliewijzer/teams',
    ]);
    const line = logs.lines().find((l) => l.includes('storage.swept')) ?? '';
    expect(JSON.parse(line)).toMatchObject({ deleted: 3, due: { conversation: 0, 'case-record': 1, 'outbox-item': 2 } });
    expect(line).not.toContain('Balie Medewerker');
  });

  it('follows a shorter retention when configured', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sweep-'));
    dirs.push(dir);
    const storage = FileStorage.open(dir);
    await storage.write({ 'baliewijzer/case/a-week-old': { endedAt: daysAgo(7) } });
    const sweep = new ExpiredStateSweep({ target: storage, caseTtlHours: 24, recordRetentionDays: 5, log: memoryLogger().log, now: () => NOW });
    expect(await sweep.sweepOnce()).toBe(1);
  });
});
