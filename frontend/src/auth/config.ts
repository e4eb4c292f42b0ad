// Where the app signs in, read at start-up from /config.json next to index.html: the pipeline writes
// it from the stack's outputs (Cognito), the local host serves it with its own provider's values.

export interface RuntimeConfig {
  /** The OpenID Connect issuer: the Cognito user pool, or the local provider. */
  authority: string;
  clientId: string;
  scope: string;
  /** Cognito's managed login /logout (its discovery document names no end-session endpoint). */
  signOutUrl?: string;
}

export async function loadConfig(): Promise<RuntimeConfig> {
  const response = await fetch("/config.json", { headers: { Accept: "application/json" }, cache: "no-cache" });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  const config = (await response.json()) as Partial<RuntimeConfig>;
  if (!config.authority || !config.clientId) throw new Error("config.json names no authority or client id");
  return { scope: "openid email profile", ...config } as RuntimeConfig;
}
