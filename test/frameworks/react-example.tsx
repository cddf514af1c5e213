import type {} from 'ofd-signer/jsx';
import { useState } from 'react';

export function SignApplication({ applicationId, ticket }: { applicationId: string; ticket: string }) {
  const [rnm, setRnm] = useState<string>();
  return (
    <>
      <ofd-signer
        application-id={applicationId}
        ticket={ticket}
        api-base="https://sign.partner.example/api"
        partner-name="Касса-Сервис"
        onofd-approved={(event) => setRnm(event.detail.documents.find((d) => d.type === 'RnmReport')?.url)}
        onofd-error={(event) => console.warn(event.detail.code, event.detail.message)}
      />
      {rnm && <a href={rnm}>Уведомление о присвоении РНМ</a>}
      {/* @ts-expect-error: only attached or detached */}
      <ofd-signer signature-mode="enveloped" />
    </>
  );
}
