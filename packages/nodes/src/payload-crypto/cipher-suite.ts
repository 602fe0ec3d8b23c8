import type { CipherAlgorithm, CipherMode, PayloadCipher } from './cipher-types.ts';

/** What an algorithm needs: key and block size in bytes and its node:crypto names by mode. */
interface AlgorithmFacts {
  keyBytes: number;
  blockBytes: number;
  names: Partial<Record<CipherMode, string>>;
}

const FACTS: Record<CipherAlgorithm, AlgorithmFacts> = {
  'aes-128': aes(128),
  'aes-192': aes(192),
  'aes-256': aes(256),
  sm4: { keyBytes: 16, blockBytes: 16, names: { ecb: 'sm4-ecb', cbc: 'sm4-cbc', ctr: 'sm4-ctr' } },
  '3des': { keyBytes: 24, blockBytes: 8, names: { ecb: 'des-ede3', cbc: 'des-ede3-cbc' } },
};

function aes(bits: number): AlgorithmFacts {
  const names = {
    ecb: `aes-${bits}-ecb`,
    cbc: `aes-${bits}-cbc`,
    ctr: `aes-${bits}-ctr`,
    gcm: `aes-${bits}-gcm`,
  };
  return { keyBytes: bits / 8, blockBytes: 16, names };
}

/** A recipe's algorithm and mode resolved to sizes and the node:crypto cipher name. */
export interface CipherSuite {
  name: string;
  keyBytes: number;
  blockBytes: number;
  /** 0 for ECB; 12 for GCM; the block size otherwise. */
  ivBytes: number;
  mode: CipherMode;
}

/** The suite of `algorithm` in `mode`, or undefined when that pair does not exist (3DES-GCM). */
export function cipherSuite(recipe: Pick<PayloadCipher, 'algorithm' | 'mode'>): CipherSuite | undefined {
  const facts = FACTS[recipe.algorithm];
  const name = facts?.names[recipe.mode];
  if (!name) return undefined;
  const ivBytes = recipe.mode === 'ecb' ? 0 : recipe.mode === 'gcm' ? 12 : facts.blockBytes;
  return { name, keyBytes: facts.keyBytes, blockBytes: facts.blockBytes, ivBytes, mode: recipe.mode };
}

/** The modes an algorithm has, for messages. */
export function modesOf(algorithm: CipherAlgorithm): CipherMode[] {
  return Object.keys(FACTS[algorithm]?.names ?? {}) as CipherMode[];
}
