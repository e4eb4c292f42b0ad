// The provider's interactions: the sign-in form for the development accounts, and consent given on
// the user's behalf (the app is first party). Everything else goes to oidc-provider itself.
import { account, developmentPassword } from "./identity.mjs";
import { signInPage } from "./identity-pages.mjs";

export async function route(provider, req, res) {
  const url = new URL(req.url, "http://local");
  const interaction = url.pathname.match(/^\/interaction\/([\w-]+)(\/login)?$/);
  try {
    if (!interaction) return provider.callback()(req, res);
    const details = await provider.interactionDetails(req, res);
    if (interaction[2] && req.method === "POST") return await signIn(provider, req, res, details);
    if (details.prompt.name === "login") return signInPage(res, details.uid, "");
    return await consent(provider, req, res, details);
  } catch (error) {
    res.statusCode = error.statusCode ?? 500;
    res.setHeader("content-type", "text/plain; charset=utf-8");
    res.end(`${error.name}: ${error.error_description ?? error.message}`);
  }
}

async function signIn(provider, req, res, details) {
  const form = new URLSearchParams(await readBody(req));
  const username = (form.get("username") ?? "").trim().toLowerCase().replace(/@example\.(com|test)$/, "");
  if (!account(username) || form.get("password") !== developmentPassword) {
    return signInPage(res, details.uid, "That user name and password don't match a local account.", 401);
  }
  await provider.interactionFinished(req, res, { login: { accountId: username } }, { mergeWithLastSubmission: false });
}

/** The app is first party: consent is given on the user's behalf, as Cognito does for its app clients. */
async function consent(provider, req, res, details) {
  const { prompt, params, session } = details;
  const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(" "));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  for (const [indicator, granted] of Object.entries(prompt.details.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, granted.join(" "));
  }
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => { body += chunk; if (body.length > 16_384) req.destroy(); });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}
