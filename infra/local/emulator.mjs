// Starts one local AWS emulator on 127.0.0.1 and reports its port as one JSON line on stdout.
//   node emulator.mjs dynamodb [--port N] [--path DIR]
//   node emulator.mjs s3sqs    [--port N]
//   node emulator.mjs identity [--port N]   (OpenID Connect provider, see identity.mjs)
// The process exits when its standard input closes, so a parent that dies (even by SIGKILL)
// never leaves an orphaned emulator behind.
import { createRequire, register } from "node:module";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const [kind, ...rest] = process.argv.slice(2);
const args = Object.fromEntries(
  rest.reduce((pairs, value, i, all) => (value.startsWith("--") ? [...pairs, [value.slice(2), all[i + 1]]] : pairs), [])
);
const port = Number(args.port ?? 0);
const host = "127.0.0.1";

// LevelDB allows one process per data folder; a second local host would otherwise start and then
// fail on its first request. Claim the folder with a pid file and say clearly who holds it.
function claimDataFolder(path) {
  const lock = join(path, "todoapp.pid");
  try {
    const holder = Number(readFileSync(lock, "utf8"));
    if (holder && holder !== process.pid) {
      process.kill(holder, 0); // throws if that process is gone
      throw new Error(`${path} is in use by another local TodoApp (pid ${holder}). Stop it first.`);
    }
  } catch (error) {
    if (error.code !== "ENOENT" && error.code !== "ESRCH") throw error;
  }
  writeFileSync(lock, String(process.pid));
  return () => rmSync(lock, { force: true });
}

async function startDynamo() {
  const dynalite = require("dynalite");
  const release = args.path ? claimDataFolder(args.path) : () => {};
  process.on("exit", release);
  const server = dynalite({ path: args.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  return { port: server.address().port, stop: () => new Promise((r) => server.close(() => r())) };
}

async function startS3Sqs() {
  // fauxqs' own CLI binds 0.0.0.0; buildApp() lets us listen on loopback only.
  register("./sqlite-shim.mjs", import.meta.url);
  const { buildApp } = await import("fauxqs");
  const app = buildApp({ logger: false, host: `${host}` });
  await app.listen({ port, host });
  return { port: app.server.address().port, stop: () => app.close() };
}

async function startIdentityProvider() {
  const { startIdentity } = await import("./identity.mjs");
  return startIdentity({ port, host });
}

const starters = { dynamodb: startDynamo, s3sqs: startS3Sqs, identity: startIdentityProvider };
if (!starters[kind]) {
  console.error(`usage: node emulator.mjs <${Object.keys(starters).join("|")}> [--port N] [--path DIR]`);
  process.exit(2);
}

try {
  const emulator = await starters[kind]();
  process.stdout.write(JSON.stringify({ ready: true, kind, port: emulator.port }) + "\n");
  const stop = async () => {
    await emulator.stop().catch(() => {});
    process.exit(0);
  };
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.resume();
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} catch (error) {
  console.error(`${kind} emulator failed to start: ${error.message}`);
  process.exit(1);
}
