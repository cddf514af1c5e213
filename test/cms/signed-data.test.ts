import { describe, expect, it } from 'vitest';
import { DerFault } from '../../src/cms/fault.js';
import { Oid } from '../../src/cms/oids.js';
import { readSignedData } from '../../src/cms/signed-data.js';
import { ctx, hexBytes, indefinite, int, oid, seq, set, tlv } from './helpers/der-builder.js';

// readSignedData is the one SignedData reader: the widget checks the plug-in's signature with it as it is, and
// inspectCms (test/cms/cms.test.ts) is it behind CmsParseError. It reads without a tree, after checking the whole
// encoding once.

function faultOf(run: () => unknown): string {
  try {
    run();
    return 'read';
  } catch (error) {
    expect(error).toBeInstanceOf(DerFault);
    return (error as DerFault).code;
  }
}

/** A SignedData with no signers whose fields after encapContentInfo are `rest`. */
const signedData = (...rest: Uint8Array[]) =>
  seq(oid(Oid.signedData), ctx(0, seq(int('01'), set(), seq(oid(Oid.data)), ...rest, set())));

describe('readSignedData, the reader the widget ships', () => {
  it('refuses damaged encoding even in a part it has no reason to read (the CRLs)', () => {
    // Inside [1] crls: a SEQUENCE that claims 5 bytes where its parent has 3 left.
    expect(faultOf(() => readSignedData(signedData(tlv(0xa1, hexBytes('3005020101')))))).toBe('DER_MALFORMED');
    // An indefinite length on a primitive element there.
    expect(faultOf(() => readSignedData(signedData(indefinite(0xa1, hexBytes('0480020101'), Uint8Array.of(0, 0)))))).toBe('DER_MALFORMED');
    expect(faultOf(() => readSignedData(signedData(tlv(0xa1, seq(int('05'))))))).toBe('read');
  });

  it('reads indefinite lengths nested 60 deep, and refuses a nesting bomb', () => {
    let deep = int('01');
    for (let i = 0; i < 60; i++) deep = indefinite(0x30, deep);
    expect(faultOf(() => readSignedData(signedData(indefinite(0xa1, deep))))).toBe('read');
    let bomb = int('01');
    for (let i = 0; i < 70; i++) bomb = indefinite(0x30, bomb);
    expect(faultOf(() => readSignedData(signedData(indefinite(0xa1, bomb))))).toBe('DER_MALFORMED');
  });

  it('forgets what it learnt about a buffer once done, so a changed buffer is read afresh', () => {
    const message = signedData(indefinite(0xa1, indefinite(0x30, int('01'))));
    expect(readSignedData(message).signers).toEqual([]);
    // Turn the inner SEQUENCE's end-of-contents into the outer one's: the inner one now runs on past it.
    message.set([0x02, 0x01], message.length - 6);
    expect(faultOf(() => readSignedData(message))).not.toBe('read');
  });
});
