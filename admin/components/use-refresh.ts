/** Runs `load` now, and again every `refreshMs` (when given) while the page stays open. */
import { useEffect } from "react";

export function useRefresh(load: () => void, refreshMs?: number): void {
  useEffect(() => {
    load();
    if (!refreshMs) return undefined;
    const timer = window.setInterval(load, refreshMs);
    return () => window.clearInterval(timer);
  }, [load, refreshMs]);
}
