/**
 * A per-instance bound on uploads in progress. Each taken slot returns its release function, which is
 * safe to call more than once (the route releases on every way a request can end).
 */
export interface UploadSlots {
  /** A release function, or null when every slot is taken. */
  tryTake(): (() => void) | null;
  readonly inUse: number;
}

export function createUploadSlots(max: number): UploadSlots {
  let inUse = 0;
  return {
    tryTake() {
      if (inUse >= max) return null;
      inUse += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inUse -= 1;
      };
    },
    get inUse() {
      return inUse;
    },
  };
}
