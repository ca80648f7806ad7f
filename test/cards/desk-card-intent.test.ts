import { describe, expect, it } from 'vitest';
import { deskCardIntentSchema } from '../../src/cards/desk-card-intent.js';

describe('a stored desk card intent', () => {
  it('reads a "Bedoel je" card saved by the version before deep entry as the same procedures from their top', () => {
    const parsed = deskCardIntentSchema.safeParse({ card: 'matches', flowIds: ['klant-kan-niet-inloggen', 'geen-rechten-e-books'] });
    expect(parsed.success && parsed.data).toEqual({ card: 'matches', targets: [{ flowId: 'klant-kan-niet-inloggen' }, { flowId: 'geen-rechten-e-books' }] });
  });

  it('refuses a "Bedoel je" card with one procedure, in either form', () => {
    expect(deskCardIntentSchema.safeParse({ card: 'matches', flowIds: ['a'] }).success).toBe(false);
    expect(deskCardIntentSchema.safeParse({ card: 'matches', targets: [{ flowId: 'a' }] }).success).toBe(false);
  });
});
