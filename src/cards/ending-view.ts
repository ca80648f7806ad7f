import type { CaseEnding } from '../troubleshooting/case-ending.js';
import type { Messages } from './messages.js';

/** The container style each ending is shown in, on every card that shows an ending. */
const ENDING_STYLE: Readonly<Record<CaseEnding, 'good' | 'attention' | 'warning' | 'emphasis'>> = {
  opgelost: 'good',
  'niet-opgelost': 'attention',
  doorverwijzen: 'warning',
  gestopt: 'emphasis',
  gewisseld: 'emphasis',
  verlopen: 'emphasis',
};

/** An ending as a card shows it: its word from messages.json and its colour. */
export function endingView(messages: Messages, ending: CaseEnding): { readonly label: string; readonly style: string } {
  return { label: messages.endings[ending], style: ENDING_STYLE[ending] };
}
