import type { ClassInfo } from '@codestream/shared';
import type { ClassRecord } from './ClassRepository.ts';

/** What every room of the class shows of it. */
export function classInfoOf(record: ClassRecord): ClassInfo {
  return {
    classId: record._id,
    title: record.title,
    message: record.message && { ...record.message, at: record.message.at.getTime() },
    timer: record.timer && {
      durationMinutes: record.timer.durationMinutes,
      startedAt: record.timer.startedAt?.getTime() ?? null,
    },
  };
}
