import { request, type Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { CaseScript } from './case-script.js';
import type { ClickResolver, TurnFields } from './click-resolvers.js';
import type { Reply, ReplySink } from './load-connector.js';

/** One timed turn. */
export interface TurnSample {
  /** From sending the activity to the last reply of the turn arriving at the connector. */
  readonly turnMs: number;
  /** From sending the activity to the bot's HTTP response (which CloudAdapter sends after the turn). */
  readonly responseMs: number;
  readonly posts: number;
  readonly puts: number;
}

export interface StaffTarget {
  /** http://127.0.0.1:port of the bot or the baseline. */
  readonly botUrl: string;
  /** The connector's URL, put in each activity's serviceUrl. */
  readonly serviceUrl: string;
  readonly agent: Agent;
  readonly resolve: ClickResolver;
}

/**
 * A simulated staff member in a personal chat: sends one activity at a time to /api/messages,
 * waits for the HTTP response, and collects what reached the connector meanwhile.
 */
export class StaffMember implements ReplySink {
  private inFlight: Reply[] | undefined;
  private previous: readonly Reply[] = [];
  private counter = 0;
  /** Replies that arrived while no turn of this staff member was open (must stay 0). */
  late = 0;
  /** Turns that could not be made or failed (button missing, HTTP error). */
  errors = 0;
  lastError: string | undefined;

  constructor(
    readonly conversationId: string,
    private readonly script: CaseScript,
    private readonly target: StaffTarget,
  ) {}

  onReply(reply: Reply): void {
    if (this.inFlight) this.inFlight.push(reply);
    else this.late += 1;
  }

  /** Takes turns back to back until `stop()` says so; each finished turn goes to `record`. */
  async work(stop: () => boolean, record: (sample: TurnSample) => void): Promise<void> {
    while (!stop()) {
      try {
        record(await this.turn());
      } catch (error) {
        this.errors += 1;
        this.lastError = error instanceof Error ? error.message : String(error);
        this.script.reset();
        this.previous = [];
      }
    }
  }

  private async turn(): Promise<TurnSample> {
    const fields = this.target.resolve(this.script.next(), this.previous);
    const body = JSON.stringify(this.activity(fields));
    const replies: Reply[] = [];
    this.inFlight = replies;
    const sent = performance.now();
    try {
      const status = await this.post(body);
      const answered = performance.now();
      if (status !== 200) throw new Error(`bot answered HTTP ${status}`);
      const last = replies.reduce((max, r) => Math.max(max, r.at), Number.NEGATIVE_INFINITY);
      this.previous = replies;
      return {
        turnMs: replies.length > 0 ? last - sent : answered - sent,
        responseMs: answered - sent,
        posts: replies.filter((r) => r.method === 'POST').length,
        puts: replies.filter((r) => r.method === 'PUT').length,
      };
    } finally {
      this.inFlight = undefined;
    }
  }

  private post(body: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${this.target.botUrl}/api/messages`,
        { method: 'POST', agent: this.target.agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  private activity(fields: TurnFields): Record<string, unknown> {
    this.counter += 1;
    return {
      type: 'message',
      id: `${this.conversationId}-${this.counter}`,
      channelId: 'msteams',
      serviceUrl: this.target.serviceUrl,
      timestamp: new Date().toISOString(),
      from: { id: `${this.conversationId}-user`, name: 'Balie Medewerker', aadObjectId: '00000000-0000-0000-0000-000000000001' },
      recipient: { id: 'bot-1', name: 'Baliewijzer' },
      conversation: { id: this.conversationId, conversationType: 'personal' },
      channelData: { tenant: { id: '00000000-0000-0000-0000-0000000000aa' } },
      locale: 'nl-NL',
      ...fields,
    };
  }
}
