/**
 * A packaging check that failed. The message is for the developer running the script: it names
 * the file or variable to fix. The CLI prints it and exits 1; anything else is a bug.
 */
export class PackagingError extends Error {
  override readonly name = 'PackagingError';
}
