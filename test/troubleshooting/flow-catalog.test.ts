import { describe, expect, it } from 'vitest';
import { loadFlowCatalog } from '../../src/troubleshooting/flow-loader.js';

const TYPED = ['Klant kan niet inloggen', 'resetmail komt nooit binnen', 'geen rechten', 'hallo', 'de printer is stuk'];

describe('the symptom search is built after the flows are checked (the bot builds it once it listens)', () => {
  it('a problem typed before the index was built gets the same answer as one typed after', () => {
    const early = loadFlowCatalog('flows');
    const prepared = loadFlowCatalog('flows');
    prepared.prepareSearch();
    for (const text of TYPED) expect(early.search.decide(text), text).toEqual(prepared.search.decide(text));
  });

  it('building it ahead after a message already built it keeps that index', () => {
    const catalog = loadFlowCatalog('flows');
    const first = catalog.search;
    catalog.prepareSearch();
    expect(catalog.search).toBe(first);
  });
});
