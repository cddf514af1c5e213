export * from './types.js';
export * from './envelope.js';
export * from './errors/index.js';
export * from './messages.js';
export { createOfdClient } from './client.js';
export type {
  OfdClient,
  OfdClientOptions,
  OfdClientRetryOptions,
  RegistrationReportInput,
  RequestOptions,
} from './client.js';
