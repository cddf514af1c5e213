/**
 * `ofd-signer-proxy link <id…> [--days n] [--lang ru|en]` prints the signing link a partner sends the client;
 * `ofd-signer-proxy revoke <link or code>` withdraws one (through the proxies' Redis, where they look it up).
 */
import { secretProblem } from '../config/secret-strength.js';
import { parseIdArguments, wholeNumber } from '../cli-args.js';
import { createLinkCode, DEFAULT_LINK_DAYS, MAX_LINK_DAYS, signingLinkUrl, verifyLinkCode } from './link-code.js';

interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** The secret from the environment, or undefined after saying what is wrong with it. */
export function secretOrComplain(env: NodeJS.ProcessEnv, io: Io, command: string): string | undefined {
  const secret = env.TICKET_SECRET ?? '';
  const problem = secret ? secretProblem('TICKET_SECRET', secret) : "TICKET_SECRET is not set (the proxies' secret)";
  if (problem) {
    io.err(`ofd-signer-proxy ${command}: ${problem}`);
    return undefined;
  }
  return secret;
}

export function printLink(args: string[], env: NodeJS.ProcessEnv, io: Io): number {
  const parsed = parseIdArguments(args, 'link', '<applicationId>… [--days n] [--lang ru|en]', {
    '--days': wholeNumber(1, MAX_LINK_DAYS, 'days'),
    '--lang': (value) => (value === 'ru' || value === 'en' ? undefined : 'is ru or en'),
  }, io.err);
  if (!parsed) return 2;
  const days = parsed.values['--days'] ? Number(parsed.values['--days']) : DEFAULT_LINK_DAYS;
  const lang = parsed.values['--lang'];
  const secret = secretOrComplain(env, io, 'link');
  if (!secret) return 2;
  const publicUrl = env.PUBLIC_URL;
  if (!publicUrl || !/^https?:\/\//.test(publicUrl)) {
    io.err('ofd-signer-proxy link: PUBLIC_URL is not set (where clients open the signing page, e.g. https://sign.example)');
    return 2;
  }
  const code = createLinkCode({ applicationIds: parsed.ids, expiresInDays: days, secret });
  io.out(signingLinkUrl(publicUrl, code, lang ? { lang } : {}));
  io.err(`works until ${new Date(verifyLinkCode(code, { secret }).expiresAt).toISOString()}, or until the registration ends or the link is revoked`);
  return 0;
}

export async function revokeLink(args: string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  const given = args[0];
  if (!given || args.length > 1) {
    io.err('usage: ofd-signer-proxy revoke <signing link or its code>');
    return 2;
  }
  const secret = secretOrComplain(env, io, 'revoke');
  if (!secret) return 2;
  const code = /#link=([^&\s]+)/.exec(given)?.[1] ?? given;
  let link;
  try {
    link = verifyLinkCode(decodeURIComponent(code), { secret });
  } catch (error) {
    const reason = (error as { code?: string }).code === 'LINK_EXPIRED' ? 'it has expired already: nothing to revoke' : 'it is not a link of these proxies (another TICKET_SECRET?)';
    io.err(`ofd-signer-proxy revoke: ${reason}`);
    return (error as { code?: string }).code === 'LINK_EXPIRED' ? 0 : 2;
  }
  if (!env.REDIS_URL) {
    io.err('ofd-signer-proxy revoke: REDIS_URL is not set: revocations reach the proxies through their Redis (a proxy on the in-memory ledger cannot be told from outside; run it with REDIS_URL)');
    return 2;
  }
  // Loaded here only: starting the proxy or printing a link needs no Redis client.
  const { createRedisLinkRevocations } = await import('./redis-revocations.js');
  const revocations = createRedisLinkRevocations({ url: env.REDIS_URL });
  try {
    await revocations.revoke(link.linkId, link.expiresAt);
  } finally {
    await revocations.close?.();
  }
  io.out(`revoked link ${link.linkId} (${link.applicationIds.join(', ')}), which would have lasted until ${new Date(link.expiresAt).toISOString()}`);
  return 0;
}
