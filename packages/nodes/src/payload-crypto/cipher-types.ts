/** A block cipher family; the key size follows from it (AES-128: 16 bytes, SM4: 16, 3DES: 24). */
export type CipherAlgorithm = 'aes-128' | 'aes-192' | 'aes-256' | 'sm4' | '3des';

/** How blocks are chained. `gcm` authenticates too (AES only) and needs a {@link CipherTag}. */
export type CipherMode = 'ecb' | 'cbc' | 'ctr' | 'gcm';

/** How the last block is filled: PKCS#7 (default for ECB and CBC), zero bytes, or nothing (CTR, GCM). */
export type CipherPadding = 'pkcs7' | 'zero' | 'none';

/** How ciphertext (and a prepended IV or a tag with it) is written as text. Hex is read in either case. */
export type CipherEncoding = 'base64' | 'base64url' | 'hex';

/** How a credential's (or a payload's) text becomes bytes. */
export type TextBytes = 'utf8' | 'hex' | 'base64';

/**
 * How the key is derived from a credential secret, in this order: the field's text read as bytes
 * (`read`), optionally digested (`digest`, its bytes `raw` or its lowercase `hex` text), optionally
 * sliced (`slice`). Without anything: the secret's UTF-8 bytes.
 */
export type KeyDerivation = {
  /** The credential field holding the secret; default `appSecret`, else `secret`. */
  field?: string;
  read?: TextBytes;
  digest?: 'md5' | 'sha1' | 'sha256';
  /** The digest's raw bytes (default) or the UTF-8 bytes of its lowercase hex text. */
  digestAs?: 'raw' | 'hex';
  /** Bytes `start` (default 0) to `start + length` (default: to the end). */
  slice?: { start?: number; length?: number };
};

/**
 * Where the IV comes from: a credential field (default `iv`, the credential kinds' IV field), the key itself (its first IV-length bytes), the
 * front of the ciphertext (a random one is prepended when encrypting), or a field of the payload
 * (a JSON pointer; its `*` stand for the same indices as in the field being decrypted).
 */
export type CipherIv =
  | { from: 'credential'; field?: string; read?: TextBytes }
  | { from: 'key' }
  | { from: 'prepended' }
  | { from: 'payload'; pointer: string; read?: TextBytes };

/** A GCM authentication tag: its length in bytes and where it sits in the ciphertext. */
export type CipherTag = {
  length: number;
  position: 'appended' | 'prepended';
};

/**
 * A payload encryption convention as data: algorithm, mode, padding, IV, tag, key derivation,
 * encoding, which fields (JSON pointers, `*` over arrays and objects) and whether the plaintext is
 * text or JSON. Its JSON Schema is {@link PAYLOAD_CIPHER_SCHEMA}; check it with `checkPayloadCipher`.
 */
export type PayloadCipher = {
  algorithm: CipherAlgorithm;
  mode: CipherMode;
  padding?: CipherPadding;
  iv?: CipherIv;
  tag?: CipherTag;
  key?: KeyDerivation;
  /** Default `base64`. */
  encoding?: CipherEncoding;
  /** Default `text`; `json` parses the plaintext (and writes compact JSON when encrypting). */
  plaintext?: 'text' | 'json';
  /** The fields a decrypt step deciphers, e.g. `/cards/*\/cardPwd`. */
  fields?: string[];
};

/** A recipe as configs hold it: a preset id or a recipe. */
export type CipherChoice = string | PayloadCipher;

/** One thing wrong with a recipe, at a JSON pointer into it. */
export type CipherProblem = {
  pointer: string;
  message: string;
};
