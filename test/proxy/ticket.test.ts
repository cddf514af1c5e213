import { describe, expect, it } from 'vitest';
import { TicketError } from '../../src/proxy/errors/ticket-error.js';
import { createTicket, verifyTicket } from '../../src/proxy/ticket.js';

const SECRET = 'a-secret-of-at-least-thirty-two-bytes!!';
const ID = '1b21cac3-2b85-404a-b147-7f3bbd6827a5';
const OTHER = '81c178ca-fdf0-46f1-a4e6-a6cf0d77d39c';
const NOW = Date.UTC(2026, 0, 1);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TicketError);
    return (error as TicketError).code;
  }
  return undefined;
}

describe('tickets', () => {
  it('round-trips one application with its expiry', () => {
    const ticket = createTicket({ applicationId: ID.toUpperCase(), expiresInSeconds: 900, secret: SECRET, now: NOW });
    expect(ticket).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    expect(verifyTicket(ticket, { secret: SECRET, now: NOW + 1000, applicationId: ID })).toEqual({
      applicationIds: [ID],
      expiresAt: NOW + 900_000,
    });
  });

  it('a list ticket opens each listed application and no other', () => {
    const ticket = createTicket({ applicationIds: [ID, OTHER], expiresInSeconds: 60, secret: SECRET, now: NOW });
    expect(verifyTicket(ticket, { secret: SECRET, now: NOW, applicationId: OTHER }).applicationIds).toEqual([ID, OTHER]);
    expect(codeOf(() => verifyTicket(ticket, { secret: SECRET, now: NOW, applicationId: '00000000-0000-4000-8000-000000000000' }))).toBe(
      'TICKET_WRONG_APPLICATION',
    );
  });

  it('expires exactly at its expiry', () => {
    const ticket = createTicket({ applicationId: ID, expiresInSeconds: 60, secret: SECRET, now: NOW });
    expect(() => verifyTicket(ticket, { secret: SECRET, now: NOW + 59_999 })).not.toThrow();
    expect(codeOf(() => verifyTicket(ticket, { secret: SECRET, now: NOW + 60_000 }))).toBe('TICKET_EXPIRED');
  });

  it('refuses tampering with the payload or the MAC, another secret, and garbage', () => {
    const ticket = createTicket({ applicationId: ID, expiresInSeconds: 60, secret: SECRET, now: NOW });
    const [v, payload, mac] = ticket.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ a: [OTHER], e: NOW / 1000 + 99999 })).toString('base64url');
    const flipped = mac.slice(0, -1) + (mac.endsWith('A') ? 'B' : 'A');
    for (const bad of [`${v}.${forged}.${mac}`, `${v}.${payload}.${flipped}`, `${v}.${payload}.`, `v2.${payload}.${mac}`, 'x', `${ticket}.x`]) {
      expect(codeOf(() => verifyTicket(bad, { secret: SECRET, now: NOW }))).toBe('TICKET_INVALID');
    }
    expect(codeOf(() => verifyTicket(ticket, { secret: 'another-secret-another-secret-another', now: NOW }))).toBe('TICKET_INVALID');
    expect(codeOf(() => verifyTicket('', { secret: SECRET, now: NOW }))).toBe('TICKET_MISSING');
    expect(codeOf(() => verifyTicket('v1.' + 'A'.repeat(9000) + '.x', { secret: SECRET, now: NOW }))).toBe('TICKET_INVALID');
  });

  it('works with a binary secret', () => {
    const secret = new Uint8Array(32).fill(7);
    const ticket = createTicket({ applicationId: ID, expiresInSeconds: 60, secret, now: NOW });
    expect(verifyTicket(ticket, { secret, now: NOW }).applicationIds).toEqual([ID]);
  });

  it('refuses to mint nonsense', () => {
    expect(() => createTicket({ expiresInSeconds: 60, secret: SECRET })).toThrow(TypeError);
    expect(() => createTicket({ applicationId: 'nope', expiresInSeconds: 60, secret: SECRET })).toThrow(/UUID/);
    expect(() => createTicket({ applicationId: ID, expiresInSeconds: 0, secret: SECRET })).toThrow(/expiresInSeconds/);
    expect(() => createTicket({ applicationId: ID, expiresInSeconds: 60, secret: '' })).toThrow(/secret/);
  });
});

describe('one spelling per ticket (issue 14, finding 4)', () => {
  it('refuses every other spelling of a valid MAC: junk, padding, non-zero trailing bits', () => {
    const ticket = createTicket({ applicationId: ID, expiresInSeconds: 900, secret: SECRET, now: NOW });
    expect(verifyTicket(ticket, { secret: SECRET, now: NOW }).applicationIds).toEqual([ID]);
    const last = ticket.at(-1)!;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // 32 bytes take 43 base64url characters; the last one carries 2 unused bits, so 3 other letters decode alike.
    const sameBytes = [...alphabet].filter((ch) => ch !== last && (alphabet.indexOf(ch) >> 2) === (alphabet.indexOf(last) >> 2));
    expect(sameBytes).toHaveLength(3);
    const spellings = [`${ticket}!`, `${ticket}==`, `${ticket}=`, `${ticket.slice(0, -1)}${sameBytes[0]}`, `${ticket.slice(0, 20)}*${ticket.slice(20)}`];
    for (const other of spellings.filter((s) => s.split('.').length === 3)) {
      expect(codeOf(() => verifyTicket(other, { secret: SECRET, now: NOW })), other).toBe('TICKET_INVALID');
    }
  });
});
