import { miniSearchLibrary } from './minisearch-library.js';
import type { SearchLibrary } from './term-index.js';

/** The library the bot searches with (see README, "How typed text is matched", for why this one). */
export const searchLibrary: SearchLibrary = miniSearchLibrary;
