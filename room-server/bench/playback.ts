// `npm run bench -- playback`: a generated 60-minute session of 20,000 updates stored in
// the embedded database as a room stores it; times building its playback index from the
// database and seeking to random moments, and checks every rebuilt text.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/database.ts';
import { EmbeddedMongo } from '../src/db/EmbeddedMongo.ts';
import { loadPlaybackIndex } from '../src/rooms/playback/loadPlaybackIndex.ts';
import { PlaybackIndex } from '../src/rooms/playback/PlaybackIndex.ts';
import { playbackTimeline } from '../src/rooms/playback/playbackTimeline.ts';
import { typingSession } from '../src/rooms/testing/typingSession.ts';

const UPDATES = 20_000;
const SEEKS = 50;
const SESSION_MS = 60 * 60_000;
const ROOM = 'benchPlaybackRoom0001';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

// Seek targets spread over the whole session (a fixed seed, so every run seeks the same).
let state = 7;
const next = () => {
  state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
  return state / 4_294_967_296;
};
const targets = [0, UPDATES, ...Array.from({ length: SEEKS - 2 }, () => Math.floor(next() * (UPDATES + 1)))];

let started = performance.now();
const session = typingSession({
  updates: UPDATES,
  authors: ['u:bench-host', 'g:Candidate'],
  durationMs: SESSION_MS,
  startAt: Date.UTC(2026, 11, 1, 9),
  keepTextsAt: targets,
  randomSeed: 42,
});
const generateMs = performance.now() - started;

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'codestream-bench-playback-'));
const mongo = await EmbeddedMongo.start({ binary: '.cache/bin/ferretdb', dataDir });
try {
  const database = await openDatabase({ uri: mongo.uri, dbName: 'bench_playback' });
  try {
    // Stored as a room stores it: the record with its seed, snapshot 0, the log in the
    // update log writer's batches, a snapshot every 500 updates.
    const record = await database.rooms.create({
      _id: ROOM,
      language: 'python',
      ownerId: 'bench-host',
      problemSlug: null,
      doc: session.seed,
    });
    started = performance.now();
    await database.roomSnapshots.append([{ room: ROOM, seq: 0, at: record.createdAt, doc: session.seed }]);
    for (let start = 0; start < session.entries.length; start += 500) {
      await database.roomUpdates.append(
        session.entries.slice(start, start + 500).map(({ seq, at, author, update }) => ({
          room: ROOM,
          seq,
          at: new Date(at),
          author: author.startsWith('u:') ? { userId: author.slice(2) } : { guest: author.slice(2) },
          update,
        })),
      );
    }
    await database.roomSnapshots.append(session.snapshots.map((snapshot) => ({ ...snapshot, room: ROOM })));
    const storeMs = performance.now() - started;
    // A room stored cleanly after the session: its record holds the last state.
    const stored = { ...record, docSeq: UPDATES, doc: record.doc };

    started = performance.now();
    const index = await loadPlaybackIndex(database, stored);
    const loadMs = performance.now() - started;
    started = performance.now();
    const inMemory = new PlaybackIndex({ seq: 0, at: record.createdAt.getTime(), doc: session.seed });
    inMemory.extend(session.entries);
    const buildMs = performance.now() - started;
    if (index.lastSeq !== UPDATES || index.firstSeq !== 0) {
      throw new Error(`playback index holds ${index.firstSeq}..${index.lastSeq}, not 0..${UPDATES}`);
    }

    const seekMs: number[] = [];
    for (const seq of targets) {
      const begin = performance.now();
      const moment = index.moment(seq);
      seekMs.push(performance.now() - begin);
      if (moment.code !== session.texts.get(seq)) {
        throw new Error(`playback rebuilt the wrong text at seq ${seq} (${moment.code.length} characters)`);
      }
    }
    started = performance.now();
    const timelineJson = JSON.stringify(
      playbackTimeline({ room: record, index, runs: [], submissions: [], events: [], chat: [], userNames: new Map() }),
    );
    const timelineMs = performance.now() - started;
    const sorted = [...seekMs].sort((a, b) => a - b);
    const finalLength = session.texts.get(UPDATES)?.length ?? 0;
    console.log(
      `\nplayback: ${UPDATES} updates by 2 authors over 60 min, final code ${finalLength} characters;` +
        ` generated in ${generateMs.toFixed(0)} ms, stored in ${storeMs.toFixed(0)} ms`,
    );
    console.log('\n| playback of a 20,000-update session | ms |\n|---|---|');
    console.log(`| build the index from the database (read the log + replay) | ${loadMs.toFixed(0)} |`);
    console.log(`| build the index from the log in memory (replay only) | ${buildMs.toFixed(0)} |`);
    console.log(
      `| the timeline's JSON (every update's time and author): ${(timelineJson.length / 1024).toFixed(0)} KiB | ${timelineMs.toFixed(0)} |`,
    );
    console.log(
      `| seek to a moment (${SEEKS} moments, every text checked) p50 / p95 / max | ${percentile(sorted, 50).toFixed(1)} / ${percentile(sorted, 95).toFixed(1)} / ${(sorted.at(-1) ?? 0).toFixed(1)} |`,
    );
  } finally {
    await database.close();
  }
} finally {
  await mongo.close();
  await rm(dataDir, { recursive: true, force: true });
}
