import type { TurnContext } from 'botbuilder';
import { DialogsComponentRegistration } from 'botbuilder-dialogs/lib/dialogsComponentRegistration.js';
import type { DialogStateManagerConfiguration } from 'botbuilder-dialogs/lib/memory/dialogStateManager.js';

/**
 * The turn-state key under which botbuilder-dialogs looks for the memory scopes of a turn's
 * dialog contexts (its constant DIALOG_STATE_MANAGER_CONFIGURATION, not exported; a test checks
 * the library still reads it).
 */
export const DIALOG_MEMORY_KEY = 'DialogStateManagerConfiguration';

/**
 * botbuilder-dialogs' memory scopes and path resolvers, made once. Left to itself, every turn's
 * first dialog context makes them anew (a service collection with a dependency graph), about a
 * tenth of a millisecond a turn; the scopes keep nothing between turns, so one set serves all.
 */
export class DialogMemory {
  private readonly configuration: DialogStateManagerConfiguration;

  constructor() {
    const registration = new DialogsComponentRegistration();
    this.configuration = { memoryScopes: registration.getMemoryScopes(), pathResolvers: registration.getPathResolvers() };
  }

  /** Gives the turn the scopes made once, before its first dialog context is created. */
  prepare(context: TurnContext): void {
    if (context.turnState.get(DIALOG_MEMORY_KEY) === undefined) context.turnState.set(DIALOG_MEMORY_KEY, this.configuration);
  }
}
