#!/usr/bin/env bash
# Generates the CMS/X.509 test fixtures in test/fixtures/cms with OpenSSL's GOST engine
# (Debian: libengine-gost-openssl). Run ONCE; the output is committed, so tests do not depend on randomness.
# The private keys written here are throwaway TEST keys (file names say so): never use them for anything real.
set -euo pipefail

out="${1:-$(dirname "$0")/../test/fixtures/cms}"
mkdir -p "$out"
cd "$out"
ENGINE=(-engine gost)
export OPENSSL_CONF=/dev/null  # no system config surprises; the engine is named on each command line
# Runs a command, showing its stderr only when it fails (the engine announces itself on every call).
quiet() {
  local log
  log=$(mktemp)
  if ! "$@" 2>"$log"; then cat "$log" >&2; rm -f "$log"; echo "failed: $*" >&2; exit 1; fi
  rm -f "$log"
}

# --- Subject content: the base64 string of a windows-1251 XML, signed as its ASCII bytes, like the OFD sample.
printf '<?xml version="1.0" encoding="windows-1251"?>\n<File IdFile="KKT_TEST" VersForm="5.06"><Document KND="1110061"/></File>\n' \
  | iconv -f utf-8 -t windows-1251 | base64 -w0 > content.txt

cat > ca.cnf <<'CNF'
[req]
distinguished_name = dn
prompt = no
utf8 = yes
string_mask = utf8only
[dn]
C = RU
ST = 77 г. Москва
L = Москва
O = Тестовый УЦ ООО \"Ромашка\"
CN = Тестовый УЦ (TEST ONLY)
OGRN = 1145001234564
# OpenSSL has no name for INNLE; the part before the first dot of a field name is dropped, hence "0.".
0.1.2.643.100.4 = 5027123457
[v3_ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign, digitalSignature
subjectKeyIdentifier = hash
CNF

# Numbers are the made-up, checksum-valid ones of src/testing/demo-identity.ts.
# Leaf: a director's certificate with the Russian qualified-certificate attributes, UTF8String text and the
# NumericString that OpenSSL's string table prescribes for INN/OGRN/SNILS.
cat > leaf.cnf <<'CNF'
[req]
distinguished_name = dn
prompt = no
utf8 = yes
string_mask = utf8only
[dn]
C = RU
ST = 77 г. Москва
L = Москва
streetAddress = ул. Тестовая, д. 1
O = ООО \"Ромашка\"
CN = ООО \"Ромашка\"
SN = Романова
GN = Анна Сергеевна
title = Генеральный директор
emailAddress = director@romashka.example
INN = 771234567859
OGRN = 1027700123450
SNILS = 11223344595
0.1.2.643.100.4 = 7701234560
[v3_leaf]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation, keyEncipherment
extendedKeyUsage = clientAuth, emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF

# Leaf for an individual entrepreneur, its Cyrillic text as BMPString (string_mask=default picks BMPString for
# characters outside T61) and an OGRNIP.
cat > ip.cnf <<'CNF'
[req]
distinguished_name = dn
prompt = no
utf8 = yes
string_mask = default
[dn]
C = RU
CN = ИП Иванов Пётр Алексеевич
SN = Иванов
GN = Пётр Алексеевич
INN = 502712345651
OGRNIP = 304770012345674
SNILS = 11223344595
[v3_leaf]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
CNF

make_ca() { # bits md
  local bits=$1 md=$2 paramset=$3
  quiet openssl genpkey "${ENGINE[@]}" -algorithm "gost2012_$bits" -pkeyopt "paramset:$paramset" -out "ca-$bits.TEST-ONLY-throwaway.key"
  quiet openssl req "${ENGINE[@]}" -new -x509 -config ca.cnf -extensions v3_ca -key "ca-$bits.TEST-ONLY-throwaway.key" \
    "-$md" -days 36500 -set_serial 0x0A1B2C3D4E5F -out "ca-$bits.pem"
}
make_leaf() { # bits md cnf name serial
  local bits=$1 md=$2 cnf=$3 name=$4 serial=$5 paramset=$6
  quiet openssl genpkey "${ENGINE[@]}" -algorithm "gost2012_$bits" -pkeyopt "paramset:$paramset" -out "$name.TEST-ONLY-throwaway.key"
  quiet openssl req "${ENGINE[@]}" -new -config "$cnf" -key "$name.TEST-ONLY-throwaway.key" "-$md" -out "$name.csr"
  quiet openssl x509 "${ENGINE[@]}" -req -in "$name.csr" -CA "ca-$bits.pem" -CAkey "ca-$bits.TEST-ONLY-throwaway.key" \
    -extfile "$cnf" -extensions v3_leaf "-$md" -days 36500 -set_serial "$serial" -out "$name.pem"
  rm -f "$name.csr"
  openssl x509 -in "$name.pem" -outform DER -out "$name.der"
}

# 256-bit: CryptoPro-A curve; 512-bit: TC26 paramSetA (the default curves of our test keys, src/cms/gost/curves.ts).
make_ca 256 md_gost12_256 A
make_ca 512 md_gost12_512 A
make_leaf 256 md_gost12_256 leaf.cnf leaf-256 0x00E3F1A2B3C4D5E6F7 A
make_leaf 512 md_gost12_512 leaf.cnf leaf-512 0x7A5B A
make_leaf 256 md_gost12_256 ip.cnf ip-256 0x01 A

sign() { # name bits extra-args...
  local name=$1 bits=$2
  shift 2
  quiet openssl cms "${ENGINE[@]}" -sign -binary -cades -nosmimecap -in content.txt -signer "leaf-$bits.pem" \
    -inkey "leaf-$bits.TEST-ONLY-throwaway.key" -md "md_gost12_$bits" -outform DER -out "$name.p7s" "$@"
}
sign attached-der-256 256 -nodetach
sign attached-ber-256 256 -nodetach -stream
sign detached-der-256 256
sign attached-der-512 512 -nodetach
sign attached-ber-512 512 -nodetach -stream
sign detached-der-512 512

# OpenSSL's -stream always embeds the content, so it cannot write a detached BER signature. CryptoPro can (the
# spec's 7.6.3 sample): ContentInfo, [0], SignedData and encapContentInfo with indefinite lengths, the rest DER.
# Rewrite OpenSSL's detached DER into that shape; OpenSSL verifies the result below, which checks the rewrite.
to_indefinite() { # in.der out.ber
  node --input-type=module - "$1" "$2" <<'JS'
import { readFileSync, writeFileSync } from 'node:fs';
const [input, output] = process.argv.slice(2);
const der = readFileSync(input);
// Header length of the definite-length element at `at`.
const header = (at) => (der[at + 1] < 0x80 ? 2 : 2 + (der[at + 1] & 0x7f));
const length = (at) => {
  if (der[at + 1] < 0x80) return der[at + 1];
  let n = 0;
  for (let i = 0; i < (der[at + 1] & 0x7f); i++) n = n * 256 + der[at + 2 + i];
  return n;
};
const end = (at) => at + header(at) + length(at);
// Re-emit the element at `at` with indefinite length; `open(childAt)` says which children to open too.
const indefinite = (at, open) => {
  const parts = [Buffer.from([der[at], 0x80])];
  for (let child = at + header(at); child < end(at); child = end(child)) {
    parts.push(open(child) ? indefinite(child, open) : der.subarray(child, end(child)));
  }
  parts.push(Buffer.from([0, 0]));
  return Buffer.concat(parts);
};
const contentInfo = 0;
const explicit = end(contentInfo + header(contentInfo));           // after contentType OID
const signedData = explicit + header(explicit);
let encap = signedData + header(signedData);
encap = end(end(encap));                                           // skip version, digestAlgorithms
const opened = new Set([explicit, signedData, encap]);
writeFileSync(output, indefinite(contentInfo, (at) => opened.has(at)));
JS
}
to_indefinite detached-der-256.p7s detached-ber-256.p7s
to_indefinite detached-der-512.p7s detached-ber-512.p7s
# Signer named by subject key identifier instead of issuer and serial.
sign attached-keyid-256 256 -nodetach -keyid
# Whole chain included.
sign attached-chain-256 256 -nodetach -certfile ca-256.pem

# Base64 copy of one signature, the way the OFD API carries it.
base64 -w0 attached-der-256.p7s > attached-der-256.p7s.b64

# Self-check: OpenSSL verifies what it made.
for f in attached-der-256 attached-ber-256 attached-der-512 attached-ber-512 attached-keyid-256 attached-chain-256; do
  bits=${f##*-}
  quiet openssl cms "${ENGINE[@]}" -verify -binary -inform DER -in "$f.p7s" -CAfile "ca-$bits.pem" -out /dev/null
done
for f in detached-der-256 detached-ber-256 detached-der-512 detached-ber-512; do
  bits=${f##*-}
  quiet openssl cms "${ENGINE[@]}" -verify -binary -inform DER -in "$f.p7s" -content content.txt -CAfile "ca-$bits.pem" -out /dev/null
done
rm -f ca.cnf leaf.cnf ip.cnf
echo "fixtures written to $(pwd)"
