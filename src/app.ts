import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { MessageFactory, type BotAdapter } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs/lib/dialogContext.js';
import { z } from 'zod';
import type restify from 'restify';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import { createAdapter, handleTurnErrors } from './adapter.js';
import { BaliewijzerBot } from './bot.js';
import { CardTemplates } from './cards/card-templates.js';
import { DeskCards } from './cards/desk-cards.js';
import { loadMessages, type Messages } from './cards/messages.js';
import { ConfigError, type Config } from './config.js';
import { caseEffectSchema, type CaseEffect } from './dialogs/case-effects.js';
import { DeskConversation } from './dialogs/desk-conversation.js';
import { isLiveCardIntent, LIVE_CARD_PROPERTY, liveCardSchema, LiveCards, recordLiveCardId } from './dialogs/live-card.js';
import { openCaseProperty } from './dialogs/open-case-property.js';
import { Replies, replyIntentSchema, type ReplyIntent } from './dialogs/replies.js';
import { commandWords } from './dialogs/turn-input.js';
import type { Logger } from './logging/logger.js';
import { createServer, type BotServer } from './server.js';
import { statisticsCard } from './statistics/statistics-view.js';
import { StatisticsStore } from './statistics/statistics-store.js';
import { StoredCaseStatistics } from './statistics/stored-case-statistics.js';
import { UnrecognisedPhrases, unrecognisedRetentionRule } from './statistics/unrecognised-phrases.js';
import { FileStore } from './storage/file-store.js';
import { MemoryStore } from './storage/memory-store.js';
import { openStore } from './storage/open-store.js';
import type { Store } from './storage/store.js';
import { StoreSweep } from './storage/store-sweep.js';
import { StorageWriteProbe } from './storage/readiness-probe.js';
import { CaseRecords } from './summaries/case-records.js';
import { summariseCase } from './summaries/case-summary.js';
import { OutboxWorker } from './summaries/outbox-worker.js';
import type { RetryOptions } from './summaries/retry-policy.js';
import { SummaryCards } from './summaries/summary-cards.js';
import { SummaryOutbox } from './summaries/summary-outbox.js';
import { summaryRetentionRules } from './summaries/summary-retention.js';
import { SummaryService } from './summaries/summary-service.js';
import { TeamRegistry } from './summaries/team-registry.js';
import { longestCallMs } from './teams/bot-connector.js';
import { TeamsChannel } from './teams/teams-channel.js';
import { storedCaseSchema } from './troubleshooting/case-state.js';
import type { FlowCatalog } from './troubleshooting/flow-catalog.js';
import { loadFlowCatalog } from './troubleshooting/flow-loader.js';
import { ConversationPacer } from './turn/conversation-pacer.js';
import { ConversationState } from './turn/conversation-state.js';
import { conversationSweepRule } from './turn/conversation-sweep.js';
import { TurnPipeline } from './turn/turn-pipeline.js';
import { DAY_MS } from './clock/durations.js';
import { DEFAULT_TIME_ZONE } from './clock/local-time.js';
import { SeenVersions } from './dialogs/seen-versions.js';
import { HandoverBoard } from './summaries/handover-board.js';
import { HandoverDigest } from './summaries/handover-digest.js';
import { PersonalChats } from './teams/personal-chat.js';
import { NoticeBoard } from './troubleshooting/notice-board.js';

/** Parts a test or another host may swap; everything else comes from config. */
export interface AppOverrides {
  readonly store?: Store;
  readonly newCaseId?: () => string;
  readonly now?: () => Date;
  /** Backoff for channel posts (tests shorten it). */
  readonly retry?: RetryOptions;
  /** How long an outbox claim holds (default OUTBOX_LEASE_MS). */
  readonly outboxLeaseMs?: number;
  readonly outboxPollMs?: number;
  /** Paces the bot's own messages (tests give it a clock of their own); default: Teams' limits on the real clock. */
  readonly pacer?: ConversationPacer;
  /** Credentials for calls to Teams (tests: none, since a local test cannot sign in to Entra ID). */
  readonly credentialsFactory?: ServiceClientCredentialsFactory;
}

export interface BuiltBot {
  readonly bot: BaliewijzerBot;
  readonly catalog: FlowCatalog;
  readonly messages: Messages;
  readonly store: Store;
  /** Sends queued case summaries; started by whoever serves the bot. */
  readonly outboxWorker: OutboxWorker;
  readonly statistics: StoredCaseStatistics;
  /** The editors' notices, read again every minute once started. */
  readonly notices: NoticeBoard;
  /** Unresolved cases posted in team channels, and who picked them up. */
  readonly handovers: HandoverBoard;
  /** The daily handover digest (config HANDOVER_TIME); undefined when it is off. Started by whoever serves the bot. */
  readonly handoverDigest?: HandoverDigest;
}

export interface App extends BuiltBot {
  readonly server: restify.Server;
  readonly http: BotServer;
  /** Deletes abandoned conversations and old records; started by whoever serves the bot. */
  readonly sweep: StoreSweep;
}

/** The settings buildBot reads. */
export type BotConfig = Pick<Config, 'FLOWS_DIR' | 'CARDS_DIR'> & Partial<Pick<Config, 'MicrosoftAppId' | 'SUMMARY_CHANNEL_ID' | 'CASE_TTL_HOURS' | 'PACE_OUTGOING' | 'OUTBOX_LEASE_MS' | 'TEST_CRASH_AFTER_SAVE' | 'TIME_ZONE' | 'HANDOVER_TIME'>>;

/** A dialog stack as botbuilder keeps it (its frames are botbuilder's own); kept as the same object, which botbuilder changes in place. */
const dialogStackSchema = z.looseObject({ dialogStack: z.array(z.looseObject({ id: z.string() })) });
const dialogStateSchema = z.custom<DialogState>((value) => dialogStackSchema.safeParse(value).success);

/**
 * Builds the bot (no HTTP) on a Bot Framework adapter: flows and cards are loaded and checked
 * first, so a broken flow stops start-up with a message naming the file and node (FlowLoadError).
 */
export function buildBot(config: BotConfig, log: Logger, adapter: BotAdapter, overrides: AppOverrides = {}): BuiltBot {
  const flowsDir = resolve(config.FLOWS_DIR);
  const catalog = loadFlowCatalog(flowsDir);
  const cardsDir = resolve(config.CARDS_DIR);
  const messages = loadMessages(cardsDir);
  const templates = CardTemplates.load(cardsDir);
  const store = overrides.store ?? new MemoryStore();
  const now = overrides.now ?? (() => new Date());
  const timeZone = config.TIME_ZONE ?? DEFAULT_TIME_ZONE;
  const notices = new NoticeBoard({ dir: flowsDir, timeZone, flowIds: new Set(catalog.flows.map((f) => f.id)), log });
  const deskCards = new DeskCards(templates, catalog, messages, { notices, now });
  const summaryCards = new SummaryCards(templates, messages, timeZone);
  const appId = config.MicrosoftAppId ?? '';

  const records = new CaseRecords(store);
  const registry = new TeamRegistry(store);
  const outbox = new SummaryOutbox(store);
  const handovers = new HandoverBoard(store, outbox);
  const seenVersions = new SeenVersions(store);
  const channel = new TeamsChannel(adapter, appId, summaryCards, registry, records);
  const personalChats = new PersonalChats(adapter, appId);
  const outboxWorker = new OutboxWorker({ outbox, poster: channel, notifier: channel, log, now, retry: overrides.retry, pollMs: overrides.outboxPollMs, leaseMs: overrides.outboxLeaseMs ?? config.OUTBOX_LEASE_MS, onSent: (item) => handovers.open(item) });
  const summaries = new SummaryService({ catalog, cards: summaryCards, records, outbox, registry, kick: () => outboxWorker.kick(), now, log, defaultChannelId: config.SUMMARY_CHANNEL_ID });
  const unrecognised = new UnrecognisedPhrases(store);
  const statistics = new StoredCaseStatistics({ catalog, store: new StatisticsStore(store), unrecognised, now, log });

  const state = new ConversationState(store);
  const runEffect = async (effect: CaseEffect): Promise<void> => {
    switch (effect.kind) {
      case 'statistics':
        return statistics.record(effect.keyed);
      case 'unrecognised':
        return unrecognised.record(effect);
      case 'summarised': {
        const endedAt = new Date(effect.endedAt);
        await statistics.record(statistics.recordFor(effect.state, effect.outcome, effect.lastNodeId, endedAt));
        await records.save(summariseCase(catalog, { ...effect, endedAt }));
        return;
      }
      case 'handover-card': {
        const handover = await handovers.get(effect.team, effect.caseId);
        if (handover) await channel.showHandover(handover);
        return;
      }
      case 'handover-continue':
        // The claimer's own chat runs its turn through the bot (made below; effects run only in turns).
        return personalChats.run(effect.to, (context) => bot.continueHandedOver(context, effect.team, effect.caseId));
      case 'tell':
        return personalChats.tell(effect.to, effect.text);
      case 'seen-version':
        return seenVersions.markSeen(effect.staffKey, effect.flowId, effect.version);
    }
  };
  const replies = new Replies(deskCards, summaryCards, records, handovers);
  const pipeline = new TurnPipeline<CaseEffect, ReplyIntent>({
    state,
    replies: {
      schema: replyIntentSchema,
      intentOf: (activity) => Replies.intentOf(activity),
      render: (intent) => replies.render(intent),
      keepsId: { property: LIVE_CARD_PROPERTY, wanted: isLiveCardIntent, record: recordLiveCardId },
    },
    effectSchema: caseEffectSchema,
    runEffect,
    clickProcessed: messages.clickProcessed,
    clickAnswered: messages.clickAnswered,
    now,
    log,
    pacer: config.PACE_OUTGOING === 'off' ? undefined : (overrides.pacer ?? new ConversationPacer()),
    afterSave: crashAfterSave(config.TEST_CRASH_AFTER_SAVE),
  });
  const desk = new DeskConversation({
    catalog,
    messages,
    replies,
    newCaseId: overrides.newCaseId ?? randomUUID,
    now,
    log,
    summaries,
    statistics,
    statisticsCard: (report) => statisticsCard(templates, messages, report),
    defer: (context, effect) => pipeline.defer(context, effect),
    openCase: openCaseProperty(state.property('case', storedCaseSchema)),
    liveCards: new LiveCards({ replies, liveCard: state.property(LIVE_CARD_PROPERTY, liveCardSchema) }),
    answer: (context, reply) => pipeline.answer(context, typeof reply === 'string' ? MessageFactory.text(reply) : reply),
    dialogState: state.property('dialogState', dialogStateSchema),
    caseTtlHours: config.CASE_TTL_HOURS ?? 24,
    handovers,
    seenVersions,
    timeZone,
  });
  log.info({ event: 'flows.loaded', flows: catalog.flows.map((f) => `${f.id}@${f.version}`) }, 'flows loaded');
  const bot = new BaliewijzerBot({ pipeline, desk, summaries, messages, commands: commandWords(messages) });
  const handoverDigest = config.HANDOVER_TIME === undefined ? undefined : new HandoverDigest({ store, board: handovers, registry, cards: summaryCards, poster: channel, log, timeZone, time: config.HANDOVER_TIME, now });
  return { bot, catalog, messages, store, outboxWorker, statistics, notices, handovers, handoverDigest };
}

/** The bot behind restify and the Bot Framework CloudAdapter, ready to listen. */
export function buildApp(config: Config, log: Logger, overrides: AppOverrides = {}): App {
  // A claim must outlast the post it covers (and marking it sent), or a second instance posts the same summary again.
  const longestPost = longestCallMs(config.CONNECTOR_TIMEOUT_MS) + config.CONNECTOR_TIMEOUT_MS;
  if (config.OUTBOX_LEASE_MS < longestPost) {
    throw new ConfigError([`OUTBOX_LEASE_MS: must be at least ${longestPost} ms with CONNECTOR_TIMEOUT_MS=${config.CONNECTOR_TIMEOUT_MS} (3 attempts, the waits between them, and one more timeout to mark the post sent)`]);
  }
  const adapter = createAdapter(config, log, { credentialsFactory: overrides.credentialsFactory });
  const store = overrides.store ?? openStore(config, log);
  const built = buildBot(config, log, adapter, { ...overrides, store });
  const sweep = new StoreSweep({
    store,
    rules: [conversationSweepRule(config.CASE_TTL_HOURS), ...summaryRetentionRules(config.RECORD_RETENTION_DAYS), unrecognisedRetentionRule(config.RECORD_RETENTION_DAYS)],
    housekeeping: store instanceof FileStore ? housekeepingFor(store, config.RECORD_RETENTION_DAYS) : undefined,
    now: overrides.now,
    log,
  });
  handleTurnErrors(adapter, log, built.messages.turnError);
  const storageProbe = new StorageWriteProbe(store);
  const http = createServer({
    adapter,
    bot: built.bot,
    log,
    maxBodyBytes: config.MAX_BODY_BYTES,
    rateLimit: { burst: config.RATE_LIMIT_BURST, perSecond: config.RATE_LIMIT_PER_SECOND },
    allowedTenants: config.ALLOWED_TENANT_IDS,
    now: overrides.now && (() => (overrides.now?.() ?? new Date()).getTime()),
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


/**
 * The file store's left-overs: temp files of a killed process only at the first sweep after
 * start-up (later ones could be writes in flight), files set aside as corrupt after the record
 * retention (they may hold what a case record holds).
 */
function housekeepingFor(store: FileStore, retentionDays: number): (now: Date) => Promise<number> {
  // The file system's clock, not the injected one: it is compared with the files' modification times.
  const started = new Date();
  return (now) => store.removeLeftovers({ tempBefore: started, corruptBefore: new Date(now.getTime() - retentionDays * DAY_MS) });
}

/** The test-only crash of TEST_CRASH_AFTER_SAVE: SIGKILL, as a power cut or an OOM kill would end the process. */
function crashAfterSave(activityId: string | undefined): ((context: { readonly activity: { readonly id?: string } }) => void) | undefined {
  if (activityId === undefined) return undefined;
  return (context) => {
    if (context.activity.id === activityId) process.kill(process.pid, 'SIGKILL');
  };
}
