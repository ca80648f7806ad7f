import { z } from 'zod';
import { PackagingError } from './packaging-error.js';
import type { PackagingEnv } from './load-env.js';

/** Teams Toolkit's placeholder syntax: `${{NAME}}`, spaces inside the braces allowed. */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

const guid = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be a GUID such as 00000000-0000-0000-0000-000000000000');

/** validDomains entries are host names: a scheme or a path here is the usual copy-paste mistake. */
const domain = z
  .string()
  .trim()
  .regex(/^(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?$/, 'must be a host name without https:// or a path, such as baliewijzer.example.org');

/** Teams opens these from the app's details page; it accepts https only. */
const httpsUrl = z
  .string()
  .trim()
  .regex(/^https:\/\/[^\s/?#]+[^\s]*$/, 'must be an https:// address, such as https://www.bibliotheek.example/baliewijzer/privacy');

/** The manifest schema allows at most 32 characters for developer.name. */
const developerName = z.string().trim().min(1).max(32, 'must be at most 32 characters (Teams shows it as the publisher)');

/** Other variables are used as given, so a quoted value in the env file keeps its spaces. */
const anyText = z.string();

/** Variables every package needs, whether or not the manifest mentions them. */
export const REQUIRED_VARIABLES = ['TEAMS_APP_ID', 'BOT_ID'] as const;

const RULES: Readonly<Record<string, z.ZodType<string>>> = {
  TEAMS_APP_ID: guid,
  BOT_ID: guid,
  BOT_DOMAIN: domain,
  DEVELOPER_NAME: developerName,
  DEVELOPER_WEBSITE_URL: httpsUrl,
  PRIVACY_URL: httpsUrl,
  TERMS_OF_USE_URL: httpsUrl,
};

/** The distinct placeholder names in a text, in order of first appearance. */
export function placeholderNames(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (match) => match[1] ?? ''))];
}

/**
 * Replaces every `${{NAME}}` in the manifest's strings with the environment's value. All missing
 * or malformed variables are reported at once, each by name. Values are substituted into parsed
 * strings, never into JSON text, so a quote in a value cannot break the manifest.
 */
export function fillPlaceholders(manifest: unknown, env: PackagingEnv): unknown {
  const names = [...new Set([...REQUIRED_VARIABLES, ...placeholderNames(JSON.stringify(manifest))])];
  const problems: string[] = [];
  const values = new Map<string, string>();
  for (const name of names) {
    const raw = env[name] ?? '';
    if (raw.trim() === '') {
      problems.push(`${name} is not set`);
      continue;
    }
    const parsed = (RULES[name] ?? anyText).safeParse(raw);
    if (parsed.success) values.set(name, parsed.data);
    else problems.push(`${name} ${parsed.error.issues[0]?.message ?? 'is invalid'} (got "${raw}")`);
  }
  if (problems.length > 0) {
    throw new PackagingError(`Missing or invalid environment variables:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }

  const filled = mapStrings(manifest, (text) => text.replace(PLACEHOLDER, (_match, name: string) => values.get(name) ?? ''));
  const leftover = JSON.stringify(filled).match(/.{0,30}\$\{\{.{0,30}/);
  if (leftover) {
    throw new PackagingError(`manifest.json still contains "\${{" after filling placeholders, near: ${leftover[0]}\n  Placeholders look like \${{NAME}} with NAME made of letters, digits and "_".`);
  }
  return filled;
}

/** A copy of a JSON value with `transform` applied to every string value (keys are left alone). */
function mapStrings(value: unknown, transform: (text: string) => string): unknown {
  if (typeof value === 'string') return transform(value);
  if (Array.isArray(value)) return value.map((item: unknown) => mapStrings(item, transform));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]: [string, unknown]) => [key, mapStrings(item, transform)]));
  }
  return value;
}
