// Worker entry point: exposes an import session (captures, CSV, enrichment) over comlink. No logic
// of its own. The app runs it apart from the analysis workers so that Cancel can end it without
// touching the plant they hold.
import { expose } from 'comlink';
import { createImportSession } from '../src/session/import-session';
import type { ImportWorkerApi } from './import.api';

const api: ImportWorkerApi = createImportSession();
expose(api, self);
