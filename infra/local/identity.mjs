// The local stand-in for Amazon Cognito: a real OpenID Connect provider (oidc-provider) on loopback.
// Authorization code + PKCE for the app's public client, a sign-in page for the development
// accounts, and access tokens shaped like Cognito's (sub, token_use, client_id, scope, no aud),
// signed with a key made at start-up and published at /jwks. Everything is in memory.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import Provider from "oidc-provider";
import { route } from "./identity-interactions.mjs";
import { signOutPage, errorPage } from "./identity-pages.mjs";

export const appClientId = "todoapp-local";
// Another app client of the same "user pool": its tokens are valid, just not for this API.
export const otherClientId = "todoapp-other";
// Issues a token for a named account without a browser: only for scripts and tests on loopback.
export const localUserGrant = "urn:todoapp:params:grant-type:local-user";

const apiResource = "urn:todoapp:api";
const scopes = "openid email profile";

// Development accounts: every local account's password is "password". Any other user name of
// 1-64 characters a-z, 0-9 and '-' signs in as a throwaway account of its own (tests use that).
const developmentAccounts = {
  alice: "alice@example.com",
  bob: "bob@example.com",
  carol: "carol@example.com",
};
export const developmentPassword = "password";
const wellFormed = /^[a-z0-9-]{1,64}$/;

export function account(id) {
  if (!wellFormed.test(id ?? "")) return undefined;
  const email = developmentAccounts[id] ?? `${id}@example.test`;
  return {
    accountId: id,
    claims: () => ({ sub: id, email, email_verified: true, "cognito:username": id }),
  };
}

const isLoopbackApp = (value) => {
  const url = URL.parse(value ?? "");
  return !!url && url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
};

export async function startIdentity({ port, host }) {
  let provider;
  const server = createServer((req, res) => route(provider, req, res));
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const issuer = `http://${host}:${server.address().port}`;
  provider = await createProvider(issuer);
  return { port: server.address().port, stop: () => new Promise((r) => server.close(() => r())) };
}

async function createProvider(issuer) {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: "jwk" }), use: "sig", alg: "RS256", kid: randomBytes(8).toString("hex") };
  const publicClient = (clientId, name) => ({
    client_id: clientId,
    client_name: name,
    token_endpoint_auth_method: "none",
    grant_types: ["authorization_code", "refresh_token", localUserGrant],
    response_types: ["code"],
    redirect_uris: ["http://localhost:5000/"],
    post_logout_redirect_uris: ["http://localhost:5000/"],
  });

  const provider = new Provider(issuer, {
    clients: [publicClient(appClientId, "TodoApp (local)"), publicClient(otherClientId, "Another app")],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    findAccount: (_ctx, id) => account(id),
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["cognito:username"] },
    scopes: scopes.split(" "),
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource: signOutPage, postLogoutSuccessSource: (ctx) => { ctx.body = "Signed out."; } },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => apiResource,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: scopes, accessTokenFormat: "jwt", accessTokenTTL: 3600, jwt: { sign: { alg: "RS256" } } }),
      },
    },
    formats: { customizers: { jwt: cognitoShape } },
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    clientBasedCORS: (_ctx, origin) => isLoopbackApp(origin),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: (ctx, out) => errorPage(ctx, out),
    ttl: { AccessToken: 3600, IdToken: 3600, RefreshToken: 86400, Session: 86400, Grant: 86400, Interaction: 600, AuthorizationCode: 60 },
  });
  provider.proxy = false;
  // The app runs on whatever loopback port the local host got (tests use free ports): accept the
  // app's root on any loopback origin. Only here; Cognito matches callback URLs exactly.
  provider.Client.prototype.redirectUriAllowed = (value) => isLoopbackApp(value) && new URL(value).pathname === "/";
  provider.Client.prototype.postLogoutRedirectUriAllowed = (value) => isLoopbackApp(value) && new URL(value).pathname === "/";
  provider.registerGrantType(localUserGrant, (ctx) => issueForLocalUser(provider, ctx), ["user", "expires_in"]);
  return provider;
}

/**
 * Cognito access tokens carry token_use and client_id and have no aud. oidc-provider insists on an
 * audience for JWT access tokens, so it is kept out of the signed JSON by making it non-enumerable:
 * the local tokens then look exactly like the ones the API gets in AWS.
 */
function cognitoShape(_ctx, token, jwt) {
  const aud = jwt.payload.aud;
  delete jwt.payload.aud;
  Object.defineProperty(jwt.payload, "aud", { value: aud, enumerable: false, writable: true, configurable: true });
  jwt.payload.token_use = "access";
  jwt.payload.username = token.accountId;
  jwt.payload.auth_time = jwt.payload.iat;
  // Cognito's access tokens have no typ header (RFC 9068's at+jwt); neither do these.
  jwt.header = { typ: undefined };
}

/** The local-user grant: a real token response (access and ID token) for one account, no browser. */
async function issueForLocalUser(provider, ctx) {
  const { client, params } = ctx.oidc;
  const found = account(params.user);
  if (!found) {
    ctx.status = 400;
    ctx.body = { error: "invalid_request", error_description: "user must be 1-64 characters of a-z, 0-9 and '-'." };
    return;
  }
  const grant = new provider.Grant({ accountId: found.accountId, clientId: client.clientId });
  grant.addOIDCScope(scopes);
  grant.addResourceScope(apiResource, scopes);
  const grantId = await grant.save();

  // A negative expires_in gives an already expired token: tests use it to prove the API checks lifetime.
  const lifetime = Number(params.expires_in ?? 3600);
  const now = Math.floor(Date.now() / 1000);
  const at = new provider.AccessToken({ accountId: found.accountId, client, grantId, gty: localUserGrant, scope: scopes });
  at.resourceServer = new provider.ResourceServer(apiResource, { scope: scopes, accessTokenFormat: "jwt", jwt: { sign: { alg: "RS256" } } });
  at.iat = lifetime > 0 ? now : now + lifetime - 60;
  at.exp = now + lifetime;
  const accessToken = await at.save();

  const idToken = new provider.IdToken(found.claims(), { ctx });
  idToken.scope = scopes;
  idToken.set("token_use", "id");
  ctx.body = {
    access_token: accessToken,
    id_token: await idToken.issue({ use: "idtoken", expiresAt: now + lifetime }),
    token_type: "Bearer",
    expires_in: lifetime,
    scope: scopes,
  };
}
