import { ProxyError } from './proxy-error.js';

/** A ticket was refused; `code` says why (TICKET_MISSING, TICKET_INVALID, TICKET_EXPIRED, TICKET_WRONG_APPLICATION). */
export class TicketError extends ProxyError {
  override name = 'TicketError';
  constructor(
    code: 'TICKET_MISSING' | 'TICKET_INVALID' | 'TICKET_EXPIRED' | 'TICKET_WRONG_APPLICATION',
    detail?: string,
  ) {
    super(code, detail === undefined ? {} : { detail });
  }
}

export function isTicketError(value: unknown): value is TicketError {
  return value instanceof TicketError;
}
