import type { LanguageSpec, RunLimits, RunRequest } from '@codestream/shared';
import type Docker from 'dockerode';

/** uid/gid of the `runner` user of the sandbox image (sandbox/Dockerfile). */
export const SANDBOX_UID = 10001;
export const WORK_DIR = '/work';

export const Labels = {
  /** Marks every container the judge creates, so stale ones can be found. */
  sandbox: 'codestream.sandbox',
  /** Id of the DockerJudge instance that created the container. */
  judge: 'codestream.judge',
  /** Epoch ms after which the container can only be left over from a crashed judge. */
  deadline: 'codestream.deadline',
} as const;

/** How long past its time limit a container may exist before a sweep treats it as stale. */
export const STALE_GRACE_MS = 60_000;

/** Per-run settings that do not come from the request. */
export interface SandboxSettings {
  pidsLimit: number;
  cpus: number;
  workDirMb: number;
  /** Small scratch /tmp (compilers write temporary files there). */
  tmpDirMb: number;
  nofile: number;
  judgeId: string;
}

/**
 * The container's command. The client writes `<byte length>\n<code><stdin>` to the
 * attached stdin: `read` takes the length line (dash reads a pipe byte by byte, so it
 * never consumes past the newline), GNU `head -c n` reads exactly n bytes into the source
 * file (it never asks read() for more than it still needs), and the rest of the stream
 * stays the program's stdin. `env -i` drops the PATH/HOSTNAME Docker injects, and `exec`
 * makes the program PID 1 so the exit status Docker reports is its own.
 * Positional parameters ($1 file name, then argv) avoid quoting user-visible strings.
 */
const BOOT_SCRIPT = 'IFS= read -r n && /usr/bin/head -c "$n" > "$1" && shift && exec /usr/bin/env -i "$@"';

export function sandboxCommand(language: LanguageSpec): string[] {
  return ['/bin/sh', '-c', BOOT_SCRIPT, 'sh', language.fileName, ...language.run];
}

/** The bytes written to the container's stdin: length line, source, then the program's stdin. */
export function stdinPayload(request: Pick<RunRequest, 'code' | 'stdin'>): Buffer {
  const code = Buffer.from(request.code, 'utf8');
  return Buffer.concat([Buffer.from(`${code.byteLength}\n`, 'ascii'), code, Buffer.from(request.stdin, 'utf8')]);
}

const MB = 1024 * 1024;

export function sandboxContainerSpec(options: {
  language: LanguageSpec;
  limits: RunLimits;
  settings: SandboxSettings;
  now: number;
}): Docker.ContainerCreateOptions {
  const { language, limits, settings } = options;
  const memory = limits.memoryMb * MB;
  return {
    Image: language.image,
    Cmd: sandboxCommand(language),
    // Docker still adds PATH and HOSTNAME; the boot script's `env -i` hides them from the program.
    Env: [],
    User: `${SANDBOX_UID}:${SANDBOX_UID}`,
    WorkingDir: WORK_DIR,
    Hostname: 'sandbox',
    // Same empty network namespace (only `lo`) as NetworkMode 'none', without the
    // ~100 ms network hook per start.
    NetworkDisabled: true,
    Tty: false,
    // StdinOnce: when our attached stdin closes, the container's stdin gets EOF.
    OpenStdin: true,
    StdinOnce: true,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Labels: {
      [Labels.sandbox]: '1',
      [Labels.judge]: settings.judgeId,
      [Labels.deadline]: String(options.now + limits.timeMs + STALE_GRACE_MS),
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
      // Equal values: no swap, so the memory limit is the whole budget (tmpfs pages count too).
      Memory: memory,
      MemorySwap: memory,
      PidsLimit: settings.pidsLimit,
      NanoCpus: Math.round(settings.cpus * 1e9),
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      Ulimits: [
        // Docker's default nofile is 1,048,576.
        { Name: 'nofile', Soft: settings.nofile, Hard: settings.nofile },
        // Files the program writes can never exceed its work dir anyway; this fails fast.
        { Name: 'fsize', Soft: settings.workDirMb * MB, Hard: settings.workDirMb * MB },
        // A crash must not hand a core file to the host's core_pattern handler.
        { Name: 'core', Soft: 0, Hard: 0 },
      ],
      // Output reaches us only through attach; a log driver would store floods on disk.
      LogConfig: { Type: 'none', Config: {} },
      // We inspect State.OOMKilled after exit and remove the container ourselves.
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
