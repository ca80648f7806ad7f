import { describe, expect, it } from 'vitest';
import { upgradesIn } from '../../scripts/ensure-chromium/apt-dry-run.js';

/** Lines as `apt-get install -s --no-install-recommends chromium` prints them on Debian 12. */
const DRY_RUN = `NOTE: This is only a simulation!
Inst libudev1 [252.38-1~deb12u1] (252.39-1~deb12u2 Debian:12.13/oldstable [amd64])
Inst chromium-common (156.0.8078.108-1~deb12u1 Debian-Security:12/oldstable-security [amd64])
Inst chromium (156.0.8078.108-1~deb12u1 Debian-Security:12/oldstable-security [amd64])
Conf libudev1 (252.39-1~deb12u2 Debian:12.13/oldstable [amd64])
Conf chromium (156.0.8078.108-1~deb12u1 Debian-Security:12/oldstable-security [amd64])`;

describe('installing Chromium for the browser tests', () => {
  it('sees which installed packages a dry run would upgrade, so it can refuse to', () => {
    expect(upgradesIn(DRY_RUN)).toEqual(['libudev1']);
  });

  it('finds nothing to refuse when only new packages are installed', () => {
    expect(upgradesIn(DRY_RUN.split('\n').filter((l) => !l.includes('libudev1')).join('\n'))).toEqual([]);
  });
});
