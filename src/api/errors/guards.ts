import { OfdAccessDeniedError } from './ofd-access-denied-error.js';
import { OfdApiError } from './ofd-api-error.js';
import { OfdValidationError } from './ofd-validation-error.js';
import { ProxyError } from './proxy-error.js';
import { SignOutcomeUnknownError } from './sign-outcome-unknown-error.js';

export const isOfdApiError = (e: unknown): e is OfdApiError => e instanceof OfdApiError;
export const isOfdValidationError = (e: unknown): e is OfdValidationError => e instanceof OfdValidationError;
export const isOfdAccessDeniedError = (e: unknown): e is OfdAccessDeniedError => e instanceof OfdAccessDeniedError;
export const isProxyError = (e: unknown): e is ProxyError => e instanceof ProxyError;
export const isSignOutcomeUnknown = (e: unknown): e is SignOutcomeUnknownError =>
  e instanceof SignOutcomeUnknownError;
/** True for transient failures worth another try (never for `sign`: see SignOutcomeUnknownError). */
export const isRetryable = (e: unknown): boolean => e instanceof OfdApiError && e.retryable;
