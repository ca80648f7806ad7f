import { readFileSync } from 'node:fs';

/** Linux reports process times in clock ticks; 100 per second on every common kernel config. */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, ms) another process has used so far, read from /proc/<pid>/stat;
 * undefined where there is no /proc (macOS, Windows), and the report then leaves it out.
 */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may itself contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
    return ((utime + stime) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
