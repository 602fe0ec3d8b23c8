import { useCallback, useEffect, useState } from 'react';
import { useEditor } from '../app/editor-context.ts';
import { EditorError } from '../errors/editor-error.ts';

/** Loads `GET path` when mounted (and on `reload`); `null` path loads nothing. */
export function useApiData<T>(path: string | null): {
  data: T | undefined;
  error: string | undefined;
  reload(): void;
} {
  const { api } = useEditor();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick forces a reload
  useEffect(() => {
    if (!path) return;
    let live = true;
    api.request<T>('GET', path).then(
      (value) => {
        if (!live) return;
        setData(value);
        setError(undefined);
      },
      (err) => {
        if (live) setError(err instanceof EditorError ? `${err.code}: ${err.message}` : String(err));
      },
    );
    return () => {
      live = false;
    };
  }, [api, path, tick]);
  return { data, error, reload: useCallback(() => setTick((t) => t + 1), []) };
}
