/**
 * A work queue's data and operations (review queues, the support desk): loads one view from the
 * resource's "queue" action (again every `refreshMs` when given), and `post` sends an operation
 * (Next, assign), shows the server's notice and follows its redirect or reloads the view.
 */
import { useCallback, useState } from "react";
import { ApiClient, useNotice } from "adminjs";
import { useRefresh } from "./use-refresh.js";

const api = new ApiClient();

export function useQueue<D>(resourceId: string, view: string, refreshMs?: number) {
  const addNotice = useNotice();
  const [data, setData] = useState<D | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    api.resourceAction({ resourceId, actionName: "queue", params: { view } } as never).then((res) => setData(res.data as D));
  }, [resourceId, view]);
  useRefresh(load, refreshMs);
  const post = async (payload: Record<string, string>) => {
    setBusy(true);
    try {
      const res = await api.resourceAction({ resourceId, actionName: "queue", method: "post", data: payload } as never);
      const out = res.data as { notice?: { message: string; type: "success" | "error" | "info" }; redirectUrl?: string };
      if (out.notice) addNotice(out.notice as never);
      if (out.redirectUrl) window.location.assign(out.redirectUrl);
      else load();
    } finally {
      setBusy(false);
    }
  };
  return { data, busy, post };
}
