import type { LanguageSpec, RunLimits } from '@codestream/shared';
import type Docker from 'dockerode';

/** uid/gid of the `runner` user of the sandbox image (sandbox/Dockerfile). */
export const SANDBOX_UID = 10001;
export const WORK_DIR = '/work';
/** PID 1 of every sandbox: the runner helper built into the image (sandbox/runner). */
export const RUNNER_PATH = '/usr/local/bin/csrunner';

export const Labels = {
  /** Marks every container the judge creates, so stale ones can be found. */
  sandbox: 'codestream.sandbox',
  /** Id of the judge that created the container: a judge worker's stable JUDGE_WORKER_ID, else random per DockerJudge. */
  judge: 'codestream.judge',
  /** Epoch ms after which the container can only be left over from a crashed judge. */
  deadline: 'codestream.deadline',
  /** Language the container was made for (pooled containers wait for a job of it). */
  language: 'codestream.language',
  /** "1" on containers created ahead of demand by the warm pool. */
  pooled: 'codestream.pooled',
} as const;

/** How long past its time limit a container may exist before a sweep treats it as stale. */
export const STALE_GRACE_MS = 60_000;

/** Per-container settings that do not come from a request. */
export interface SandboxSettings {
  pidsLimit: number;
  cpus: number;
  workDirMb: number;
  /** Small scratch /tmp (compilers write temporary files there). */
  tmpDirMb: number;
  nofile: number;
  judgeId: string;
  /**
   * The container's memory (+ swap) limit: the host's backstop, sized for the largest
   * test limit or the compiler, whichever is more, plus the tmpfs mounts (their pages
   * count too). Each test's own limit is enforced by the runner on the program's peak
   * resident memory, so one container size serves every problem (see WarmPool).
   */
  containerMemoryMb: number;
}

const MB = 1024 * 1024;

export function sandboxContainerSpec(options: {
  language: LanguageSpec;
  settings: SandboxSettings;
  /** Epoch ms after which the container is stale (see Labels.deadline). */
  deadline: number;
  pooled?: boolean;
}): Docker.ContainerCreateOptions {
  const { language, settings } = options;
  const memory = settings.containerMemoryMb * MB;
  const nofile = language.sandbox?.nofile ?? settings.nofile;
  return {
    Image: language.image,
    Cmd: [RUNNER_PATH],
    // Docker still adds PATH and HOSTNAME to the runner; programs get only the
    // environment the runner is told (the language's env).
    Env: [],
    User: `${SANDBOX_UID}:${SANDBOX_UID}`,
    WorkingDir: WORK_DIR,
    Hostname: 'sandbox',
    // Same empty network namespace (only `lo`) as NetworkMode 'none', without the
    // ~100 ms network hook per start.
    NetworkDisabled: true,
    Tty: false,
    // The runner reads its commands on stdin; StdinOnce: our closing it ends the runner.
    OpenStdin: true,
    StdinOnce: true,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Labels: {
      [Labels.sandbox]: '1',
      [Labels.judge]: settings.judgeId,
      [Labels.deadline]: String(options.deadline),
      [Labels.language]: language.id,
      ...(options.pooled ? { [Labels.pooled]: '1' } : {}),
    },
    HostConfig: {
      ReadonlyRootfs: true,
      Tmpfs: {
        // uid/gid: runc re-applies the mode of an existing mount point (the image's
        // /work is 0755), so mode=1777 alone left a root-owned, unwritable /work.
        // exec: compiled languages run their binaries from here.
        [WORK_DIR]: `rw,exec,nosuid,nodev,size=${settings.workDirMb}m,mode=1777,uid=${SANDBOX_UID},gid=${SANDBOX_UID}`,
        '/tmp': `rw,noexec,nosuid,nodev,size=${settings.tmpDirMb}m,mode=1777`,
      },
      // A private IPC namespace and a small /dev/shm: the runner wipes both between tests.
      IpcMode: 'private',
      ShmSize: settings.tmpDirMb * MB,
      // Equal values: no swap, so the memory limit is the whole budget (tmpfs pages count too).
      Memory: memory,
      MemorySwap: memory,
      PidsLimit: language.sandbox?.pidsLimit ?? settings.pidsLimit,
      NanoCpus: Math.round(settings.cpus * 1e9),
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      Ulimits: [
        // Docker's default nofile is 1,048,576.
        { Name: 'nofile', Soft: nofile, Hard: nofile },
        // Files the program writes can never exceed its work dir anyway; this fails fast.
        { Name: 'fsize', Soft: settings.workDirMb * MB, Hard: settings.workDirMb * MB },
        // A crash must not hand a core file to the host's core_pattern handler.
        { Name: 'core', Soft: 0, Hard: 0 },
      ],
      // Output reaches us only through attach; a log driver would store floods on disk.
      LogConfig: { Type: 'none', Config: {} },
      AutoRemove: false,
      Privileged: false,
    },
  };
}

/** The request's limits, defaulted to and clamped by the judge's maxima. */
export function resolveLimits(requested: Partial<RunLimits> | undefined, max: RunLimits): RunLimits {
  return {
    timeMs: Math.min(requested?.timeMs ?? max.timeMs, max.timeMs),
    memoryMb: Math.min(requested?.memoryMb ?? max.memoryMb, max.memoryMb),
    outputBytes: Math.min(requested?.outputBytes ?? max.outputBytes, max.outputBytes),
  };
}
