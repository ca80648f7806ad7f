/**
 * `--help` (or `-h`) for the commands in scripts/: prints what the command does and how to call
 * it, then exits 0, before the command reads or writes anything.
 */
export function answerHelp(args: readonly string[], usage: string, what: string): void {
  if (!args.includes('--help') && !args.includes('-h')) return;
  console.log(`${usage}\n\n${what}`);
  process.exit(0);
}
