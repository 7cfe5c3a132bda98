import { DEFAULT_LANGUAGE, findLanguage, type LanguageId, type RoomSettings } from '@codestream/shared';
import type { Logger } from '../log/logger.ts';
import type { RoomRecord } from './RoomRepository.ts';
import type { RoomStore } from './RoomStore.ts';

export interface RoomSettingsHolderOptions {
  record: Pick<RoomRecord, '_id' | 'language'>;
  store: Pick<RoomStore, 'setLanguage'>;
  log: Logger;
}

/**
 * The room's settings, held by the server: changed only through validated app messages,
 * stored at once (one single-document update each, in order).
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
    // Rooms made before settings left the doc kept the language on the record too (saved with every store).
    const language = findLanguage(options.record.language) ? options.record.language : DEFAULT_LANGUAGE;
    this.settings = { language };
  }

  get current(): RoomSettings {
    return this.settings;
  }

  /** Changes the language and stores it; false when it already was `language`. */
  setLanguage(language: LanguageId): boolean {
    if (this.settings.language === language) return false;
    this.settings = { ...this.settings, language };
    this.storing = this.storing.then(() =>
      this.store
        .setLanguage(this.roomId, language)
        .catch((err) => this.log.error({ err, roomId: this.roomId }, 'storing room language failed')),
    );
    return true;
  }

  /** Resolves when every change so far is stored (or failed and was logged). */
  flush(): Promise<void> {
    return this.storing;
  }
}
