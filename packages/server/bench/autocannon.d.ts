// The slice of autocannon's API the webhook benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface AutocannonOptions {
    url: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    connections?: number;
    duration?: number;
  }
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
  }
  interface AutocannonResult {
    /** `requests.sent` counts every request written, including those in flight when the run stopped. */
    requests: Histogram & { sent: number; total: number };
    latency: Histogram;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
  }
  /** Runs a load test and resolves with its statistics. */
  export default function autocannon(options: AutocannonOptions): Promise<AutocannonResult>;
}
