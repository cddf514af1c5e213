import type { JourneyController } from '../journey/controller.js';
import type { Lang, Messages } from '../i18n/index.js';

/** What a view reads and the actions it may call; views are pure functions of it. */
export interface ViewContext {
  journey: JourneyController;
  lang: Lang;
  m: Messages;
  /** The certificate filter's text. */
  filter: string;
  setFilter(value: string): void;
  /** Opens a file of `applicationId` behind the proxy. */
  openFile(event: MouseEvent, href: string, applicationId: string): void;
}
