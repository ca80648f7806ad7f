import { describe, expect, it } from 'vitest';
import { fillPlaceholders, placeholderNames } from '../../scripts/app-package/fill-placeholders.js';
import { PackagingError } from '../../scripts/app-package/packaging-error.js';
import { SAMPLE_ENV } from './temp-app-package.js';

function failureOf(run: () => unknown): PackagingError {
  try {
    run();
  } catch (error) {
    if (error instanceof PackagingError) return error;
    throw error;
  }
  throw new Error('expected a PackagingError, but filling succeeded');
}

describe('fillPlaceholders', () => {
  it('replaces ${{NAME}} anywhere in the manifest, spaces inside the braces allowed', () => {
    const template = { id: '${{TEAMS_APP_ID}}', bots: [{ botId: '${{ BOT_ID }}' }], validDomains: ['${{BOT_DOMAIN}}'] };

    expect(fillPlaceholders(template, SAMPLE_ENV)).toEqual({
      id: SAMPLE_ENV.TEAMS_APP_ID,
      bots: [{ botId: SAMPLE_ENV.BOT_ID }],
      validDomains: [SAMPLE_ENV.BOT_DOMAIN],
    });
  });

  it('keeps a value with quotes and backslashes a single JSON string', () => {
    const filled = fillPlaceholders({ id: '${{TEAMS_APP_ID}}', name: { short: 'Baliewijzer${{APP_NAME_SUFFIX}}' } }, {
      ...SAMPLE_ENV,
      APP_NAME_SUFFIX: ' "test" \\ dev',
    });

    expect(filled).toMatchObject({ name: { short: 'Baliewijzer "test" \\ dev' } });
  });

  it('leaves numbers, booleans and nulls as they are', () => {
    expect(fillPlaceholders({ id: '${{TEAMS_APP_ID}}', supportsFiles: false, n: 3, x: null }, SAMPLE_ENV)).toEqual({
      id: SAMPLE_ENV.TEAMS_APP_ID,
      supportsFiles: false,
      n: 3,
      x: null,
    });
  });

  it('reports every missing variable at once, by name, and treats an empty value as missing', () => {
    const error = failureOf(() => fillPlaceholders({ id: '${{TEAMS_APP_ID}}', d: ['${{BOT_DOMAIN}}', '${{OTHER}}'] }, { BOT_ID: '  ', OTHER: 'x' }));

    expect(error.message).toContain('TEAMS_APP_ID is not set');
    expect(error.message).toContain('BOT_ID is not set');
    expect(error.message).toContain('BOT_DOMAIN is not set');
    expect(error.message).not.toContain('OTHER');
  });

  it('requires TEAMS_APP_ID and BOT_ID even when the manifest does not mention them', () => {
    const error = failureOf(() => fillPlaceholders({ name: 'no placeholders' }, {}));

    expect(error.message).toMatch(/TEAMS_APP_ID is not set[\s\S]*BOT_ID is not set/);
  });

  it('rejects a BOT_DOMAIN written as a URL', () => {
    const error = failureOf(() => fillPlaceholders({ d: '${{BOT_DOMAIN}}' }, { ...SAMPLE_ENV, BOT_DOMAIN: 'https://baliewijzer.example.org/api/messages' }));

    expect(error.message).toContain('BOT_DOMAIN must be a host name without https://');
  });

  it('rejects a privacy page on plain http and a publisher name longer than Teams allows', () => {
    const template = { developer: { name: '${{DEVELOPER_NAME}}', privacyUrl: '${{PRIVACY_URL}}' } };
    const error = failureOf(() =>
      fillPlaceholders(template, { ...SAMPLE_ENV, PRIVACY_URL: 'http://www.bibliotheek.example/privacy', DEVELOPER_NAME: 'Stichting Samenwerkende Bibliotheken Voorbeeldregio' }),
    );

    expect(error.message).toContain('PRIVACY_URL must be an https:// address');
    expect(error.message).toContain('DEVELOPER_NAME must be at most 32 characters');
  });

  it('accepts a GUID in upper case', () => {
    const upper = SAMPLE_ENV.BOT_ID.toUpperCase();
    expect(fillPlaceholders({ b: '${{BOT_ID}}' }, { ...SAMPLE_ENV, BOT_ID: upper })).toEqual({ b: upper });
  });
});

describe('placeholderNames', () => {
  it('lists each placeholder name once, in order of appearance', () => {
    expect(placeholderNames('${{B}} ${{ A }} ${{B}} $A {{C}} ${{lower_ok1}}')).toEqual(['B', 'A', 'lower_ok1']);
  });
});
