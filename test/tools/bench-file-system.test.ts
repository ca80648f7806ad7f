import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { describeFileSystem, deviceNumber, mountOfDevice } from '../../bench/file-system.js';

const MOUNTINFO = [
  '22 27 0:21 / /proc rw,relatime - proc proc rw',
  '27 1 254:0 / / rw,relatime - ext4 /dev/root rw,discard',
  '25 24 0:23 / /dev/shm rw,relatime - tmpfs tmpfs rw,size=24684096k',
  '40 27 7:0 / /mnt/with\\040space\\011tab rw,relatime - ext4 /dev/loop0 rw',
  '41 27 0:30 / /srv rw - tmpfs tmpfs rw',
  '42 41 0:31 / /srv rw - xfs /dev/mapper/vg-data rw',
].join('\n');

describe('the bench names the file system its file stores are on', () => {
  it('turns a stat dev number into the major:minor mountinfo writes', () => {
    expect(deviceNumber(65024)).toBe('254:0');
    expect(deviceNumber(66307)).toBe('259:3');
    // A minor above 255 is split across the number (glibc's makedev).
    expect(deviceNumber(1114924)).toBe('259:300');
  });

  it('finds the mount of a device, with its mount point unescaped', () => {
    expect(mountOfDevice('254:0', MOUNTINFO)).toEqual({ point: '/', type: 'ext4', source: '/dev/root' });
    expect(mountOfDevice('7:0', MOUNTINFO)).toEqual({ point: '/mnt/with space\ttab', type: 'ext4', source: '/dev/loop0' });
    expect(mountOfDevice('0:31', MOUNTINFO)?.type).toBe('xfs');
    expect(mountOfDevice('8:1', MOUNTINFO)).toBeUndefined();
  });

  it('says what the temp folder is on (this Linux machine)', () => {
    expect(describeFileSystem(tmpdir())).toMatch(/^\S/);
    expect(describeFileSystem('/no/such/folder')).toBeUndefined();
  });
});
