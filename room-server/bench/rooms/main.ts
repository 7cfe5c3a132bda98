// The rooms part of `npm run bench`: CodeStream and y-websocket 1.5.4's reference server,
// one after the other under the same load of stock y-websocket clients, in one run.
// `BENCH_ROOMS_QUICK=1` runs a short version (see readSettings).
import { startCodeStreamServer } from './codestreamServer.ts';
import { startReferenceServer } from './referenceServer.ts';
import { resultsTable, type ScenarioPair, targetsTable } from './report.ts';
import { CLIENTS_PER_ROOM, EDITORS_PER_ROOM, EDITS_PER_SECOND, type LoadSettings, runScenario } from './scenarios.ts';

function readSettings(env: NodeJS.ProcessEnv) {
  const quick = env.BENCH_ROOMS_QUICK === '1';
  const number = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
    return value;
  };
  const socketCounts = (env.BENCH_ROOMS_SOCKETS ?? (quick ? '200,1000' : '200,1000,2000')).split(',').map(Number);
  if (socketCounts.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw new Error('BENCH_ROOMS_SOCKETS must be comma-separated socket counts');
  }
  return {
    socketCounts,
    typingSeconds: number('BENCH_ROOMS_SECONDS', quick ? 5 : 30),
    idleSockets: number('BENCH_IDLE_SOCKETS', quick ? 1000 : 5000),
    idleSeconds: number('BENCH_IDLE_SECONDS', quick ? 10 : 60),
    load: {
      // Two threads on this 2-core machine: enough that one thread's event loop is not the
      // bottleneck, few enough to leave the servers their share.
      threads: number('BENCH_LOAD_THREADS', 2),
      connectTimeoutMs: number('BENCH_CONNECT_TIMEOUT_SECONDS', 60) * 1000,
      graceMs: number('BENCH_GRACE_SECONDS', 5) * 1000,
    } satisfies LoadSettings,
  };
}

const settings = readSettings(process.env);
const say = (message: string) => console.error(`==> rooms: ${message}`);

async function pair(label: string, sockets: number, phase: { typingMs: number } | { idleMs: number }) {
  say(`${label}, reference server`);
  const reference = await runScenario(startReferenceServer, sockets, phase, settings.load);
  say(`${label}, CodeStream`);
  const codestream = await runScenario(startCodeStreamServer, sockets, phase, settings.load);
  return { label, codestream, reference } satisfies ScenarioPair;
}

const count = (n: number) => n.toLocaleString('en-US');
const typing = new Map<number, ScenarioPair>();
for (const sockets of settings.socketCounts) {
  typing.set(
    sockets,
    await pair(`${count(sockets)} sockets typing`, sockets, { typingMs: settings.typingSeconds * 1000 }),
  );
}
const idle = await pair(`${count(settings.idleSockets)} sockets idle`, settings.idleSockets, {
  idleMs: settings.idleSeconds * 1000,
});

console.log(
  `\nRooms of ${CLIENTS_PER_ROOM} sockets: ${EDITORS_PER_ROOM} typing ${EDITS_PER_SECOND} edits/s each for ` +
    `${settings.typingSeconds} s, the others watching; idle sockets held ${settings.idleSeconds} s; ` +
    `${settings.load.threads} load threads.\n`,
);
console.log(resultsTable([...typing.values(), idle]));
const targets = targetsTable(typing.get(1000), typing.get(2000));
if (targets) console.log(`\n${targets}`);
