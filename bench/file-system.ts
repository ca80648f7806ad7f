import { readFileSync, realpathSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * What file system `dir` is on, in a few words ("ext4 without a journal", "ext4", "tmpfs"), for
 * the bench's storage figures: the kernel's cost per durable write differs between them (on ext4
 * without a journal, a new file skips inodes deleted in the last minutes, so writes right after a
 * mass delete cost more; sweep-probe.ts). Linux only (mountinfo); undefined elsewhere.
 */
export function describeFileSystem(dir: string): string | undefined {
  let path: string;
  let mounts: string;
  try {
    path = realpathSync(dir);
    mounts = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return undefined;
  }
  const best = mountOf(path, mounts);
  if (!best) return undefined;
  if (best.type !== 'ext4') return best.type;
  try {
    // ext4 names its journal thread here; "<none>" when the file system has no journal.
    const journal = readFileSync(`/sys/fs/ext4/${basename(best.source)}/journal_task`, 'utf8').trim();
    return journal === '<none>' ? 'ext4 without a journal' : 'ext4';
  } catch {
    return 'ext4';
  }
}

/** The mount `path` (a real path) is on, from /proc/self/mountinfo's text: the longest mount point that contains it. */
export function mountOf(path: string, mountinfo: string): { readonly point: string; readonly type: string; readonly source: string } | undefined {
  let best: { readonly point: string; readonly type: string; readonly source: string } | undefined;
  for (const line of mountinfo.split('\n')) {
    // "36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext4 /dev/root rw": the fifth field is the mount point; type and source follow " - ".
    const [before, after] = line.split(' - ');
    const point = before?.split(' ')[4]?.replace(/\\040/g, ' ');
    const [type, source] = after?.split(' ') ?? [];
    if (point === undefined || type === undefined || source === undefined) continue;
    const inside = point === '/' || path === point || path.startsWith(`${point}/`);
    if (inside && (best === undefined || point.length >= best.point.length)) best = { point, type, source };
  }
  return best;
}
