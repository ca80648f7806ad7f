import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { AuthenticationConstants, type ClaimsIdentity, type UserTokenClient } from 'botframework-connector';
import { MadeOnce } from './made-once.js';

/**
 * The SDK's authentication from configuration, with one user-token client per bot app instead of
 * one per turn. CloudAdapter makes a new one on every turn, for sign-in prompts this bot does not
 * have, and each builds an HTTP pipeline of a dozen policies: about a twentieth of a turn's CPU in
 * the bench's profile. The client keeps nothing of a turn; its credentials fetch tokens through
 * the SDK's own token cache.
 */
export class ReusedUserTokenClientAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly userTokenClients = new MadeOnce<UserTokenClient>();

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    // The app the SDK makes the client for: the audience claim, else the app id claim (its getAppId).
    const appId = claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
    return this.userTokenClients.get(appId, () => super.createUserTokenClient(claimsIdentity));
  }
}
