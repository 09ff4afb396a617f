/**
 * Runs `task` on each trigger, but never twice at once: triggers that arrive while it runs are
 * folded into one more run after it. Keeps the outline current while the user types (one
 * AnalysisChanged notification per version) without polling, delays or piled-up requests.
 */
export function coalesce(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const run = async (): Promise<void> => {
    try {
      do {
        again = false;
        try {
          await task();
        } catch {
          // A failed run (the server restarting) must not stop later ones; the next trigger retries.
        }
      } while (again);
    } finally {
      running = null;
    }
  };
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = run();
    return running;
  };
}
