// Minimal typing of the parts of the untyped CommonJS package node-gost-crypto that src/cms/gost.ts uses.
declare module 'node-gost-crypto/lib/gostEngine.js' {
  interface GostDigestInstance {
    digest(data: ArrayBuffer | ArrayBufferView): ArrayBuffer;
  }
  interface GostSignInstance {
    generateKey(): { privateKey: ArrayBuffer; publicKey: ArrayBuffer };
    sign(privateKey: ArrayBuffer | ArrayBufferView, data: ArrayBuffer | ArrayBufferView): ArrayBuffer;
    verify(
      publicKey: ArrayBuffer | ArrayBufferView,
      signature: ArrayBuffer | ArrayBufferView,
      data: ArrayBuffer | ArrayBufferView,
    ): boolean;
  }
  interface GostEngine {
    getGostDigest(algorithm: { name: string; version: number; length: number }): GostDigestInstance;
    getGostSign(algorithm: {
      name: string;
      version: number;
      length: number;
      namedCurve?: string;
      procreator?: string;
      hash?: { name: string };
    }): GostSignInstance;
  }
  const gostEngine: GostEngine;
  export default gostEngine;
}
