import { describe, expect, it } from 'vitest';
import { loadMessages } from '../../src/cards/messages.js';
import { maskNote as mask, MAX_NOTE_LENGTH } from '../../src/summaries/mask-note.js';

const maskNote = (note: string): string => mask(note, loadMessages('cards'));

describe('masking staff notes before they reach a channel', () => {
  it.each([
    ['Klant mailt vanaf jan.jansen@example.nl', 'Klant mailt vanaf [e-mailadres verwijderd]'],
    ['Herstelmail naar ANNA+bieb@sub.domein.com gestuurd', 'Herstelmail naar [e-mailadres verwijderd] gestuurd'],
    ['Pasnummer 20012345678901 geblokkeerd', 'Pasnummer [nummer verwijderd] geblokkeerd'],
    ['Bel terug op 06-12345678', 'Bel terug op [nummer verwijderd]'],
    ['Pas 2001 2345 6789 01', 'Pas [nummer verwijderd]'],
  ])('masks %j', (note, masked) => {
    expect(maskNote(note)).toBe(masked);
  });

  it.each([
    ['mevrouw Jansen kan niet inloggen', 'mevrouw [naam verwijderd] kan niet inloggen'],
    ['Meneer de Vries belde', 'Meneer [naam verwijderd] belde'],
    ['dhr. van der Berg komt morgen', 'dhr. [naam verwijderd] komt morgen'],
    ['mw Anna de Jong-Smit, pas kwijt', 'mw [naam verwijderd], pas kwijt'],
    ['meneer jansen weet zijn wachtwoord niet', 'meneer [naam verwijderd] weet zijn wachtwoord niet'],
    ['de heer Bakker en mevrouw El Amrani', 'de heer [naam verwijderd] en mevrouw [naam verwijderd]'],
  ])('masks the name after a title: %j', (note, masked) => {
    expect(maskNote(note)).toBe(masked);
  });

  it('keeps the words after a title that are no name', () => {
    for (const note of ['meneer kan niet inloggen', 'mevrouw heeft geen mail gekregen', 'Meneer is zijn pas kwijt', 'de klant, een meneer die niet kan lenen']) expect(maskNote(note)).toBe(note);
  });

  it('keeps short numbers and ordinary text', () => {
    expect(maskNote('Stap 7 en 12 geprobeerd, komt om 14:30 terug')).toBe('Stap 7 en 12 geprobeerd, komt om 14:30 terug');
  });

  it('cuts very long notes', () => {
    expect(maskNote('a'.repeat(MAX_NOTE_LENGTH + 100))).toHaveLength(MAX_NOTE_LENGTH);
  });

  it('masks first and cuts after, so masking can never make a note too long to share (25 card numbers)', () => {
    const note = Array.from({ length: 25 }, (_, i) => `2001234567890${String(i).padStart(2, '0')}`).join(' ');
    const masked = maskNote(note);
    expect(masked.length).toBeLessThanOrEqual(MAX_NOTE_LENGTH);
    expect(masked).not.toMatch(/\d{5}/);
    expect(masked.startsWith('[nummer verwijderd]')).toBe(true);
  });
});
