/**
 * The one way the widget fetches its chunks (journey, plug-in side, English, batch views, report form): once, on
 * first need, kept for the page's life. A fetch that fails (offline, a CDN 404, a deploy that renamed the hashed
 * chunks) is forgotten, so "Повторить" fetches again, and arrives as `CHUNK_UNAVAILABLE` with a sentence in both
 * languages instead of the browser's TypeError.
 */
import { WidgetError } from './errors/widget-error.js';

export type ChunkName = 'journey' | 'plugin' | 'english' | 'batch' | 'report';

export interface Chunk<T> {
  /** The module: fetched the first time, then the same promise; a failed fetch is tried again. */
  (): Promise<T>;
  /** The module once it has arrived (renders are synchronous). */
  module?: T;
  /** Why the last fetch failed; cleared when the next one starts. */
  error?: WidgetError;
}

type Fetch = <T>(name: ChunkName, load: () => Promise<T>) => Promise<T>;

/** How a chunk is fetched: `import()` of the file beside the embed. The seam tests use for a chunk that fails. */
let fetchChunk: Fetch = (_name, load) => load();

/** Replaces how chunks are fetched (tests: a chunk that does not arrive); returns the previous way. */
export function setChunkFetch(fetch: Fetch): Fetch {
  const previous = fetchChunk;
  fetchChunk = fetch;
  return previous;
}

export function chunk<T>(name: ChunkName, load: () => Promise<T>): Chunk<T> {
  let loading: Promise<T> | undefined;
  const get: Chunk<T> = () => {
    if (!loading) {
      get.error = undefined;
      loading = fetchChunk(name, load).then(
        (module) => (get.module = module),
        (cause: unknown) => {
          loading = undefined;
          throw (get.error = new WidgetError('CHUNK_UNAVAILABLE', { cause, detail: name }));
        },
      );
    }
    return loading;
  };
  return get;
}
