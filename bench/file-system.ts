import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * What file system `dir` is on, in a few words ("ext4 without a journal", "ext4", "tmpfs"), for
 * the bench's storage figures: the kernel's cost per durable write differs between them (on ext4
 * without a journal, a new file skips inodes deleted in the last minutes, so writes after a mass
 * delete cost more; sweep-probe.ts). Linux only (mountinfo, sysfs); undefined elsewhere.
 */
export function describeFileSystem(dir: string): string | undefined {
  let device: string;
  let mounts: string;
  try {
    device = deviceNumber(statSync(dir).dev);
    mounts = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return undefined;
  }
  const mount = mountOfDevice(device, mounts);
  if (!mount) return undefined;
  if (mount.type !== 'ext4') return mount.type;
  try {
    // sysfs names the ext4 instance after the kernel's block device (vda, dm-0), whatever the mount's source says (/dev/root, /dev/mapper/…).
    const name = basename(realpathSync(`/sys/dev/block/${device}`));
    // ext4 names its journal thread here; "<none>" when the file system has no journal.
    const journal = readFileSync(`/sys/fs/ext4/${name}/journal_task`, 'utf8').trim();
    return journal === '<none>' ? 'ext4 without a journal' : 'ext4';
  } catch {
    return 'ext4 (journal unknown)';
  }
}

/** A stat `dev` number as Linux's major:minor, as mountinfo writes it (glibc's gnu_dev_major and gnu_dev_minor). */
export function deviceNumber(dev: number): string {
  const n = BigInt(dev);
  const major = ((n >> 8n) & 0xfffn) | ((n >> 32n) & ~0xfffn);
  const minor = (n & 0xffn) | ((n >> 12n) & ~0xffn);
  return `${major}:${minor}`;
}

/**
 * The mount of the device `majorMinor`, from /proc/self/mountinfo's text: the last line for it
 * (a later mount over the same place hides an earlier one). Mount points are unescaped (`\040`).
 */
export function mountOfDevice(majorMinor: string, mountinfo: string): { readonly point: string; readonly type: string; readonly source: string } | undefined {
  let found: { readonly point: string; readonly type: string; readonly source: string } | undefined;
  for (const line of mountinfo.split('\n')) {
    // "36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext4 /dev/root rw": the third field is the device, the fifth the mount point; type and source follow " - ".
    const [before, after] = line.split(' - ');
    const fields = before?.split(' ') ?? [];
    const [type, source] = after?.split(' ') ?? [];
    const point = fields[4];
    if (fields[2] !== majorMinor || point === undefined || type === undefined || source === undefined) continue;
    found = { point: point.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))), type, source };
  }
  return found;
}
