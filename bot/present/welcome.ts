import type { AdaptiveCard } from '../../cards/render';
import { renderWelcomeCard } from '../../cards/welcome';
import { commandButton } from './nextSteps';

/** The card posted once when SyncOps is added to a chat or team: the new SDS first, then help and watches. */
export function presentWelcome(isGroup: boolean): AdaptiveCard {
  return renderWelcomeCard({
    isGroup,
    buttons: [
      commandButton('SDS runs', { kind: 'listSdsRuns' }),
      commandButton('What can SyncOps do?', { kind: 'help' }),
      commandButton('What is watched here', { kind: 'listWatches' }),
    ],
  });
}
