// `npm run bench -- dashboard`: 100 rooms, 2 stock y-websocket clients typing in each, and
// one host watching all of them. In one run: the server's CPU with no dashboard, with one
// dashboard socket (and the bytes it receives), again with none, then the /dashboard page
// in Chromium (its frame times while the 100 tiles update).
import { DASHBOARD_SOCKET_PATH, PROTOCOL_VERSION } from '@codestream/shared';
import WebSocket from 'ws';
import { launchChromium } from '../../test/e2e/browser.ts';
import { startCodeStreamServer } from './rooms/codestreamServer.ts';
import { HttpSession } from './rooms/HttpSession.ts';
import { LoadGenerator } from './rooms/LoadGenerator.ts';
import { startUsageWindow } from './rooms/processStats.ts';
import { EDITS_PER_SECOND } from './rooms/scenarios.ts';

const ROOMS = Number(process.env.BENCH_DASHBOARD_ROOMS ?? 100);
const STUDENTS_PER_ROOM = 2;
const PHASE_MS = Number(process.env.BENCH_DASHBOARD_SECONDS ?? 20) * 1000;
const say = (message: string) => console.error(`==> dashboard: ${message}`);

interface Phase {
  label: string;
  serverCpuPercent: number;
  databaseCpuPercent: number;
  rssMiB: number;
  bytesPerSecond?: number;
  rawBytesPerSecond?: number;
  summariesPerSecond?: number;
  frames?: FrameStats;
}

interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  longTasks: number;
  longestTaskMs: number;
  tileUpdates: number;
}

const server = await startCodeStreamServer();
const load = await LoadGenerator.start(2);
const phases: Phase[] = [];
try {
  say(`setting up ${ROOMS} rooms of ${STUDENTS_PER_ROOM} guests`);
  const plans = await server.prepareRooms(ROOMS, STUDENTS_PER_ROOM, STUDENTS_PER_ROOM);
  const connected = await load.connect(plans, 120_000);
  if (connected.synced !== connected.sockets) throw new Error(`only ${connected.synced}/${connected.sockets} synced`);
  const admin = await new HttpSession(server.url).signIn(server.admin.email, server.admin.password);

  /** Everyone types for PHASE_MS while `during` runs; the server's CPU over exactly that time. */
  async function typingPhase(label: string, during?: () => Promise<Partial<Phase>>): Promise<Phase> {
    say(`${label}: typing ${PHASE_MS / 1000} s`);
    const usage = startUsageWindow(server.pid);
    const typed = load.type({
      editors: STUDENTS_PER_ROOM,
      editsPerSecond: EDITS_PER_SECOND,
      durationMs: PHASE_MS,
      graceMs: 0,
      lineBreaks: true,
    });
    // Typing ends by itself: a failure of `during` waits for it, so the load is closed idle.
    const extra = await Promise.resolve(during?.()).finally(() => typed);
    await typed;
    const window = usage.end();
    const phase = {
      ...extra,
      label,
      serverCpuPercent: window.serverCpuPercent,
      databaseCpuPercent: window.childrenCpuPercent,
      rssMiB: window.serverRssBytes / 2 ** 20,
    };
    phases.push(phase);
    return phase;
  }

  // Typing starts before anything is measured: rooms load and the doc sizes settle.
  await typingPhase('warm-up (not reported)');
  phases.pop();
  await typingPhase('no dashboard');

  const roomIds = plans.map((plan) => plan.room);
  const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}${DASHBOARD_SOCKET_PATH}?v=${PROTOCOL_VERSION}`, {
    headers: { cookie: admin.cookieHeader, origin: server.url },
    perMessageDeflate: true,
  });
  let decoded = 0;
  let summaries = 0;
  socket.on('message', (data) => {
    const text = data.toString();
    decoded += Buffer.byteLength(text);
    const message = JSON.parse(text) as { type: string; summaries?: unknown[] };
    summaries += message.summaries?.length ?? 0;
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ type: 'watch', roomIds }));
  // The first frame (every room) is not part of the steady state.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  await typingPhase(`one dashboard socket (${ROOMS} rooms)`, async () => {
    const wire = () => (socket as unknown as { _socket: { bytesRead: number } })._socket.bytesRead;
    const [wireBefore, decodedBefore, summariesBefore, startedAt] = [wire(), decoded, summaries, performance.now()];
    await new Promise((resolve) => setTimeout(resolve, PHASE_MS));
    const seconds = (performance.now() - startedAt) / 1000;
    return {
      bytesPerSecond: (wire() - wireBefore) / seconds,
      rawBytesPerSecond: (decoded - decodedBefore) / seconds,
      summariesPerSecond: (summaries - summariesBefore) / seconds,
    };
  });
  socket.close();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await typingPhase('no dashboard, again');

  say('opening /dashboard in Chromium');
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    // tsx compiles measureFrames keeping function names through a `__name` helper the page lacks.
    await page.addInitScript('window.__name = (fn) => fn');
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-email').fill(server.admin.email);
    await page.getByTestId('login-password').fill(server.admin.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('user-badge').waitFor();
    // The same page load and typing without a dashboard: the machine's own frame noise.
    await typingPhase('home page in Chromium (no dashboard)', async () => ({
      frames: await page.evaluate(measureFrames, PHASE_MS),
    }));
    await page.goto(`${server.url}/dashboard`);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="room-tile"]').length >= n, ROOMS, {
      timeout: 60_000,
    });
    await typingPhase('/dashboard page in Chromium', async () => ({
      frames: await page.evaluate(measureFrames, PHASE_MS),
    }));
  } finally {
    await browser.close();
  }
} finally {
  await load.close();
  await server.close();
}

/** In the page: rAF intervals and long tasks over `ms`, and how many tiles' texts changed (DOM mutations). */
function measureFrames(ms: number): Promise<FrameStats> {
  return new Promise((resolve) => {
    const intervals: number[] = [];
    const longTasks: number[] = [];
    let tileUpdates = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    });
    observer.observe({ entryTypes: ['longtask'] });
    const mutations = new MutationObserver((records) => {
      tileUpdates += records.length;
    });
    for (const tile of document.querySelectorAll('[data-testid="room-tile"]')) {
      mutations.observe(tile, { characterData: true, childList: true, subtree: true });
    }
    const start = performance.now();
    let last = start;
    const frame = (now: number) => {
      intervals.push(now - last);
      last = now;
      if (now - start < ms) {
        requestAnimationFrame(frame);
        return;
      }
      observer.disconnect();
      mutations.disconnect();
      const sorted = intervals.slice(1).sort((a, b) => a - b);
      const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
      resolve({
        frames: sorted.length,
        p50: at(50),
        p95: at(95),
        p99: at(99),
        max: sorted.at(-1) ?? 0,
        longTasks: longTasks.length,
        longestTaskMs: Math.max(0, ...longTasks),
        tileUpdates,
      });
    };
    requestAnimationFrame(frame);
  });
}

const fixed = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));
const baseline = phases.filter((p) => p.label.startsWith('no dashboard'));
const baseCpu = baseline.reduce((sum, p) => sum + p.serverCpuPercent, 0) / Math.max(1, baseline.length);
console.log(
  `\n${ROOMS} rooms × ${STUDENTS_PER_ROOM} stock y-websocket clients typing ${EDITS_PER_SECOND} edits/s each; ` +
    `${PHASE_MS / 1000} s per phase; server compiled (as npm start); one machine (load, server, database, Chromium).\n`,
);
console.log(
  '| phase | server CPU % of a core | database CPU % | server RSS MiB | dashboard KB/s on the wire (JSON KB/s) | summaries/s |',
);
console.log('|---|---:|---:|---:|---:|---:|');
for (const p of phases) {
  const kb =
    p.bytesPerSecond === undefined
      ? '—'
      : `${fixed(p.bytesPerSecond / 1000)} (${fixed((p.rawBytesPerSecond ?? 0) / 1000)})`;
  console.log(
    `| ${p.label} | ${fixed(p.serverCpuPercent)} | ${fixed(p.databaseCpuPercent)} | ${fixed(p.rssMiB, 0)} | ${kb} | ${fixed(p.summariesPerSecond)} |`,
  );
}
const socketPhase = phases.find((p) => p.bytesPerSecond !== undefined);
const page = phases.find((p) => p.frames && p.label.startsWith('/dashboard'))?.frames;
const homePage = phases.find((p) => p.frames && p.label.startsWith('home'))?.frames;
console.log('\n| target | measured | goal |');
console.log('|---|---:|---:|');
if (socketPhase) {
  console.log(
    `| extra server CPU with one dashboard (vs mean of the two phases without) | ${fixed(socketPhase.serverCpuPercent - baseCpu)} % of a core | ≤ 10 % |`,
  );
  console.log(
    `| bytes/s received by the dashboard | ${fixed((socketPhase.bytesPerSecond ?? 0) / 1000)} KB/s | ≤ 100 KB/s |`,
  );
}
if (page) {
  console.log(
    `| dashboard page frame interval p50 / p95 / p99 / max | ${fixed(page.p50)} / ${fixed(page.p95)} / ${fixed(page.p99)} / ${fixed(page.max)} ms | < 50 ms |`,
  );
  console.log(
    `| long tasks (> 50 ms) over ${PHASE_MS / 1000} s; longest | ${page.longTasks}; ${fixed(page.longestTaskMs)} ms | — |`,
  );
  console.log(`| frames measured; DOM mutations in tiles | ${page.frames}; ${page.tileUpdates} | — |`);
}
if (homePage) {
  console.log(
    `| home page (no dashboard) frame interval p50 / p95 / p99 / max; long tasks | ${fixed(homePage.p50)} / ${fixed(homePage.p95)} / ${fixed(homePage.p99)} / ${fixed(homePage.max)} ms; ${homePage.longTasks} | — |`,
  );
}
