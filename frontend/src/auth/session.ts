// Sign-in with the authorization code flow and PKCE (oidc-client-ts). Tokens live in memory only;
// the refresh token renews them in the background. When the session ends (a 401, or renewal
// failed and the access token expired) the user goes back to sign-in, and what they were typing
// is kept for their return.

import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from "oidc-client-ts";
import { setAccessTokenSource, setUnauthorizedHandler } from "../api";
import type { RuntimeConfig } from "./config";
import { restoreDrafts, saveDrafts } from "./drafts";

const signedOutKey = "todoapp:signed-out";

export interface Session {
  email: string;
  signOut(): Promise<void>;
}

let manager: UserManager;
let current: User | null = null;
let leaving = false;

function createManager(config: RuntimeConfig): UserManager {
  const home = `${location.origin}/`;
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    scope: config.scope,
    response_type: "code",
    redirect_uri: home,
    post_logout_redirect_uri: home,
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    // The PKCE verifier and state must survive the redirect to the provider: this tab only.
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
    automaticSilentRenew: true,
    metadataSeed: config.signOutUrl ? { end_session_endpoint: config.signOutUrl } : undefined,
  });
}

/** Sends the browser to sign in; it comes back to the page it left. Resolves never. */
export async function signIn(): Promise<never> {
  leaving = true;
  sessionStorage.removeItem(signedOutKey);
  await manager.signinRedirect({ url_state: location.pathname + location.search });
  return new Promise<never>(() => {});
}

function sessionEnded(): void {
  if (leaving) return;
  leaving = true;
  // After the failed request has put its text back into the form, not before.
  window.setTimeout(() => {
    if (current) saveDrafts(current.profile.sub);
    leaving = false;
    void signIn();
  }, 0);
}

/**
 * Returns the signed-in session, or null while the browser is on its way to sign in (or the user
 * signed out and sees the signed-out page, which <paramref>signedOut</paramref> renders).
 */
export async function startSession(config: RuntimeConfig, signedOut: (signInAgain: () => void) => void): Promise<Session | null> {
  manager = createManager(config);
  const params = new URLSearchParams(location.search);
  if (params.has("state") && (params.has("code") || params.has("error"))) {
    try {
      current = await manager.signinRedirectCallback();
      history.replaceState(null, "", current.url_state ?? "/");
    } catch {
      // A reloaded or stale callback address, or the provider said no: start over from a clean page.
      history.replaceState(null, "", "/");
      signedOut(() => void signIn());
      return null;
    }
  } else if (sessionStorage.getItem(signedOutKey)) {
    signedOut(() => void signIn());
    return null;
  } else {
    await signIn();
  }
  setAccessTokenSource(() => current?.access_token ?? null);
  setUnauthorizedHandler(sessionEnded);
  manager.events.addUserLoaded((user) => { current = user; });
  manager.events.addAccessTokenExpired(sessionEnded);
  const user = current!;
  restoreDrafts(user.profile.sub);
  return {
    email: String(user.profile.email ?? user.profile.sub),
    async signOut() {
      leaving = true;
      sessionStorage.setItem(signedOutKey, "1");
      const home = `${location.origin}/`;
      // Cognito's /logout wants logout_uri (oidc-client-ts already sends client_id); the local
      // provider's end-session endpoint takes the standard post_logout_redirect_uri.
      await manager.signoutRedirect(config.signOutUrl ? { extraQueryParams: { logout_uri: home } } : {});
    },
  };
}
