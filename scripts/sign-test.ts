/**
 * Sign prepared documents with the demo director's TEST certificate, for trying the proxy with curl.
 *
 *   curl -s -X POST -H "Authorization: Bearer $TICKET" -H 'Content-Type: application/json' \
 *     -d "$SIGNER" "$PROXY/api/registration/$ID/prepareDocuments" | npx tsx scripts/sign-test.ts
 *
 * Reads an OFD answer (either envelope) on stdin and prints, for each document still unsigned, one line
 * {"DocumentId": "...", "Signature": "<base64 CMS>"} ready for POST .../sign. The signature is an attached
 * CAdES-BES over the Content string, as the spec's section 7.4 shows. Never use test keys for real applications.
 */
import { buildCadesBes, createDemoCertificates } from '../src/testing/index.js';
import { bytesToBase64 } from '../src/cms/index.js';

interface DocumentLike {
  Id: string;
  Content?: string;
  Signature?: string;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const body = JSON.parse(await readStdin()) as { Data?: { Documents?: DocumentLike[] } };
const documents = (body.Data?.Documents ?? []).filter((d) => d.Content && d.Signature !== 'Signed');
if (documents.length === 0) {
  console.error('sign-test: no unsigned document with Content in the input (pipe the prepareDocuments answer in)');
  process.exit(1);
}
const { director } = createDemoCertificates();
for (const document of documents) {
  const cms = buildCadesBes({ content: new TextEncoder().encode(document.Content!), certificate: director });
  console.log(JSON.stringify({ DocumentId: document.Id, Signature: bytesToBase64(cms) }));
}
