import { describe, expect, it } from 'vitest';
import { RecentDocuments } from '../../src/storage/recent-documents.js';

const doc = (eTag: string, chars: number) => ({ eTag, json: 'x'.repeat(chars) });

describe('RecentDocuments', () => {
  it('keeps documents within its budget, letting the least recently used go first', () => {
    const recent = new RecentDocuments(30);
    recent.set('a', doc('1', 10));
    recent.set('b', doc('1', 10));
    recent.set('c', doc('1', 10));
    // Reading a makes b the oldest.
    expect(recent.get('a')?.eTag).toBe('1');
    recent.set('d', doc('1', 10));
    expect(recent.get('b')).toBeUndefined();
    expect(['a', 'c', 'd'].map((k) => recent.get(k)?.eTag)).toEqual(['1', '1', '1']);
  });

  it('counts a replaced document once, and a deleted one not at all', () => {
    const recent = new RecentDocuments(30);
    recent.set('a', doc('1', 10));
    recent.set('a', doc('2', 10));
    recent.set('b', doc('1', 10));
    recent.delete('b');
    recent.set('c', doc('1', 10));
    recent.set('d', doc('1', 10));
    expect(['a', 'c', 'd'].map((k) => recent.get(k)?.eTag)).toEqual(['2', '1', '1']);
  });

  it('does not keep a document larger than the whole budget, nor push the others out for it', () => {
    const recent = new RecentDocuments(30);
    recent.set('a', doc('1', 10));
    recent.set('big', doc('1', 31));
    expect(recent.get('big')).toBeUndefined();
    expect(recent.get('a')?.eTag).toBe('1');
  });
});
