/**
 * The fixed COM values the adapter passes to the plug-in. The adapter reads none of them from `window.cadesplugin`:
 * loaders differ by version (the npm `cadesplugin-api` 2.0.2 has no `CADESCOM_CONTAINER_STORE`, and no loader has a
 * name for property id 2), and a value a loader lacks reads `undefined`, which the plug-in answers with 0x80070057.
 *
 * Each value is CAPICOM's or CAdESCOM's documented one; docs/plugin.md ("Constants") gives the documentation page of
 * each and the loader versions that define the same name with the same value.
 */

/** CAPICOM_STORE_LOCATION: the current user's stores. */
export const CAPICOM_CURRENT_USER_STORE = 2;
/** CAdESCOM store location of the certificates in key containers (plug-in 2.0.13292 and newer). */
export const CADESCOM_CONTAINER_STORE = 100;
/** The personal store's name. */
export const CAPICOM_MY_STORE = 'My';
/** CAPICOM_STORE_OPEN_MODE. */
export const CAPICOM_STORE_OPEN_MAXIMUM_ALLOWED = 2;
/** CAPICOM_CERTIFICATE_FIND_TYPE. */
export const CAPICOM_CERTIFICATE_FIND_SHA1_HASH = 0;
export const CAPICOM_CERTIFICATE_FIND_EXTENDED_PROPERTY = 6;
/** CAPICOM_PROPID: "information about the key container in the CSP" — a certificate with it has a private key. */
export const CAPICOM_PROPID_KEY_PROV_INFO = 2;
/** CAPICOM_CERTIFICATE_INCLUDE_OPTION. */
export const CAPICOM_CERTIFICATE_INCLUDE_WHOLE_CHAIN = 1;
export const CAPICOM_CERTIFICATE_INCLUDE_END_ENTITY_ONLY = 2;
/** CADESCOM_CADES_TYPE. */
export const CADESCOM_CADES_BES = 1;
/** CADESCOM_CONTENT_ENCODING_TYPE: `Content` is base64 and the bytes it stands for are signed. */
export const CADESCOM_BASE64_TO_BINARY = 1;
/** CAPICOM_ENCODING_TYPE / CADESCOM_ENCODING_TYPE: results as base64. */
export const CADESCOM_ENCODE_BASE64 = 0;
/** CryptoAPI provider type of GOST R 34.10-2012 (256-bit) keys, for About.CSPVersion / CSPName. */
export const PROV_GOST_2012_256 = 80;
