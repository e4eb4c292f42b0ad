// fauxqs imports node:sqlite (Node >= 22.5) for its optional persistence, which the local host
// does not use. On Node 20 this loader hook resolves the import to a stub that only fails if
// persistence is actually asked for; on newer Node the real module is used untouched.
import { isBuiltin } from "node:module";

const stub = "export class DatabaseSync { constructor() { throw new Error('fauxqs persistence needs Node 22.5+'); } }";
const hasSqlite = isBuiltin("node:sqlite");

export async function resolve(specifier, context, next) {
  if (specifier === "node:sqlite" && !hasSqlite) {
    return { url: "data:text/javascript," + encodeURIComponent(stub), shortCircuit: true };
  }
  return next(specifier, context);
}
