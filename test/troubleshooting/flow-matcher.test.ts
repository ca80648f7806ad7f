import { describe, expect, it } from 'vitest';
import { decide } from '../../src/troubleshooting/flow-matcher.js';
import { loadFlowCatalog } from '../../src/troubleshooting/flow-loader.js';

const catalog = loadFlowCatalog('flows');
const started = (text: string): string | undefined => {
  const d = decide(catalog, text);
  return d.kind === 'start' ? d.flow.id : undefined;
};

describe('typed text starts the right flow', () => {
  it.each([
    ['AUTHENTICATION.LOGOUT_DETECTED', 'authentication-logout-detected'],
    ['klant krijgt authentication.logout_detected in mijn menu', 'authentication-logout-detected'],
    ['geen rechten e-books', 'geen-rechten-e-books'],
    ['Geen rechten ebooks', 'geen-rechten-e-books'],
    ['wachtwoord vergeten', 'klant-kan-niet-inloggen'],
    ['Klant kan niet inloggen', 'klant-kan-niet-inloggen'],
    ['inactief account', 'inactief-inlogaccount'],
  ])('%s → %s', (text, flow) => {
    expect(started(text)).toBe(flow);
  });

  it('offers close matches as buttons instead of guessing', () => {
    const d = decide(catalog, 'e-books');
    expect(d.kind).toBe('choose');
    expect(d.kind === 'choose' && d.matches.map((m) => m.flow.id)).toContain('geen-rechten-e-books');
  });

  it('recognises nothing in unrelated text', () => {
    expect(decide(catalog, 'de printer op de eerste verdieping is stuk').kind).toBe('none');
  });
});
