/**
 * The rule for the buttons on our cards (Universal Actions, issue 15): every button that does
 * something in the bot is an `Action.Execute` with a `verb`, so Teams sends it as an
 * `adaptiveCard/action` invoke and shows the card the bot answers with; and each carries an
 * `Action.Submit` with the same title and data as its `fallback`, for clients without Universal
 * Actions. A bare `Action.Submit` (not a fallback) and an `Action.Execute` without a verb are the
 * known ways to break this: Teams (and the Agents Playground) refuse an Execute without a verb
 * with "Er is iets misgegaan", and an old client drops an Execute without a fallback. The card's
 * `refresh` action is no button: it needs a verb, and no fallback (a client without refresh simply
 * does not refresh); its `userIds` are at most 60.
 *
 * Checked on the templates when they load (the bot does not start with a broken one), by
 * `npm run flows:check`, and by the card tests on every card the bot makes.
 */

/** Teams refreshes a card automatically for at most this many users (`refresh.userIds`). */
export const MAX_REFRESH_USERS = 60;

/** One broken action: where it is in the card (a JSON path) and what is wrong, in Dutch for content editors. */
export interface CardActionProblem {
  readonly path: string;
  readonly message: string;
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Every problem with the actions of a card (a template or a card as sent). */
export function cardActionProblems(card: Json): CardActionProblem[] {
  const problems: CardActionProblem[] = [];
  const visit = (v: Json, path: string, asFallbackOf?: Record<string, unknown>): void => {
    if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, `${path}[${i}]`));
      return;
    }
    if (!isObject(v)) return;
    if (v.type === 'Action.Execute') checkExecute(v, path, problems);
    if (v.type === 'Action.Submit' && !asFallbackOf) problems.push({ path, message: 'Action.Submit zonder Action.Execute: maak er een Action.Execute met verb van, met deze Action.Submit als fallback' });
    for (const [key, child] of Object.entries(v)) {
      if (key === 'data') continue;
      if (key === 'fallback' && v.type === 'Action.Execute') visit(child, `${path}.fallback`, v);
      else visit(child, `${path}.${key}`);
    }
  };
  if (isObject(card) && isObject(card.refresh)) {
    const action = card.refresh.action;
    if (!isObject(action) || action.type !== 'Action.Execute') problems.push({ path: 'refresh.action', message: 'refresh heeft geen Action.Execute' });
    else if (!nonEmpty(action.verb)) problems.push({ path: 'refresh.action', message: 'Action.Execute zonder verb: Teams weigert de klik' });
    const userIds = card.refresh.userIds;
    if (Array.isArray(userIds) && userIds.length > MAX_REFRESH_USERS) problems.push({ path: 'refresh.userIds', message: `meer dan ${MAX_REFRESH_USERS} userIds: Teams ververst de kaart voor hooguit ${MAX_REFRESH_USERS} mensen` });
  }
  visit(isObject(card) ? { ...card, refresh: undefined } : card, '$');
  return problems;
}

function checkExecute(action: Record<string, unknown>, path: string, problems: CardActionProblem[]): void {
  if (!nonEmpty(action.verb)) problems.push({ path, message: `Action.Execute "${String(action.title ?? '')}" zonder verb: Teams weigert de klik` });
  const fallback = action.fallback;
  if (!isObject(fallback) || fallback.type !== 'Action.Submit') {
    problems.push({ path, message: `Action.Execute "${String(action.title ?? '')}" zonder Action.Submit als fallback: oudere Teams-apps tonen de knop dan niet` });
    return;
  }
  if (fallback.title !== action.title || JSON.stringify(fallback.data) !== JSON.stringify(action.data)) {
    problems.push({ path: `${path}.fallback`, message: `de fallback van "${String(action.title ?? '')}" heeft een andere titel of andere data dan de knop zelf` });
  }
}
