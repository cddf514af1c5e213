export { createOfdReadyEvent, type OfdReadyEvent, type OfdReadyDetail } from './ofd-ready.js';
export { createOfdCertificateChangeEvent, type OfdCertificateChangeEvent, type OfdCertificateChangeDetail } from './ofd-certificate-change.js';
export { createOfdSignedEvent, type OfdSignedEvent, type OfdSignedDetail } from './ofd-signed.js';
export { createOfdSentEvent, type OfdSentEvent, type OfdSentDetail } from './ofd-sent.js';
export { createOfdStatusEvent, type OfdStatusEvent, type OfdStatusDetail } from './ofd-status.js';
export { createOfdApprovedEvent, type OfdApprovedEvent, type OfdApprovedDetail } from './ofd-approved.js';
export { createOfdRejectedEvent, type OfdRejectedEvent, type OfdRejectedDetail } from './ofd-rejected.js';
export { createOfdErrorEvent, type OfdErrorEvent, type OfdErrorDetail } from './ofd-error.js';
