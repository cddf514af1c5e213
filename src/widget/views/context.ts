import type { JourneyController } from '../journey/controller.js';
import type { Lang, Messages } from '../i18n/index.js';

/** What a view reads and the actions it may call; views are pure functions of it. */
export interface ViewContext {
  journey: JourneyController;
  lang: Lang;
  m: Messages;
  /** The partner's name (the `partner-name` attribute), shown in the context line. */
  partner: string;
  /** The certificate filter's text. */
  filter: string;
  setFilter(value: string): void;
  /** Opens a file of `applicationId` behind the proxy. */
  openFile(event: MouseEvent, href: string, applicationId: string): void;
  /** Resolves once the element has rendered what the journey shows now (to move focus into it). */
  rendered(): Promise<unknown>;
  /** Focuses the element matching `selector` as soon as a render shows it (e.g. a button that appears later). */
  focusWhenShown(selector: string): void;
}
