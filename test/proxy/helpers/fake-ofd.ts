/**
 * A canned OFD for unit tests of the proxy: just the answers the proxy needs, in the section-7 envelope
 * (`{Data, Success}`), with every call recorded so tests can count what reached "upstream".
 */
import type { UpstreamFetch, UpstreamInit } from '../../../src/proxy/upstream/transport.js';

export const OFD_BASE = 'https://ofd.test/api/integration';
export const OFD_ORIGIN = 'https://ofd.test';
export const AUTH_TOKEN = 'partner-secret-token-4E7E8D09D999';

export interface FakeDocument {
  Id: string;
  Kind: string;
  Content: string;
  Signature: 'Unsigned' | 'Signed';
  Description: string;
  FileName: string;
}

export interface FakeApplication {
  Id: string;
  Status: string;
  Stage: string;
  Documents: FakeDocument[];
  DownloadUri: string;
  ResultDocs: { DocType: string; DownloadUri: string; FileType: string }[];
  KktDetails: { FiscalDocumentData: Record<string, unknown> };
  StatusChangeDateUtc?: string;
  /** Internal: whether GET answers include Content (the spec's examples do not show it). */
  hideContent?: boolean;
}

export interface RecordedCall {
  method: string;
  path: string;
  token: string | null;
  body?: unknown;
}

type Handler = (call: RecordedCall, app: FakeApplication | undefined) => Promise<Response | undefined> | Response | undefined;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

export const ofdError = (message: string, code = 'ValidationError', status = 400) =>
  json({ Data: null, Success: false, Errors: [{ Code: code, Message: message }] }, status);

export function createFakeOfd() {
  const calls: RecordedCall[] = [];
  const applications = new Map<string, FakeApplication>();
  let signHandler: Handler | undefined;
  let getHandler: Handler | undefined;

  const view = (app: FakeApplication) => {
    const { hideContent, ...rest } = structuredClone(app);
    if (hideContent) rest.Documents = rest.Documents.map(({ Content: _c, ...d }) => d as FakeDocument);
    return json({ Data: rest, Success: true });
  };

  const fetch: UpstreamFetch = async (url: string, init: UpstreamInit) => {
    const u = new URL(url);
    const body = init.body === undefined ? undefined : JSON.parse(init.body);
    const call: RecordedCall = { method: init.method, path: u.pathname, token: u.searchParams.get('AuthToken'), body };
    calls.push(call);
    if (call.token !== AUTH_TOKEN) return ofdError('Некорректный авторизационный токен');
    if (u.pathname.startsWith('/files/')) {
      return new Response(`%PDF-1.4 ${u.pathname}`, {
        headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="application.pdf"' },
      });
    }
    const m = /^\/api\/integration\/v2\/b2b\/kkt\/registration\/([0-9a-f-]{36})(\/.*)?$/.exec(u.pathname);
    if (!m) return new Response('<html>not found</html>', { status: 404, headers: { 'content-type': 'text/html' } });
    const app = applications.get(m[1]!);
    const suffix = m[2] ?? '';
    if (suffix === '/sign' && init.method === 'POST') {
      const custom = await signHandler?.(call, app);
      if (custom) return custom;
      if (!app) return ofdError('Заявка не найдена');
      const doc = app.Documents.find((d) => d.Id === body.DocumentId);
      if (!doc) return ofdError('Файл не найден');
      if (doc.Signature === 'Signed' || app.Status !== 'AwaitingSignature') return ofdError('Некорректный статус заявки');
      doc.Signature = 'Signed';
      if (app.Documents.every((d) => d.Signature === 'Signed')) app.Status = 'ProcessingSignedDocuments';
      return view(app);
    }
    if (suffix === '' && init.method === 'GET') {
      const custom = await getHandler?.(call, app);
      if (custom) return custom;
      return app ? view(app) : ofdError('Заявка не найдена');
    }
    if (!app) return ofdError('Заявка не найдена');
    if (suffix === '/prepareDocuments' && init.method === 'POST') {
      app.Status = 'AwaitingSignature';
      return view(app);
    }
    if (suffix === '' && init.method === 'PUT') {
      app.KktDetails.FiscalDocumentData = body.KktDetails.FiscalDocumentData;
      return view(app);
    }
    if (suffix === '/simplified/status' && init.method === 'GET') {
      return json({
        Data: { Status: 'SUCCESS', DownloadUrl: `${OFD_BASE}/v2/b2b/kkt/registration/${app.Id}/simplified/download?AuthToken=${AUTH_TOKEN}` },
        Success: true,
      });
    }
    return ofdError('Метод не найден', 'NotFound', 404);
  };

  return {
    fetch,
    calls,
    applications,
    count(method: string, suffix: string) {
      return calls.filter((c) => c.method === method && c.path.endsWith(suffix)).length;
    },
    signCalls() {
      return calls.filter((c) => c.method === 'POST' && c.path.endsWith('/sign')).length;
    },
    onSign(handler: Handler | undefined) {
      signHandler = handler;
    },
    onGet(handler: Handler | undefined) {
      getHandler = handler;
    },
    addApplication(id: string, documents: { id: string; content: string }[], extra: Partial<FakeApplication> = {}) {
      const app: FakeApplication = {
        Id: id,
        Status: 'AwaitingSignature',
        Stage: 'Initialization',
        Documents: documents.map((d) => ({
          Id: d.id,
          Kind: '1110061',
          Content: d.content,
          Signature: 'Unsigned',
          Description: 'Заявление о регистрации (перерегистрации) контрольно-кассовой техники',
          FileName: 'KO_ZVLREGKKT_test',
        })),
        DownloadUri: `${OFD_ORIGIN}/files/application-${id}.pdf?Id=${id}&format=pdf`,
        ResultDocs: [
          { DocType: 'RnmReport', FileType: 'pdf', DownloadUri: `${OFD_ORIGIN}/files/result-${id}-0.pdf` },
          { DocType: 'RegReport', FileType: 'pdf', DownloadUri: `${OFD_ORIGIN}/files/result-${id}-1.pdf` },
        ],
        KktDetails: { FiscalDocumentData: {} },
        ...extra,
      };
      applications.set(id, app);
      return app;
    },
  };
}

export type FakeOfd = ReturnType<typeof createFakeOfd>;
