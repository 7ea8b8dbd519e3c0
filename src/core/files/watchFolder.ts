// Notices another window's saves and deletes: a node fs.watch on a folder (the extension host is
// a Node process; inotify on Linux, FSEvents/ReadDirectoryChanges elsewhere), debounced into one
// refresh of the listing. A slow poll backs it up where watching is not available (network file
// systems, a watch limit reached). Used for the conversations and the usage folders.
import * as fs from 'node:fs';

export interface FolderWatch {
  dispose(): void;
}

export interface WatchOptions {
  debounceMs?: number;
  /** Poll interval used when fs.watch fails; 0 = no poll. */
  pollMs?: number;
  log?: { warn(message: string): void };
}

export interface WatchedFolder {
  dir: string;
  /** For messages: "the conversations folder". */
  what: string;
  /** Lists the folder again; resolves to what changed ([] = nothing). */
  refresh(): Promise<string[]>;
}

/** Calls `onChange(changed)` after another process changed something in `folder`. */
export function watchFolder(folder: WatchedFolder, onChange: (changed: string[]) => void, options: WatchOptions = {}): FolderWatch {
  const debounceMs = options.debounceMs ?? 150;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let disposed = false;

  const refresh = async () => {
    if (running) {
      again = true;
      return;
    }
    do {
      again = false;
      running = folder.refresh().then((ids) => {
        if (ids.length > 0 && !disposed) onChange(ids);
      }, (err: unknown) => options.log?.warn(`Could not list ${folder.what}: ${String(err)}`));
      await running;
      running = undefined;
    } while (again && !disposed);
  };
  const schedule = () => {
    if (disposed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refresh(), debounceMs);
  };

  let watcher: fs.FSWatcher | undefined;
  let poll: ReturnType<typeof setInterval> | undefined;
  try {
    watcher = fs.watch(folder.dir, { persistent: false }, schedule);
    watcher.on('error', (err) => {
      options.log?.warn(`Watching ${folder.what} failed (${String(err)}); polling instead.`);
      watcher?.close();
      watcher = undefined;
      startPoll();
    });
  } catch (err) {
    options.log?.warn(`Cannot watch ${folder.what} (${String(err)}); polling instead.`);
    startPoll();
  }
  function startPoll() {
    const ms = options.pollMs ?? 5_000;
    if (ms > 0 && !disposed) poll = setInterval(schedule, ms);
  }

  return {
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      if (poll) clearInterval(poll);
      watcher?.close();
    },
  };
}
