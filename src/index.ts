/**
 * `ofd-signer`: the `<ofd-signer>` element. Importing this module registers it (safely: a second copy on the
 * same page does not throw). The plug-in adapter is `ofd-signer/plugin`, the emulator `ofd-signer/testing`.
 */
import { defineOfdSigner } from './widget/define.js';

export { OfdSignerElement } from './widget/ofd-signer.js';
export { defineOfdSigner } from './widget/define.js';
export * from './widget/events/index.js';
export type { StepName } from './widget/views/frame.js';
export type {
  CertificateChoice,
  ContentMode,
  OfdClientPort,
  RegistrationReport,
  SignatureMode,
  SignerAdapterPort,
  SignerNames,
} from './widget/ports.js';
export type { Lang } from './widget/i18n/index.js';
export type { WidgetErrorCode } from './widget/errors/widget-error.js';

defineOfdSigner();
