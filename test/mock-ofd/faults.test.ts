import { describe, expect, it } from 'vitest';
import { createMockOfd } from '../../src/mock-ofd/index.js';
import { DIRECTOR_SIGNER, REGISTRATION, signContent, talk } from './helpers.js';

function setup() {
  const mock = createMockOfd();
  const call = talk(mock.app, mock.control.authToken);
  const id = mock.control.createDemoApplication().Id;
  return { ...mock, call, id };
}

describe('mock OFD: fault injection', () => {
  it('answers 500 InternalServerError without processing, for the given number of requests', async () => {
    const { control, call, id } = setup();
    control.injectFault({ route: 'status', kind: '500', times: 2 });
    for (let i = 0; i < 2; i++) {
      const answer = await call('GET', `${REGISTRATION}/${id}`);
      expect(answer.status).toBe(500);
      expect(answer.json.Errors[0]).toEqual({ Code: 'InternalServerError', Message: 'Ошибка на сервере' });
    }
    expect((await call('GET', `${REGISTRATION}/${id}`)).status).toBe(200);
    expect(control.calls().filter((c) => c.route === 'status').map((c) => c.fault ?? 'none')).toEqual(['500', '500', 'none']);
  });

  it('answers a failure body on HTTP 200', async () => {
    const { control, call, id } = setup();
    control.injectFault({ route: '*', kind: 'failure-200' });
    const answer = await call('GET', `${REGISTRATION}/${id}`);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ Data: null, Success: false, Errors: [{ Code: 'InternalServerError', Message: 'Ошибка на сервере' }] });
  });

  it('answers an HTML 502 like a broken gateway', async () => {
    const { control, call, id } = setup();
    control.injectFault({ route: 'status', kind: 'html' });
    const answer = await call('GET', `${REGISTRATION}/${id}`);
    expect(answer.status).toBe(502);
    expect(answer.contentType).toContain('text/html');
    expect(answer.json).toBeUndefined();
  });

  it('hangs on timeout and gives up with 504 after hangMs', async () => {
    const { control, call, id } = setup();
    control.injectFault({ route: 'status', kind: 'timeout', hangMs: 20 });
    const answer = await call('GET', `${REGISTRATION}/${id}`);
    expect(answer.status).toBe(504);
  });

  it('delays with latency and still answers', async () => {
    const { control, call, id } = setup();
    control.injectFault({ route: 'status', kind: 'latency', latencyMs: 5 });
    expect((await call('GET', `${REGISTRATION}/${id}`)).status).toBe(200);
  });

  it('processes a sign, then answers 500 (500-after-processing): the document is signed anyway', async () => {
    const { control, call, id } = setup();
    const document = (await call('POST', `${REGISTRATION}/${id}/prepareDocuments`, DIRECTOR_SIGNER)).json.Data.Documents[0];
    control.injectFault({ route: 'sign', kind: '500-after-processing' });
    const answer = await call('POST', `${REGISTRATION}/${id}/sign`, { DocumentId: document.Id, Signature: signContent(document.Content) });
    expect(answer.status).toBe(500);
    expect(control.getApplication(id)!.Documents[0]!.Signature).toBe('Signed');
  });

  it('processes a sign, then drops the connection (app.request rejects like a reset fetch)', async () => {
    const { app, control, call, id } = setup();
    const document = (await call('POST', `${REGISTRATION}/${id}/prepareDocuments`, DIRECTOR_SIGNER)).json.Data.Documents[0];
    control.injectFault({ route: 'sign', kind: 'drop-after-processing' });
    const request = app.request(`http://mock.test${REGISTRATION}/${id}/sign?AuthToken=${control.authToken}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ DocumentId: document.Id, Signature: signContent(document.Content) }),
    });
    await expect(Promise.resolve(request)).rejects.toThrow(/dropped the connection/);
    expect(control.getApplication(id)!.Status).toBe('ProcessingSignedDocuments');
    expect(control.signCallCount(id, document.Id)).toBe(1);
  });

  it('clearFaults removes pending faults', async () => {
    const { control, call, id } = setup();
    control.injectFault({ route: 'status', kind: '500', times: 5 });
    control.clearFaults();
    expect((await call('GET', `${REGISTRATION}/${id}`)).status).toBe(200);
  });
});
