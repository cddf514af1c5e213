import { apiEn, apiRu, installApiSentences } from './messages.js';
export * from './types.js';
export * from './envelope.js';
export * from './errors/index.js';
export * from './messages.js';

// The API's public index speaks both languages; the widget installs each with its own catalogue instead.
installApiSentences('ru', apiRu);
installApiSentences('en', apiEn);
export { createOfdClient } from './client.js';
export type {
  OfdClient,
  OfdClientOptions,
  OfdClientRetryOptions,
  RegistrationReportInput,
  RequestOptions,
} from './client.js';
