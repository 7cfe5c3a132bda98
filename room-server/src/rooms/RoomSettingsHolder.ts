import {
  DEFAULT_LANGUAGE,
  DEFAULT_ROOM_CONTROLS,
  DEFAULT_ROOM_SESSION,
  findLanguage,
  type LanguageId,
  type RoomControls,
  type RoomSession,
  type RoomSettings,
} from '@codestream/shared';
import type { Logger } from '../log/logger.ts';
import type { RoomRecord } from './RoomRepository.ts';
import type { RoomStore } from './RoomStore.ts';

export interface RoomSettingsHolderOptions {
  record: Pick<RoomRecord, '_id' | 'language' | 'controls' | 'session'>;
  store: Pick<RoomStore, 'setLanguage'>;
  log: Logger;
}

/** A room's settings as the server holds them, from its record (defaults for rooms made before them). */
export function settingsOf(record: Pick<RoomRecord, 'language' | 'controls' | 'session'>): RoomSettings {
  // Rooms made before settings left the doc kept the language on the record too (saved with every store).
  const language = findLanguage(record.language) ? record.language : DEFAULT_LANGUAGE;
  return {
    language,
    controls: { ...DEFAULT_ROOM_CONTROLS, ...record.controls },
    session: { ...DEFAULT_ROOM_SESSION, ...record.session },
  };
}

/**
 * The room's settings, held by the server. The language changes through validated app
 * messages and is stored at once (one single-document update each, in order); controls
 * and session are changed by hosts through routes, which store them before the room
 * hears of them.
 */
export class RoomSettingsHolder {
  private settings: RoomSettings;
  private readonly roomId: string;
  private readonly store: Pick<RoomStore, 'setLanguage'>;
  private readonly log: Logger;
  /** The stores in flight, chained so an older language never lands after a newer one. */
  private storing: Promise<void> = Promise.resolve();

  constructor(options: RoomSettingsHolderOptions) {
    this.roomId = options.record._id;
    this.store = options.store;
    this.log = options.log;
    this.settings = settingsOf(options.record);
  }

  get current(): RoomSettings {
    return this.settings;
  }

  /**
   * Changes the language and stores it; false when it already was `language`. A failed
   * store is tried again (doubling waits up to 5 s) until it succeeds or a newer
   * language is to be stored instead: a change the room accepted is not dropped.
   */
  setLanguage(language: LanguageId): boolean {
    if (this.settings.language === language) return false;
    this.settings = { ...this.settings, language };
    this.storing = this.storing.then(() => this.storeLanguage(language));
    return true;
  }

  private async storeLanguage(language: LanguageId): Promise<void> {
    for (let attempt = 0; this.settings.language === language; attempt++) {
      try {
        await this.store.setLanguage(this.roomId, language);
        if (attempt > 0) this.log.info({ roomId: this.roomId }, 'room language stored again');
        return;
      } catch (err) {
        this.log.error({ err, roomId: this.roomId, attempt }, 'storing room language failed; trying again');
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 100 * 2 ** attempt)));
      }
    }
  }

  /** Takes a language another server took and stores; false when it already was `language`. */
  adopt(language: LanguageId): boolean {
    if (this.settings.language === language) return false;
    this.settings = { ...this.settings, language };
    return true;
  }

  /** Takes controls and session as a host stored them. */
  replace(controls: RoomControls, session: RoomSession): void {
    this.settings = { ...this.settings, controls, session };
  }

  /** Resolves when every change so far is stored (or overtaken by a newer one). */
  flush(): Promise<void> {
    return this.storing;
  }
}
