import { z } from 'zod';

/**
 * The only reader of process.env. Every variable is parsed here; a bad value stops the bot at
 * start with one line per variable, never later at the desk.
 */
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** Bot Framework's app types; matched case-insensitively as the SDK does ("UserAssignedMsi" = "UserAssignedMSI"). */
const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  /** Interface to listen on; unset: 127.0.0.1 outside production (the bot may run unauthenticated there), 0.0.0.0 in production. */
  HOST: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  FLOWS_DIR: z.string().trim().min(1).default('flows'),
  CARDS_DIR: z.string().trim().min(1).default('cards'),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  // New Azure Bot registrations are single-tenant (multi-tenant creation ended in July 2025).
  MicrosoftAppType: z
    .string()
    .trim()
    .default('SingleTenant')
    .transform((v) => APP_TYPES.find((t) => t.toLowerCase() === v.toLowerCase()) ?? v)
    .pipe(z.enum(APP_TYPES)),
  MicrosoftAppTenantId: optionalText,
  /** Where the Bot Connector publishes its token signing keys; empty = the public cloud's. Tests point it at a local issuer. */
  ToBotFromChannelOpenIdMetadataUrl: optionalText.pipe(z.url().optional()),
  /** Teams channel id (19:…@thread.tacv2) for summaries from chats when the bot knows no team. */
  SUMMARY_CHANNEL_ID: optionalText,
  /** Comma-separated Microsoft 365 tenant ids (GUIDs, any letter case); empty = any tenant the Azure Bot lets through. Kept lower-case. */
  ALLOWED_TENANT_IDS: z
    .string()
    .default('')
    .transform((v) => new Set(v.split(',').map((t) => t.trim().toLowerCase()).filter((t) => t !== '')))
    .pipe(z.set(z.string().regex(/^[0-9a-f-]{36}$/, 'each tenant id must be a GUID'))),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(256 * 1024),
  /** A client must send its request headers within this time, and the whole request within HTTP_REQUEST_TIMEOUT_MS, or it is cut off (408). */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  /** An idle keep-alive connection is closed after this time. */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** Open connections at most; more are closed at once, so slow clients cannot use up the process's file descriptors. */
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100_000).default(500),
  /** Incoming turns per conversation: a burst of RATE_LIMIT_BURST, refilled at RATE_LIMIT_PER_SECOND. */
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(1000).default(20),
  RATE_LIMIT_PER_SECOND: z.coerce.number().positive().max(1000).default(5),
  /**
   * Every call to the Bot Connector (a reply, a card update, a summary posted to a channel) is
   * aborted after this long and not retried; a summary post is then tried again later by the outbox.
   */
  CONNECTOR_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /**
   * How long an instance that claimed a summary may take to post it before another instance may
   * take it over; must be longer than a post can take: 3 attempts of CONNECTOR_TIMEOUT_MS, two waits
   * between them (each at most 5 s and at most the timeout) and one more timeout to mark it sent.
   */
  OUTBOX_LEASE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(90_000),
  /** Hold the bot's own messages to one conversation within Teams' limits (7/s, 8/2 s, 60/30 s). Off only for load tests. */
  PACE_OUTGOING: z.enum(['on', 'off']).default('on'),
  /** Where open cases, case records and the outbox live: file (one instance), blob (several), memory (tests). */
  STORAGE: z.enum(['file', 'blob', 'memory']).default('file'),
  STORAGE_DIR: z.string().trim().min(1).default('.data'),
  BLOB_CONNECTION_STRING: optionalText,
  /** Azure container name rules: 3-63 lower-case letters, digits and single hyphens. */
  BLOB_CONTAINER: z
    .string()
    .trim()
    .regex(/^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/, 'must be 3-63 lower-case letters, digits and single hyphens')
    .default('baliewijzer'),
  /** An open case untouched for longer than this is closed instead of continued. */
  CASE_TTL_HOURS: z.coerce.number().positive().max(24 * 365).default(24),
  /**
   * Test-only: the process kills itself (SIGKILL) right after saving the turn of the activity with
   * this id, before its replies go out, to test that a crash between save and send loses nothing.
   * Refused in production.
   */
  TEST_CRASH_AFTER_SAVE: optionalText,
  /** Case records and shared summaries (they hold staff names and notes) are deleted after this many days. */
  RECORD_RETENTION_DAYS: z.coerce.number().positive().max(3650).default(30),
  /** The library's time zone (IANA name): dates and times on cards, the daily handover digest, notice times without an offset. */
  TIME_ZONE: z
    .string()
    .trim()
    .default('Europe/Amsterdam')
    .refine((zone) => isTimeZone(zone), 'must be an IANA time zone such as Europe/Amsterdam'),
  /** Local time (HH:MM, in TIME_ZONE) of the daily handover digest in each team's summary channel; empty = no digest. */
  HANDOVER_TIME: optionalText.pipe(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM, e.g. 16:45').optional()),
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export type Config = Omit<z.infer<typeof configSchema>, 'HOST'> & { readonly HOST: string };

export class ConfigError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (process.env after dotenv) into a typed config, or throws {@link ConfigError}. */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const config = parsed.data;
  const problems: string[] = [];
  if (config.MicrosoftAppId && !config.MicrosoftAppPassword && config.MicrosoftAppType !== 'UserAssignedMSI') {
    problems.push('MicrosoftAppPassword: required when MicrosoftAppId is set (except for UserAssignedMSI)');
  }
  if (config.MicrosoftAppType === 'UserAssignedMSI' && config.MicrosoftAppPassword) {
    problems.push('MicrosoftAppPassword: must be empty for UserAssignedMSI (the managed identity has no password)');
  }
  if (config.MicrosoftAppType !== 'MultiTenant' && config.MicrosoftAppId && !config.MicrosoftAppTenantId) {
    problems.push(`MicrosoftAppTenantId: required when MicrosoftAppType is ${config.MicrosoftAppType}`);
  }
  if (config.NODE_ENV === 'production' && !config.MicrosoftAppId) {
    problems.push('MicrosoftAppId: required in production (NODE_ENV=production); without it anyone could post to /api/messages');
  }
  if (config.HTTP_HEADERS_TIMEOUT_MS > config.HTTP_REQUEST_TIMEOUT_MS) {
    problems.push('HTTP_HEADERS_TIMEOUT_MS: must not be longer than HTTP_REQUEST_TIMEOUT_MS (the headers are part of the request)');
  }
  if (config.STORAGE === 'blob' && !config.BLOB_CONNECTION_STRING) {
    problems.push('BLOB_CONNECTION_STRING: required when STORAGE is blob');
  }
  if (config.NODE_ENV === 'production' && config.TEST_CRASH_AFTER_SAVE) {
    problems.push('TEST_CRASH_AFTER_SAVE: a test-only setting; it must be empty in production');
  }
  if (config.NODE_ENV === 'production' && config.STORAGE === 'memory') {
    problems.push('STORAGE: memory loses every open case on restart; use file or blob in production');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...config, HOST: config.HOST ?? (config.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1') };
}
