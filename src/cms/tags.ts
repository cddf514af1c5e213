/**
 * Universal tag numbers as plain constants for the readers' own use: a bundler inlines these, while the public
 * `UniversalTag` object would be shipped whole wherever it is referenced.
 */
export const INTEGER = 2;
export const OCTET_STRING = 4;
export const OID = 6;
export const SEQUENCE = 16;
export const SET = 17;
export const BIT_STRING = 3;
export const GENERALIZED_TIME = 24;
export const UTC_TIME = 23;
