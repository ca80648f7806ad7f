/**
 * Packages an `apt-get install -s` dry run would upgrade. apt prints `Inst name [installed version]
 * (new version …)` for an upgrade and `Inst name (version …)` for a new package.
 */
export function upgradesIn(dryRun: string): string[] {
  return dryRun
    .split('\n')
    .map((line) => /^Inst (\S+) \[/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}
