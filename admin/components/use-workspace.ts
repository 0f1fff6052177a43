/**
 * A review workspace's data and operations: loads the workspace from the record's "review" action
 * (again every `refreshMs` when given), and `run` POSTs one operation, shows the server's notice,
 * redraws from its answer and says whether the operation succeeded.
 */
import { useCallback, useState } from "react";
import { ApiClient, useNotice } from "adminjs";
import { useRefresh } from "./use-refresh.js";

const api = new ApiClient();

export function useWorkspace<W>(resourceId: string, recordId: string, onSuccess: () => void, refreshMs?: number) {
  const addNotice = useNotice();
  const [ws, setWs] = useState<W | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    api.recordAction({ resourceId, recordId, actionName: "review" }).then((res) => setWs((res.data as unknown as { workspace: W }).workspace));
  }, [resourceId, recordId]);
  useRefresh(load, refreshMs);
  const run = async (data: Record<string, string>): Promise<boolean> => {
    setBusy(true);
    try {
      const res = await api.recordAction({ resourceId, recordId, actionName: "review", data });
      const out = res.data as unknown as { workspace: W; notice?: { message: string; type: "success" | "error" } };
      if (out.notice) addNotice(out.notice as never);
      setWs(out.workspace);
      if (out.notice?.type === "success") onSuccess();
      return out.notice?.type === "success";
    } finally {
      setBusy(false);
    }
  };
  return { ws, busy, run };
}
