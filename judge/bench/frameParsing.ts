import { FrameParser } from '../src/runner/runnerProtocol.ts';
import { percentile } from './stats.ts';

export interface ParsingThroughput {
  chunkBytes: number;
  frameBytes: number;
  /** Median over the samples, in MiB of runner output per second. */
  mibPerSecond: number;
  samples: number;
}

const RESULT_HEADER =
  'exited=1 code=0 signal=0 exec_errno=0 cpu_us=1 wall_us=1 maxrss_kb=1 reason=none out_total=0 err_total=0 out_truncated=0 err_truncated=0';

/**
 * How fast the judge parses a submission's result frame carrying 8 MiB of stdout (the
 * default per-test limit), fed in the chunk sizes Docker's attach stream delivers
 * (one 4 KiB Docker frame when the judge keeps up, 64 KiB reads when it is busy). No
 * Docker: this is the parser alone, so it shows whether parsing scales with the output.
 */
export function measureFrameParsing(
  options: { frameBytes?: number; chunkSizes?: number[]; samples?: number } = {},
): ParsingThroughput[] {
  const frameBytes = options.frameBytes ?? 8 * 1024 * 1024;
  const samples = options.samples ?? 5;
  const stdout = Buffer.alloc(frameBytes, 'x');
  const wire = Buffer.concat([Buffer.from(`R ${RESULT_HEADER.length} ${frameBytes} 0\n${RESULT_HEADER}`), stdout]);
  return (options.chunkSizes ?? [4096, 65_536]).map((chunkBytes) => {
    const rates: number[] = [];
    for (let i = 0; i < samples; i++) {
      const parser = new FrameParser();
      const started = performance.now();
      let frames = 0;
      for (let at = 0; at < wire.length; at += chunkBytes)
        frames += parser.push(wire.subarray(at, at + chunkBytes)).length;
      const seconds = (performance.now() - started) / 1000;
      if (frames !== 1) throw new Error(`parsed ${frames} frames, expected 1`);
      rates.push(frameBytes / (1024 * 1024) / seconds);
    }
    return { chunkBytes, frameBytes, mibPerSecond: percentile(rates, 50), samples };
  });
}
