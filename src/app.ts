import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { MemoryStorage, type BotAdapter, type Storage } from 'botbuilder';
import type restify from 'restify';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import { createAdapter, handleTurnErrors } from './adapter.js';
import { BaliewijzerBot } from './bot.js';
import { CardRenderer } from './cards/card-renderer.js';
import { CardTemplates } from './cards/card-templates.js';
import { loadMessages, type Messages } from './cards/messages.js';
import type { Config } from './config.js';
import { DeskConversation } from './dialogs/desk-conversation.js';
import type { Logger } from './logging/logger.js';
import { ConversationPacer } from './http/conversation-pacer.js';
import { createServer, type BotServer } from './server.js';
import { StatisticsStore } from './statistics/statistics-store.js';
import { StoredCaseStatistics } from './statistics/stored-case-statistics.js';
import { createStorage } from './storage/create-storage.js';
import { ETagConversationState } from './storage/etag-conversation-state.js';
import { BlobSweeper } from './storage/blob-sweeper.js';
import { ExpiredStateSweep, type SweepTarget } from './storage/expired-state-sweep.js';
import { FileStorage } from './storage/file-storage.js';
import { StorageWriteProbe } from './storage/readiness-probe.js';
import { TurnGuard } from './storage/turn-guard.js';
import { CaseRecords } from './summaries/case-records.js';
import { OutboxWorker } from './summaries/outbox-worker.js';
import type { RetryOptions } from './summaries/retry-policy.js';
import { SummaryOutbox } from './summaries/summary-outbox.js';
import { SummaryService } from './summaries/summary-service.js';
import { TeamRegistry } from './summaries/team-registry.js';
import { TeamsChannel } from './summaries/teams-channel.js';
import type { FlowCatalog } from './troubleshooting/flow-catalog.js';
import { loadFlowCatalog } from './troubleshooting/flow-loader.js';

/** Parts a test or another host may swap; everything else comes from config. */
export interface AppOverrides {
  readonly storage?: Storage;
  readonly newCaseId?: () => string;
  readonly now?: () => Date;
  /** Backoff for channel posts (tests shorten it). */
  readonly retry?: RetryOptions;
  readonly outboxPollMs?: number;
  /** Credentials for calls to Teams (tests: none, since a local test cannot sign in to Entra ID). */
  readonly credentialsFactory?: ServiceClientCredentialsFactory;
}

export interface BuiltBot {
  readonly bot: BaliewijzerBot;
  readonly catalog: FlowCatalog;
  readonly messages: Messages;
  readonly storage: Storage;
  /** Sends queued case summaries; started by whoever serves the bot. */
  readonly outboxWorker: OutboxWorker;
  /** Case statistics; `start()` creates each day's documents ahead (whoever serves the bot calls it). */
  readonly statistics: StoredCaseStatistics;
}

export interface App extends BuiltBot {
  readonly server: restify.Server;
  readonly http: BotServer;
  /** Deletes abandoned conversations from the file store; started by whoever serves the bot. */
  readonly sweep: ExpiredStateSweep;
}

/** The settings buildBot reads. */
export type BotConfig = Pick<Config, 'FLOWS_DIR' | 'CARDS_DIR'> & Partial<Pick<Config, 'MicrosoftAppId' | 'SUMMARY_CHANNEL_ID' | 'CASE_TTL_HOURS' | 'PACE_OUTGOING'>>;

/**
 * Builds the bot (no HTTP) on a Bot Framework adapter: flows and cards are loaded and checked
 * first, so a broken flow stops start-up with a message naming the file and node (FlowLoadError).
 */
export function buildBot(config: BotConfig, log: Logger, adapter: BotAdapter, overrides: AppOverrides = {}): BuiltBot {
  const catalog = loadFlowCatalog(resolve(config.FLOWS_DIR));
  const cardsDir = resolve(config.CARDS_DIR);
  const messages = loadMessages(cardsDir);
  const cards = new CardRenderer(CardTemplates.load(cardsDir), catalog, messages);
  const storage = overrides.storage ?? new MemoryStorage();
  const now = overrides.now ?? (() => new Date());

  const records = new CaseRecords(storage);
  const registry = new TeamRegistry(storage);
  const outbox = new SummaryOutbox(storage);
  const channel = new TeamsChannel(adapter, config.MicrosoftAppId ?? '', cards, registry, records);
  const outboxWorker = new OutboxWorker({ outbox, poster: channel, notifier: channel, log, now, retry: overrides.retry, pollMs: overrides.outboxPollMs });
  const summaries = new SummaryService({
    catalog,
    cards,
    records,
    outbox,
    registry,
    kick: () => outboxWorker.kick(),
    now,
    log,
    defaultChannelId: config.SUMMARY_CHANNEL_ID,
  });

  const conversationState = new ETagConversationState(storage);
  const statistics = new StoredCaseStatistics({ catalog, store: new StatisticsStore(storage), now, log });
  const turns = new TurnGuard({ conversationState, cards, now, caseTtlHours: config.CASE_TTL_HOURS ?? 24, log, statistics, pacer: config.PACE_OUTGOING === 'off' ? undefined : new ConversationPacer() });
  const desk = new DeskConversation({ conversationState, catalog, cards, newCaseId: overrides.newCaseId ?? randomUUID, now, log, summaries, statistics });
  log.info({ event: 'flows.loaded', flows: catalog.flows.map((f) => `${f.id}@${f.version}`) }, 'flows loaded');
  return { bot: new BaliewijzerBot(turns, desk, summaries, messages), catalog, messages, storage, outboxWorker, statistics };
}

/** The bot behind restify and the Bot Framework CloudAdapter, ready to listen. */
export function buildApp(config: Config, log: Logger, overrides: AppOverrides = {}): App {
  const adapter = createAdapter(config, log, { credentialsFactory: overrides.credentialsFactory });
  const storage = overrides.storage ?? createStorage(config, log);
  const built = buildBot(config, log, adapter, { ...overrides, storage });
  const sweep = new ExpiredStateSweep({ target: sweepTargetFor(config, storage), caseTtlHours: config.CASE_TTL_HOURS, recordRetentionDays: config.RECORD_RETENTION_DAYS, now: overrides.now, log });
  handleTurnErrors(adapter, log, built.messages.turnError);
  const storageProbe = new StorageWriteProbe(built.storage);
  const http = createServer({
    adapter,
    bot: built.bot,
    log,
    maxBodyBytes: config.MAX_BODY_BYTES,
    rateLimit: { burst: config.RATE_LIMIT_BURST, perSecond: config.RATE_LIMIT_PER_SECOND },
    allowedTenants: config.ALLOWED_TENANT_IDS,
    connections: {
      headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: config.HTTP_MAX_CONNECTIONS,
    },
    readiness: [
      async () => ({ name: 'flows', ok: built.catalog.flows.length > 0 }),
      async () => ({ name: 'storage', ok: await storageProbe.writable() }),
    ],
  });
  return { ...built, server: http.server, http, sweep };
}

/** What the housekeeping sweep works on: the file store itself, or the Blob container BlobsStorage uses. */
function sweepTargetFor(config: Config, storage: Storage): SweepTarget | undefined {
  if (storage instanceof FileStorage) return storage;
  if (config.STORAGE === 'blob' && config.BLOB_CONNECTION_STRING) return BlobSweeper.connect(config.BLOB_CONNECTION_STRING, config.BLOB_CONTAINER);
  return undefined;
}
