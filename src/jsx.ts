/**
 * `ofd-signer/jsx`: `<ofd-signer>` in React's JSX (React 19, which passes properties and `on<event>` listeners to
 * custom elements), its attributes and events typed. Types only; add once to a project, e.g. in a `.d.ts` file:
 * `import type {} from 'ofd-signer/jsx';`.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  OfdApprovedEvent,
  OfdCertificateChangeEvent,
  OfdErrorEvent,
  OfdReadyEvent,
  OfdRejectedEvent,
  OfdSentEvent,
  OfdSignedEvent,
  OfdStatusEvent,
} from './widget/events/index.js';
import type { OfdSignerElement } from './widget/ofd-signer.js';
import type { OfdClientPort, SignerAdapterPort } from './widget/ports.js';

/** The element's attributes as written in markup (see docs/widget.md). */
export interface OfdSignerAttributes {
  'application-id'?: string;
  /** Several applications in one sitting, comma-separated. */
  'application-ids'?: string;
  ticket?: string;
  'api-base'?: string;
  lang?: 'ru' | 'en' | (string & {});
  'signature-mode'?: 'attached' | 'detached';
  'content-mode'?: 'as-is' | 'decoded';
  'poll-interval'?: number | string;
  /** The partner's name, shown in the line under the title. */
  'partner-name'?: string;
}

/** React 19 adds a listener for `<event-name>` for every `on<event-name>` prop of a custom element. */
export interface OfdSignerEventProps {
  'onofd-ready'?: (event: OfdReadyEvent) => void;
  'onofd-certificate-change'?: (event: OfdCertificateChangeEvent) => void;
  'onofd-signed'?: (event: OfdSignedEvent) => void;
  'onofd-sent'?: (event: OfdSentEvent) => void;
  'onofd-status'?: (event: OfdStatusEvent) => void;
  'onofd-approved'?: (event: OfdApprovedEvent) => void;
  'onofd-rejected'?: (event: OfdRejectedEvent) => void;
  'onofd-error'?: (event: OfdErrorEvent) => void;
}

/** Properties React 19 sets on the element (objects cannot be attributes). */
export interface OfdSignerProperties {
  adapter?: SignerAdapterPort;
  client?: OfdClientPort;
}

export type OfdSignerJsxProps = DetailedHTMLProps<HTMLAttributes<OfdSignerElement>, OfdSignerElement> &
  OfdSignerAttributes &
  OfdSignerEventProps &
  OfdSignerProperties;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'ofd-signer': OfdSignerJsxProps;
    }
  }
}
