// The import dialog's worker (an ImportClient, ended when the dialog closes) and its job status.
import { useEffect, useState } from 'react';
import { ImportClient } from '../../client/import-client';
import { IDLE, JobRunner, type JobStatus } from './import-jobs';

export function useImportJobs(): { handle: ImportClient; jobs: JobRunner; status: JobStatus } {
  const [handle] = useState(() => new ImportClient());
  useEffect(() => () => handle.dispose(), [handle]);
  const [status, setStatus] = useState<JobStatus>(IDLE);
  const [jobs] = useState(() => new JobRunner(setStatus));
  return { handle, jobs, status };
}
