import { h, mount } from "../dom";
import type { Session } from "./session";

/** The header's account area: who is signed in, and the way out. */
export function showAccount(slot: HTMLElement, session: Session): void {
  mount(slot,
    h("span", { class: "account-email", title: "Signed in as" }, session.email),
    h("button", { type: "button", class: "link-button sign-out", onclick: () => void session.signOut() }, "Sign out"));
}

export function signedOutPage(root: HTMLElement, signIn: () => void): void {
  mount(root, h("section", { class: "state" },
    h("h2", {}, "You are signed out"),
    h("p", {}, "Sign in again to see your todos and orders."),
    h("button", { type: "button", class: "button-primary", onclick: signIn }, "Sign in")));
}
