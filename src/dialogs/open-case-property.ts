import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { fromStoredCase, toStoredCase, type CaseState, type StoredCase } from '../troubleshooting/case-state.js';

/**
 * The open case of a conversation, kept in its stored form (`stored`, read with
 * `storedCaseSchema`) and handed to the dialogs as the engine's {@link CaseState}: the stored
 * form is smaller (issue 19), the engine keeps working with its list of answers.
 */
export function openCaseProperty(stored: StatePropertyAccessor<StoredCase>): StatePropertyAccessor<CaseState> {
  return {
    async get(context: TurnContext, defaultValue?: CaseState): Promise<CaseState> {
      const value = await stored.get(context);
      return value === undefined ? (defaultValue as CaseState) : fromStoredCase(value);
    },
    set: (context: TurnContext, value: CaseState) => stored.set(context, toStoredCase(value)),
    delete: (context: TurnContext) => stored.delete(context),
  };
}
