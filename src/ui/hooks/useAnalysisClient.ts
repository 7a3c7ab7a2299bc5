// The analysis client for the app's lifetime (its workers, or the main-thread fallback), and the
// notice shown when a worker crashed and restarted.
import { useCallback, useEffect, useState } from 'react';
import { AnalysisClient, type ClientEvent } from '../../client/analysis-client';

/** The worker notice after a client event (undefined: none shown). */
export function noticeAfter(event: ClientEvent, notice: string | undefined): string | undefined {
  switch (event.kind) {
    case 'worker-crashed':
      return `The analysis worker crashed (${event.message}); it restarts on the next request, with the plant and scenario shown.`;
    case 'worker-restarted':
      return notice ? `${notice} Restarted.` : notice;
    case 'fallback':
      return notice; // said by the engine line under the plant summary
  }
}

export function useAnalysisClient(): { client: AnalysisClient | undefined; notice: string | undefined; dismissNotice: () => void } {
  const [client, setClient] = useState<AnalysisClient>();
  const [notice, setNotice] = useState<string>();
  useEffect(() => {
    let cancelled = false;
    let connected: AnalysisClient | undefined;
    void AnalysisClient.connect({ onEvent: (e) => setNotice((n) => noticeAfter(e, n)) }).then((c) => {
      if (cancelled) return c.dispose();
      connected = c;
      setClient(c);
    });
    return () => {
      cancelled = true;
      connected?.dispose();
    };
  }, []);
  const dismissNotice = useCallback(() => setNotice(undefined), []);
  return { client, notice, dismissNotice };
}
