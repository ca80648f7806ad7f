/**
 * Gives the start-up's young-generation heap back to the system. Loading the modules and the flows
 * grows V8's new space to its largest (about 30 MB of resident memory, nearly all of it empty once
 * started), and V8 shrinks it only at a scavenge that finds allocation low: for an idle bot, minutes
 * later. One minor GC once the start-up work is over does it now. It needs `node --expose-gc`
 * (`npm run start:prod` and the Dockerfile pass it); without it this does nothing.
 */
export function releaseStartUpMemory(): void {
  globalThis.gc?.({ type: 'minor' });
}
