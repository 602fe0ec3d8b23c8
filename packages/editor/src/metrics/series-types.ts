/** A version's role when its figures were recorded. */
export type VersionRole = 'main' | 'canary' | 'draft';

/** `GET /api/stats/series`: columns aligned with `buckets` (bucket starts, epoch ms). */
export interface SeriesResponse {
  flowId: string;
  window: string;
  bucket: string;
  bucketMs: number;
  buckets: number[];
  versions: Array<{
    version: number | null;
    role: VersionRole;
    runs: number[];
    failedRuns: number[];
    calls: number[];
    errors: number[];
    p50: (number | null)[];
    p99: (number | null)[];
  }>;
  nodes: Array<{
    version: number | null;
    role: VersionRole;
    nodeId: string;
    type: string;
    calls: number[];
    errors: number[];
    p50: (number | null)[];
    p99: (number | null)[];
  }>;
  callbacks: Record<'matched' | 'early' | 'duplicate' | 'late' | 'rejected', number[]>;
}
