import type { FlowPath } from '../../bench/flow-paths.js';
import type { ChaosConnector, Delivered } from './chaos-connector.js';

/** The bot instances up right now; a staff member's activity goes to any of them. */
export interface Instances {
  /** The URL of a live instance, picked at random; undefined while none is up. */
  pick(): string | undefined;
}

const CARD = 'application/vnd.microsoft.card.adaptive';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Button {
  readonly title: string;
  readonly data: Record<string, unknown>;
  /** The activity the button's card is (what a click names as replyToId). */
  readonly cardId: string;
}

/** The buttons on a delivered card (a new message or an updated one), newest card last. */
function buttonsOf(delivered: Delivered): Button[] {
  const attachments = Array.isArray(delivered.body.attachments) ? delivered.body.attachments : [];
  const buttons: Button[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    const v = value as Record<string, unknown>;
    if ((v.type === 'Action.Submit' || v.type === 'Action.Execute') && typeof v.title === 'string' && typeof v.data === 'object' && v.data !== null) {
      buttons.push({ title: v.title, data: v.data as Record<string, unknown>, cardId: delivered.activityId ?? delivered.id });
    }
    Object.entries(v).forEach(([key, child]) => key !== 'data' && visit(child));
  };
  for (const attachment of attachments) if (typeof attachment === 'object' && attachment !== null && (attachment as Record<string, unknown>).contentType === CARD) visit((attachment as Record<string, unknown>).content);
  return buttons;
}

/**
 * A staff member walking one case to its end and sharing its summary, as Teams delivers it: each
 * activity goes to a live instance; when the post fails (the instance was killed) or no answer came,
 * the same activity (same id) is sent again after a moment, as Teams re-sends, to any live instance.
 */
export class ChaosStaff {
  /** What this staff member has seen arrive, in order. */
  private readonly seen: Delivered[] = [];
  private counter = 0;
  resends = 0;
  finished = false;
  shared = false;
  stuckReason: string | undefined;

  constructor(
    readonly index: number,
    private readonly path: FlowPath,
    private readonly connector: ChaosConnector,
    private readonly instances: Instances,
    private readonly serviceUrl: string,
  ) {
    connector.onDelivered((d) => {
      if (d.conversationId === this.conversationId) this.seen.push(d);
    });
  }

  get conversationId(): string {
    return `chaos-${this.index}`;
  }

  get staffId(): string {
    return `chaos-staff-${this.index}`;
  }

  /** Walks the case and shares its summary; gives up (stuck) after a few minutes without progress. */
  async walk(): Promise<void> {
    const first = this.path.clicks[0];
    if (!first || !(await this.act({ value: { v: 1, action: 'start', flow: this.path.flowId } }, () => this.newest((b) => b.data.action === 'answer' && b.data.node === first.nodeId && b.data.step === 1) !== undefined))) return;
    for (const [i, click] of this.path.clicks.entries()) {
      const next = this.path.clicks[i + 1];
      const button = this.newest((b) => b.title === click.label && b.data.action === 'answer' && b.data.node === click.nodeId && b.data.step === i + 1);
      if (!button) return this.stuck(`no button "${click.label}" for step ${i + 1}`);
      // Answered once the card of the next step arrived (the summary card after the last step).
      const arrived = next === undefined ? () => this.newest((b) => b.title === 'Deel in teamkanaal') !== undefined : () => this.newest((b) => b.data.action === 'answer' && b.data.node === next.nodeId && b.data.step === i + 2) !== undefined;
      if (!(await this.act({ value: button.data, replyToId: button.cardId }, arrived))) return;
    }
    this.finished = true;
    const share = this.newest((b) => b.title === 'Deel in teamkanaal');
    if (!share) return this.stuck('no summary card');
    if (await this.act({ value: { ...share.data, note: `chaos ${this.index}` }, replyToId: share.cardId }, () => this.seen.some((d) => /gedeeld/i.test(JSON.stringify(d.body))))) this.shared = true;
  }

  private newest(match: (b: Button) => boolean): Button | undefined {
    for (let i = this.seen.length - 1; i >= 0; i--) {
      const delivered = this.seen[i];
      const found = delivered && buttonsOf(delivered).find(match);
      if (found) return found;
    }
    return undefined;
  }

  /** Sends one activity until `done` holds: re-sent with the same id while no answer arrived. */
  private async act(fields: Record<string, unknown>, done: () => boolean): Promise<boolean> {
    this.counter += 1;
    const activity = {
      type: 'message',
      id: `chaos-${this.index}-${this.counter}`,
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      from: { id: this.staffId, name: `Chaos ${this.index}`, aadObjectId: `00000000-0000-0000-0000-${String(this.index).padStart(12, '0')}` },
      recipient: { id: 'chaos-bot', name: 'Baliewijzer' },
      conversation: { id: this.conversationId, conversationType: 'personal' },
      channelData: { tenant: { id: '00000000-0000-0000-0000-0000000000aa' } },
      ...fields,
    };
    for (let attempt = 1; attempt <= 40; attempt++) {
      const url = this.instances.pick();
      if (url !== undefined) {
        try {
          const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity), signal: AbortSignal.timeout(30_000) });
          await response.arrayBuffer();
        } catch {
          // the instance died under this request: Teams would re-send
        }
        if (done()) return true;
      }
      this.resends += 1;
      await sleep(250 + Math.random() * 750);
      if (done()) return true;
    }
    this.stuck(`no answer to ${JSON.stringify(fields).slice(0, 80)} after 40 sends`);
    return false;
  }

  private stuck(reason: string): void {
    this.stuckReason = reason;
  }
}
