import type { ScenarioResult } from './scenarios.ts';

// The rooms part of `npm run bench` as Markdown tables: each metric for CodeStream and the
// reference server in the same run, their ratio, and the targets of issue #9.

export interface ScenarioPair {
  label: string;
  codestream: ScenarioResult;
  reference: ScenarioResult;
}

const MiB = 1024 * 1024;
const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const ratio = (codestream: number, reference: number) =>
  Number.isFinite(codestream) && Number.isFinite(reference) && reference > 0
    ? `${(codestream / reference).toFixed(2)}×`
    : '—';

function rows(pair: ScenarioPair): string[][] {
  const { codestream: cs, reference: ref } = pair;
  const out: string[][] = [];
  const add = (metric: string, csText: string, refText: string, ratioText: string) =>
    out.push([pair.label, metric, csText, refText, ratioText]);
  if (cs.typing && ref.typing) {
    add(
      'keystroke → peer p50 ms',
      fixed(cs.typing.p50Ms, 1),
      fixed(ref.typing.p50Ms, 1),
      ratio(cs.typing.p50Ms, ref.typing.p50Ms),
    );
    add(
      'keystroke → peer p99 ms',
      fixed(cs.typing.p99Ms, 1),
      fixed(ref.typing.p99Ms, 1),
      ratio(cs.typing.p99Ms, ref.typing.p99Ms),
    );
  }
  add(
    'connect + sync, all sockets, s',
    fixed(cs.connectSeconds, 2),
    fixed(ref.connectSeconds, 2),
    ratio(cs.connectSeconds, ref.connectSeconds),
  );
  add('sockets synced', `${cs.synced} / ${cs.sockets}`, `${ref.synced} / ${ref.sockets}`, '');
  const cpuSeconds = (result: ScenarioResult) =>
    `${fixed(result.connectCpu.server, 2)} + ${fixed(result.connectCpu.database, 2)} + ${fixed(result.connectCpu.generator, 2)}`;
  add('connecting: CPU s of server + database + load generator', cpuSeconds(cs), cpuSeconds(ref), '');
  if (cs.typing && ref.typing) {
    const lost = (t: NonNullable<ScenarioResult['typing']>) => `${t.lost} of ${t.expected}`;
    add('lost deliveries', lost(cs.typing), lost(ref.typing), '');
    add('sockets dropped after sync', String(cs.typing.drops), String(ref.typing.drops), '');
  }
  const cpu = cs.usage.serverCpuPercent;
  const refCpu = ref.usage.serverCpuPercent;
  add('server CPU, % of one core', fixed(cpu, 1), fixed(refCpu, 1), ratio(cpu, refCpu));
  add('database share CPU, % of one core', fixed(cs.usage.childrenCpuPercent, 1), '—', '');
  add(
    'server + database CPU, %',
    fixed(cpu + cs.usage.childrenCpuPercent, 1),
    fixed(refCpu, 1),
    ratio(cpu + cs.usage.childrenCpuPercent, refCpu),
  );
  add('load generator CPU, % of one core', fixed(cs.generatorCpuPercent, 0), fixed(ref.generatorCpuPercent, 0), '');
  const rss = cs.usage.serverRssBytes / MiB;
  const refRss = ref.usage.serverRssBytes / MiB;
  add('server RSS MiB', fixed(rss, 0), fixed(refRss, 0), ratio(rss, refRss));
  add('database RSS MiB', fixed(cs.usage.childrenRssBytes / MiB, 0), '—', '');
  return out;
}

function table(header: string[], body: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
}

export function resultsTable(pairs: ScenarioPair[]): string {
  return table(['scenario', 'metric', 'CodeStream', 'reference', 'CodeStream / reference'], pairs.flatMap(rows));
}

/** The targets of issue #9, each met or not in this run ('' when no scenario measured them). */
export function targetsTable(at1000: ScenarioPair | undefined, at2000: ScenarioPair | undefined): string {
  const verdict = (met: boolean) => (met ? 'met' : 'not met');
  const body: string[][] = [];
  if (at1000?.codestream.typing && at1000.reference.typing) {
    const { codestream: cs, reference: ref } = at1000;
    const csTyping = at1000.codestream.typing;
    const refTyping = at1000.reference.typing;
    body.push([
      'p99 at 1,000 sockets ≤ the reference’s',
      `${fixed(csTyping.p99Ms, 1)} vs ${fixed(refTyping.p99Ms, 1)} ms`,
      verdict(csTyping.p99Ms <= refTyping.p99Ms),
    ]);
    body.push([
      'connect + sync of 1,000 sockets ≤ the reference’s',
      `${fixed(cs.connectSeconds, 2)} vs ${fixed(ref.connectSeconds, 2)} s`,
      verdict(cs.connectSeconds <= ref.connectSeconds),
    ]);
    // The reference keeps nothing: the database's share is CodeStream's to spend on top.
    body.push([
      'server CPU at 1,000 sockets ≤ the reference’s + the database’s share',
      `${fixed(cs.usage.serverCpuPercent + cs.usage.childrenCpuPercent, 0)} % vs ${fixed(ref.usage.serverCpuPercent, 0)} + ${fixed(cs.usage.childrenCpuPercent, 0)} %`,
      verdict(cs.usage.serverCpuPercent <= ref.usage.serverCpuPercent),
    ]);
  }
  if (at2000?.codestream.typing) {
    const cs = at2000.codestream;
    body.push([
      '2,000 sockets all synced, 0 lost',
      `${cs.synced} / ${cs.sockets} synced, ${cs.typing?.lost} lost`,
      verdict(cs.synced === cs.sockets && cs.typing?.lost === 0),
    ]);
  }
  if (body.length === 0) return '';
  return table(['target (issue #9)', 'this run (CodeStream vs reference)', ''], body);
}
