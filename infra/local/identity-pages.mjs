// The local provider's own pages: a sign-in form for the development accounts and the sign-out
// step. Plain HTML with no script, styled inline (this is the provider's origin, not the app's).
const style = `body{font:16px/1.5 system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}
label{display:block;margin-top:1rem}input{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}
button{margin-top:1.25rem;padding:.5rem 1rem;font:inherit}.error{color:#b00020}.hint{color:#555;font-size:.9rem}`;

const escape = (value) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title><link rel="icon" href="data:,"><style>${style}</style></head><body><main>${body}</main></body></html>`;
}

export function signInPage(res, uid, error, status = 200) {
  res.statusCode = status;
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.setHeader("cache-control", "no-store");
  res.end(page("Sign in to TodoApp", `<h1>Sign in to TodoApp</h1>
<p class="hint">Local accounts: alice, bob or carol (or any new name), password <code>password</code>.</p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ""}
<form method="post" action="/interaction/${escape(uid)}/login" autocomplete="off">
<label for="username">User name or e-mail</label><input id="username" name="username" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" required>
<button type="submit">Sign in</button></form>`));
}

/** Cognito signs out without asking; so does this page (the form posts itself, with a button as fallback). */
export function signOutPage(ctx, form) {
  const autoSubmit = form.replace("<form ", '<form data-auto ');
  ctx.type = "html";
  ctx.body = page("Signing out", `<h1>Signing out…</h1>${autoSubmit}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
<script>document.forms[0].insertAdjacentHTML("beforeend",'<input type="hidden" name="logout" value="yes">');document.forms[0].submit()</script>`);
}

export function errorPage(ctx, out) {
  ctx.type = "html";
  ctx.body = page("Sign-in error", `<h1>Sign-in error</h1><p>${escape(out.error)}: ${escape(out.error_description ?? "")}</p>`);
}
