/**
 * Staff notes are free text and end up in a team channel; customer data must not. E-mail
 * addresses and long digit strings (pasnummers, phone numbers, usernames that are card numbers)
 * are masked before a note is stored in the outbox or posted.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/** Five or more digits, optionally grouped by spaces, dots or dashes (06-12345678, 2000 1234 5678). */
const DIGITS = /\d(?:[\s.-]?\d){4,}/g;

export const MAX_NOTE_LENGTH = 500;

export function maskNote(note: string): string {
  return note
    .slice(0, MAX_NOTE_LENGTH)
    .replace(EMAIL, '[e-mailadres verwijderd]')
    .replace(DIGITS, '[nummer verwijderd]')
    .trim();
}
