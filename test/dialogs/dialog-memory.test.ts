import { TestAdapter, TurnContext, type StatePropertyAccessor } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs/lib/dialogContext.js';
import { DialogSet } from 'botbuilder-dialogs/lib/dialogSet.js';
import { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog.js';
import { describe, expect, it } from 'vitest';
import { DIALOG_MEMORY_KEY, DialogMemory } from '../../src/dialogs/dialog-memory.js';

/** A dialog stack kept in a plain variable. */
function memoryAccessor(): StatePropertyAccessor<DialogState> {
  let value: DialogState | undefined;
  return {
    get: async (_context: TurnContext, defaultValue?: DialogState) => (value ??= defaultValue ?? { dialogStack: [] }),
    set: async (_context: TurnContext, next: DialogState) => {
      value = next;
    },
    delete: async () => {
      value = undefined;
    },
  };
}

function turn(adapter: TestAdapter): TurnContext {
  return new TurnContext(adapter, { type: 'message', text: 'x', channelId: 'test', conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' }, from: { id: 'u', name: '' }, recipient: { id: 'b', name: '' } });
}

describe('DialogMemory', () => {
  it('is what botbuilder-dialogs uses for every dialog context of a turn, across turns (the library still reads the key)', async () => {
    const dialogs = new DialogSet(memoryAccessor());
    dialogs.add(new WaterfallDialog('w', [async (step) => step.next()]));
    const memory = new DialogMemory();
    const adapter = new TestAdapter();
    const configurations = [];
    for (let i = 0; i < 2; i++) {
      const context = turn(adapter);
      memory.prepare(context);
      const dc = await dialogs.createContext(context);
      configurations.push(dc.state.configuration);
      expect(context.turnState.get(DIALOG_MEMORY_KEY)).toBe(dc.state.configuration);
    }
    expect(configurations[0]).toBe(configurations[1]);
    // The scopes work: a value set in the turn scope reads back, and a waterfall runs to its end.
    const context = turn(adapter);
    memory.prepare(context);
    const dc = await dialogs.createContext(context);
    dc.state.setValue('turn.x', 1);
    expect(dc.state.getValue('turn.x')).toBe(1);
    expect((await dc.beginDialog('w')).status).toBe('complete');
  });
});
