import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLedgerStore } from '../../src/proxy/ledger/memory-store.js';
import { ledgerKey, type SignLedgerStore } from '../../src/proxy/ledger/store.js';
import { createTestSigner, type TestSigner } from './helpers/cms.js';
import { ofdError } from './helpers/fake-ofd.js';
import { APP_ID, CONTENT, DOC_ID, createHarness, errorCode, type Harness } from './helpers/setup.js';

let signer: TestSigner;
let signature: string;
beforeAll(() => {
  signer = createTestSigner();
  signature = signer.sign(CONTENT);
});
afterAll(() => signer.dispose());

let h: Harness;
let store: SignLedgerStore;
beforeEach(() => {
  store = createMemoryLedgerStore();
  h = createHarness({ store, limits: { unknownOutcomeGraceMs: 120_000 } });
  h.ofd.addApplication(APP_ID, [{ id: DOC_ID, content: CONTENT }]);
});

const sign = () =>
  h.request(`/api/registration/${APP_ID}/sign`, { method: 'POST', body: JSON.stringify({ DocumentId: DOC_ID, Signature: signature }) });
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

describe('sign exactly once', () => {
  it('100 concurrent identical requests cause one upstream sign and all get the same answer', async () => {
    h.ofd.onSign(async () => {
      await delay(30);
      return undefined; // then the default behaviour: sign the document
    });
    const answers = await Promise.all(Array.from({ length: 100 }, () => sign()));
    expect(h.ofd.signCalls()).toBe(1);
    const bodies = await Promise.all(answers.map((r) => r.text()));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0]!).Data.Documents[0].Signature).toBe('Signed');
  });

  it('a repeat after success answers the recorded result without calling upstream', async () => {
    const first = await sign();
    const firstBody = await first.text();
    h.now.value += 5 * 60_000;
    h.ofd.calls.length = 0;
    const again = await sign();
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(firstBody);
    expect(h.ofd.calls).toHaveLength(0);
  });

  it('concurrent duplicates share a definite rejection', async () => {
    h.ofd.onSign(async () => {
      await delay(20);
      return ofdError('Не удалось проверить КЭП');
    });
    const answers = await Promise.all(Array.from({ length: 20 }, () => sign()));
    expect(h.ofd.signCalls()).toBe(1);
    expect(answers.every((r) => r.status === 400)).toBe(true);
    const body = (await answers[7]!.json()) as { Errors: { Message: string }[] };
    expect(body.Errors[0]!.Message).toBe('Не удалось проверить КЭП');
  });

  it('after a definite refusal by OFD a repeat gets the same refusal and no second sign (7.4 l.2318)', async () => {
    h.ofd.onSign(() => ofdError('Не удалось проверить КЭП'));
    const first = await sign();
    expect(first.status).toBe(400);
    h.ofd.onSign(undefined);
    const second = await sign();
    expect(second.status).toBe(400);
    expect(await second.text()).toBe(await first.text());
    expect(h.ofd.signCalls()).toBe(1);
  });

  it('a new sign after a refusal only once OFD moved the application and awaits the document again', async () => {
    const app = h.ofd.applications.get(APP_ID)!;
    app.StatusChangeDateUtc = '2026-01-15T10:00:00';
    h.ofd.onSign(() => ofdError('Не удалось проверить КЭП'));
    expect((await sign()).status).toBe(400);
    h.ofd.onSign(undefined);
    expect((await sign()).status).toBe(400);
    expect(h.ofd.signCalls()).toBe(1);
    app.StatusChangeDateUtc = '2026-01-15T10:07:00';
    expect((await sign()).status).toBe(200);
    expect(h.ofd.signCalls()).toBe(2);
  });

  it('after a definite refusal, nothing more once the application moved on (checked fresh)', async () => {
    const app = h.ofd.applications.get(APP_ID)!;
    app.StatusChangeDateUtc = '2026-01-15T10:00:00';
    h.ofd.onSign(() => ofdError('Некорректный статус заявки'));
    expect((await sign()).status).toBe(400);
    app.Status = 'Rejected';
    app.StatusChangeDateUtc = '2026-01-15T11:00:00';
    const second = await sign();
    expect(await errorCode(second)).toBe('NOT_AWAITING_SIGNATURE');
    expect(h.ofd.signCalls()).toBe(1);
  });

  it.each([
    ['an internal error under a numeric 6.1 code on HTTP 200', 200, { Status: 'Failed', Error: { Code: 500, Message: 'Ошибка на сервере' } }],
    ['an unlisted message under a numeric code on HTTP 400', 400, { Status: 'Failed', Error: { Code: 12, Message: 'Сбой обработки' } }],
  ])('%s is an unknown outcome, settled through the status, never re-sent', async (_what, status, body) => {
    h.ofd.onSign(() => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
    const first = await sign();
    expect(await errorCode(first)).toBe('SIGN_OUTCOME_UNKNOWN');
    h.ofd.onSign(undefined);
    expect(await errorCode(await sign())).toBe('SIGN_OUTCOME_UNKNOWN');
    expect(h.ofd.signCalls()).toBe(1);
  });

  it('a numeric code with a message of Table 25 is the definite refusal it names', async () => {
    h.ofd.onSign(() => new Response(JSON.stringify({ Status: 'Failed', Error: { Code: 3, Message: 'Не удалось проверить КЭП' } }), { status: 400 }));
    expect((await sign()).status).toBe(400);
    expect(h.ofd.signCalls()).toBe(1);
  });

  it('a status listing no documents (Documents: []) still lets the prepared document be signed once', async () => {
    const app = h.ofd.applications.get(APP_ID)!;
    h.ofd.onGet(() => new Response(JSON.stringify({ Data: { ...app, Documents: [] }, Success: true }), { status: 200 }));
    expect((await sign()).status).toBe(200);
    expect(h.ofd.signCalls()).toBe(1);
  });

  it('a refused connection is definite: the next attempt may send', async () => {
    h.ofd.onSign(() => {
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    });
    const first = await sign();
    expect(first.status).toBe(502);
    expect(await errorCode(first)).toBe('UPSTREAM_UNAVAILABLE');
    h.ofd.onSign(undefined);
    expect((await sign()).status).toBe(200);
  });
});

describe('ambiguous failures are reconciled through status, never re-sent blindly', () => {
  it('OFD processed the sign, then the connection dropped: answered as sent', async () => {
    h.ofd.onSign((call, app) => {
      app!.Documents.find((d) => d.Id === (call.body as { DocumentId: string }).DocumentId)!.Signature = 'Signed';
      app!.Status = 'ProcessingSignedDocuments';
      throw reset();
    });
    const res = await sign();
    expect(res.status).toBe(200);
    expect(((await res.json()) as { Data: { Status: string } }).Data.Status).toBe('ProcessingSignedDocuments');
    expect(h.ofd.signCalls()).toBe(1);
    expect((await sign()).status).toBe(200);
    expect(h.ofd.signCalls()).toBe(1);
  });

  it('HTTP 500 on sign with the document unsigned: SIGN_OUTCOME_UNKNOWN, and repeats do not re-send', async () => {
    h.ofd.onSign(() => ofdError('Ошибка на сервере', 'InternalServerError', 500));
    const first = await sign();
    expect(first.status).toBe(503);
    const body = (await first.json()) as { Error: { Code: string; Retryable: boolean } };
    expect(body.Error).toMatchObject({ Code: 'SIGN_OUTCOME_UNKNOWN', Retryable: true });
    h.ofd.onSign(undefined);
    for (let i = 0; i < 3; i++) {
      h.now.value += 10_000;
      expect(await errorCode(await sign())).toBe('SIGN_OUTCOME_UNKNOWN');
    }
    expect(h.ofd.signCalls()).toBe(1);
    expect((await store.get(ledgerKey(APP_ID, DOC_ID)))?.state).toBe('outcome-unknown');
  });

  it('once the status shows the sign landed late, repeats answer success without sending', async () => {
    h.ofd.onSign(() => {
      throw reset();
    });
    expect(await errorCode(await sign())).toBe('SIGN_OUTCOME_UNKNOWN');
    // OFD finishes processing later.
    h.ofd.applications.get(APP_ID)!.Documents[0]!.Signature = 'Signed';
    h.ofd.applications.get(APP_ID)!.Status = 'SentToFns';
    h.ofd.onSign(undefined);
    const res = await sign();
    expect(res.status).toBe(200);
    expect(h.ofd.signCalls()).toBe(1);
    expect((await store.get(ledgerKey(APP_ID, DOC_ID)))?.state).toBe('sent');
  });

  it.each([
    ['unchanged: one new attempt after the grace period', false, 2],
    ['changed (a sign may have landed): never re-sent', true, 1],
  ])('a status listing no documents, UDateUtc %s', async (_what, changed, signCalls) => {
    const app = h.ofd.applications.get(APP_ID) as unknown as Record<string, unknown> & { Documents: unknown[] };
    app.UDateUtc = '2026-01-15T10:00:00';
    h.ofd.onGet(() => new Response(JSON.stringify({ Data: { ...app, Documents: [] }, Success: true }), { status: 200 }));
    h.ofd.onSign(() => {
      throw reset();
    });
    expect(await errorCode(await sign())).toBe('SIGN_OUTCOME_UNKNOWN');
    h.ofd.onSign(undefined);
    if (changed) app.UDateUtc = '2026-01-15T10:00:03';
    h.now.value += 121_000;
    const res = await sign();
    expect(h.ofd.signCalls()).toBe(signCalls);
    if (!changed) expect(res.status).toBe(200);
    else expect(await errorCode(res)).toBe('SIGN_OUTCOME_UNKNOWN');
  });

  it('an unknown outcome for a document OFD no longer lists (prepared again) settles as never signed', async () => {
    h.ofd.onSign(() => {
      throw reset();
    });
    expect(await errorCode(await sign())).toBe('SIGN_OUTCOME_UNKNOWN');
    h.ofd.onSign(undefined);
    const app = h.ofd.applications.get(APP_ID)!;
    app.Documents = app.Documents.map((d) => ({ ...d, Id: '0b9d8a2e-5f3c-4b1a-9e7d-6c5b4a3f2e1d' }));
    expect(await errorCode(await sign())).toBe('DOCUMENT_NOT_FOUND');
    expect(h.ofd.signCalls()).toBe(1);
  });

  it('after the grace period with the document still unsigned, one new attempt goes out', async () => {
    h.ofd.onSign(() => {
      throw reset();
    });
    expect(await errorCode(await sign())).toBe('SIGN_OUTCOME_UNKNOWN');
    h.ofd.onSign(undefined);
    h.now.value += 121_000;
    const answers = await Promise.all(Array.from({ length: 10 }, () => sign()));
    expect(answers.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(h.ofd.signCalls()).toBe(2);
  });

  it('a sign that times out is not re-sent; the status decides', async () => {
    h = createHarness({ store, limits: { signTimeoutMs: 40 } });
    h.ofd.addApplication(APP_ID, [{ id: DOC_ID, content: CONTENT }]);
    h.ofd.onSign(() => new Promise<Response>(() => undefined));
    const res = await sign();
    expect(res.status).toBe(503);
    expect(await errorCode(res)).toBe('SIGN_OUTCOME_UNKNOWN');
    expect(h.ofd.signCalls()).toBe(1);
  });

  it('a claim left in flight by a crashed instance is reconciled after its lease, not re-sent', async () => {
    const key = ledgerKey(APP_ID, DOC_ID);
    await store.claim(key, { owner: 'crashed', now: h.now.value - 200_000, leaseMs: 75_000 }, []);
    h.ofd.applications.get(APP_ID)!.Documents[0]!.Signature = 'Signed';
    h.ofd.applications.get(APP_ID)!.Status = 'ProcessingSignedDocuments';
    const res = await sign();
    expect(res.status).toBe(200);
    expect(h.ofd.signCalls()).toBe(0);
    expect((await store.get(key))?.state).toBe('sent');
  });

  it('a claim still within its lease makes duplicates wait, then answer SIGN_IN_PROGRESS', async () => {
    h = createHarness({ store, limits: { signWaitMs: 60 } });
    h.ofd.addApplication(APP_ID, [{ id: DOC_ID, content: CONTENT }]);
    await store.claim(ledgerKey(APP_ID, DOC_ID), { owner: 'other-instance', now: h.now.value, leaseMs: 75_000 }, []);
    const res = await sign();
    expect(res.status).toBe(409);
    expect(await errorCode(res)).toBe('SIGN_IN_PROGRESS');
    expect(h.ofd.signCalls()).toBe(0);
  });
});
