/**
 * Staff notes are free text and end up in a team channel; customer data must not. E-mail
 * addresses and long digit strings (pasnummers, phone numbers, usernames that are card numbers)
 * are masked before a note is stored in the outbox or posted.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/** Five or more digits, optionally grouped by spaces, dots or dashes (06-12345678, 2000 1234 5678). */
const DIGITS = /\d(?:[\s.-]?\d){4,}/g;

/** Longest note kept, after masking. */
export const MAX_NOTE_LENGTH = 500;

/** What masked parts are replaced with (messages.json: maskedEmail, maskedNumber). */
export interface MaskWords {
  readonly maskedEmail: string;
  readonly maskedNumber: string;
}

/**
 * Masks, then cuts to {@link MAX_NOTE_LENGTH}: masking can make a note longer ("[nummer
 * verwijderd]" for a 5-digit number), so cutting first could leave a note too long to store.
 */
export function maskNote(note: string, words: MaskWords): string {
  return note.replace(EMAIL, words.maskedEmail).replace(DIGITS, words.maskedNumber).trim().slice(0, MAX_NOTE_LENGTH).trim();
}
