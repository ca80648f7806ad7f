import { describe, expect, it } from 'vitest';
import { mountOf } from '../../bench/file-system.js';

const MOUNTINFO = [
  '22 27 0:21 / /proc rw,relatime - proc proc rw',
  '27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard',
  '25 24 0:23 / /dev/shm rw,relatime - tmpfs tmpfs rw,size=24684096k',
  '40 27 7:0 / /mnt/j rw,relatime - ext4 /dev/loop0 rw',
  '41 27 0:30 / /mnt/with\\040space rw - xfs /dev/sdb1 rw',
].join('\n');

describe('the bench names the file system its file stores are on', () => {
  it('takes the longest mount point that holds the folder', () => {
    expect(mountOf('/mnt/j/baliewijzer-bench-sweep-x', MOUNTINFO)).toEqual({ point: '/mnt/j', type: 'ext4', source: '/dev/loop0' });
    expect(mountOf('/dev/shm', MOUNTINFO)?.type).toBe('tmpfs');
  });

  it('does not take a mount point that is only a prefix of a folder name', () => {
    expect(mountOf('/mnt/jx/folder', MOUNTINFO)).toEqual({ point: '/', type: 'ext4', source: '/dev/vda' });
  });

  it('reads a mount point with a space in it', () => {
    expect(mountOf('/mnt/with space/data', MOUNTINFO)?.type).toBe('xfs');
  });
});
